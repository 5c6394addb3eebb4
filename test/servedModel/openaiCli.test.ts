import {existsSync, mkdtempSync, readFileSync} from "node:fs";
import os from "node:os";
import path from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {root, runCli, type CliResult} from "../cli/runCli.js";
import {spawnTestServer, type RunningTestServer} from "./spawnTestServer.js";

const REQUEST = "Allow read-only access to S3 bucket customer-data";
const KEY = "sk-iamgen-test-0123456789-SECRET";
let server: RunningTestServer;
let folder: string;

beforeAll(async () => {
    server = await spawnTestServer();
    folder = mkdtempSync(path.join(os.tmpdir(), "iam-gen-openai-"));
});
afterAll(async () => {
    await server?.close();
});

/** The CLI on the openai engine; settings in a fresh folder, and no key unless `env` gives one. */
function iamGen(baseUrl: string, args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
    return runCli(["--engine", "openai", "--base-url", baseUrl, "--model", "test", ...args], undefined, {IAM_GEN_CONFIG_DIR: folder, OPENAI_API_KEY: "", ...env});
}

/** Exit 3 with exactly one line on stderr and nothing on stdout. */
function expectServerFailure(result: CliResult, message: RegExp) {
    expect(result.status, result.stderr).toBe(3);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message);
}

describe("iam-gen --engine openai against the test server", () => {
    it("prints a checked policy with the engine, the constraint used, tokens and time to first token", async () => {
        const result = iamGen(server.url, [REQUEST, "--json", "--api-key-env", "IAM_GEN_TEST_KEY"], {IAM_GEN_TEST_KEY: KEY});
        expect(result.status, result.stderr).toBe(0);
        const output = JSON.parse(result.stdout);
        expect(output.engine).toBe("openai");
        expect(output.constraint).toMatchObject({kind: "grammar", services: ["s3"]});
        expect(output.constraint.bytes).toBeGreaterThan(1000);
        expect(output.check.valid).toBe(true);
        expect(output.timings.tokens).toBeGreaterThan(0);
        expect(output.timings.timeToFirstTokenMs).toBeGreaterThan(0);
        expect(output.policy.Version).toBe("2012-10-17");
        // The key went to the server, from the variable --api-key-env named, and nowhere else.
        expect((await server.requests()).map((request) => request.authorization)).toContain(`Bearer ${KEY}`);
        expect(result.stdout + result.stderr).not.toContain(KEY);
    });

    it("abandons a server that never answers after --timeout, exit 3; without a key it sends no Authorization header", async () => {
        const url = server.fault("hang");
        expectServerFailure(iamGen(url, [REQUEST, "--constraint", "grammar", "--timeout", "0.5"]), /^iam-gen: no answer from \S+ within 0\.5 s/);
        const prefix = new URL(url).pathname.replace(/\/v1$/, "");
        expect((await server.requests()).filter((request) => request.path.startsWith(prefix)).map((request) => request.authorization)).toEqual([null]);
    });

    it("reports a stream cut half-way as truncated, never as a policy, and saves nothing", () => {
        const out = path.join(folder, "truncated.json");
        const result = iamGen(server.fault("half"), [REQUEST, "--constraint", "grammar", "--out", out], {OPENAI_API_KEY: KEY});
        expectServerFailure(result, /truncated/);
        expect(result.stderr).not.toContain(KEY);
        expect(existsSync(out)).toBe(false);
    });

    it("reports a server that ignores the grammar with one line and saves nothing", () => {
        const out = path.join(folder, "junk.json");
        const result = iamGen(server.fault("junk"), [REQUEST, "--constraint", "grammar", "--max-tokens", "200", "--out", out], {OPENAI_API_KEY: KEY});
        expectServerFailure(result, /ignored the grammar/);
        expect(result.stderr).not.toContain(KEY);
        expect(existsSync(out)).toBe(false);
    });

    it("names the variable, never the key, when the server refuses it, even if the server repeats it", () => {
        const result = iamGen(server.fault("auth"), [REQUEST, "--constraint", "grammar", "--api-key-env", "IAM_GEN_TEST_KEY"], {IAM_GEN_TEST_KEY: KEY});
        expectServerFailure(result, /refused the API key in \$IAM_GEN_TEST_KEY \(HTTP 401\)/);
        expect(result.stderr).not.toContain(KEY);
        const settingsFile = path.join(folder, "config.json");
        if (existsSync(settingsFile))
            expect(readFileSync(settingsFile, "utf8")).not.toContain(KEY);
    });

    it("needs --base-url and --model for the openai engine: exit 2 with one line", () => {
        const result = runCli(["--engine", "openai", REQUEST], undefined, {IAM_GEN_CONFIG_DIR: folder});
        expect(result.status).toBe(2);
        expect(result.stderr).toBe("iam-gen: --engine openai needs --base-url URL and --model NAME (or the settings remoteUrl and remoteModel)\n");
    });

    it("eval --concurrency 4 scores every row of a benchmark from the server", () => {
        const bench = path.join(root, "test", "evaluation", "fixtures", "bench.jsonl");
        const result = runCli(["eval", "--engine", "openai", "--base-url", server.url, "--model", "test", "--concurrency", "4", "--bench", bench, "--json"], undefined, {IAM_GEN_CONFIG_DIR: folder, OPENAI_API_KEY: ""});
        expect(result.status, result.stderr).toBe(0);
        const report = JSON.parse(result.stdout);
        expect({label: report.label, total: report.total, errors: report.errors, schemaValid: report.schemaValid}).toEqual({label: "openai", total: 5, errors: 0, schemaValid: 100});
    });
});
