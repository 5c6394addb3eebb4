import {execFile} from "node:child_process";
import {mkdtemp, readFile, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {promisify} from "node:util";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import {parseBatchRows} from "../../source/cli/commands/batch.js";

const run = promisify(execFile);
const cli = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
let directory: string;

async function iamGen(...args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
    try {
        const {stdout, stderr} = await run("node", [cli, ...args], {env: {...process.env, FORCE_COLOR: "0"}});
        return {code: 0, stdout, stderr};
    } catch (error) {
        const failed = error as {code: number; stdout: string; stderr: string};
        return {code: failed.code, stdout: failed.stdout, stderr: failed.stderr};
    }
}

beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "iam-gen-generate-"));
});

afterAll(async () => {
    await rm(directory, {recursive: true, force: true});
});

describe("iam-gen \"<request>\"", () => {
    test("prints only the policy on stdout", async () => {
        const {code, stdout} = await iamGen("Allow sending messages to SQS queue orders");
        expect(code).toBe(0);
        const policy = JSON.parse(stdout) as {Statement: Array<{Action: string | string[]; Resource: string}>};
        expect(policy.Statement[0]!.Resource).toBe("arn:aws:sqs:*:*:orders");
    });

    test("--json prints the whole result", async () => {
        const {code, stdout} = await iamGen("--engine", "catalog", "--json", "Allow sending messages to SQS queue orders");
        expect(code).toBe(0);
        const result = JSON.parse(stdout) as {engine: string; check: {valid: boolean}; context: {services: unknown[]}; timings: {totalMs: number}};
        expect(result.engine).toBe("catalog");
        expect(result.check.valid).toBe(true);
        expect(result.context.services.length).toBeGreaterThan(0);
    });

    test("nothing to grant: a one-line message on stderr, nothing on stdout, exit 1", async () => {
        const {code, stdout, stderr} = await iamGen("SELECT * FROM users;");
        expect(code).toBe(1);
        expect(stdout).toBe("");
        expect(stderr).toMatch(/^Nothing to grant/);
    });

    test("--out writes the file and refuses to overwrite it without --force", async () => {
        const file = join(directory, "policy.json");
        expect((await iamGen("--out", file, "Allow reading objects in S3 bucket reports")).code).toBe(0);
        const written = await readFile(file, "utf8");
        expect(JSON.parse(written)).toHaveProperty("Statement");

        const refused = await iamGen("--out", file, "Allow sending messages to SQS queue orders");
        expect(refused.code).toBe(2);
        expect(refused.stderr).toMatch(/already exists; use --force/);
        expect(await readFile(file, "utf8")).toBe(written);

        expect((await iamGen("--out", file, "--force", "Allow sending messages to SQS queue orders")).code).toBe(0);
        expect(await readFile(file, "utf8")).toContain("sqs:SendMessage");
    });

    test("a bad --account is a one-line error", async () => {
        const {code, stderr} = await iamGen("--account", "42", "Allow sending messages to SQS queue orders");
        expect(code).toBe(2);
        expect(stderr.trim().split("\n")).toHaveLength(1);
    });
});

describe("iam-gen batch", () => {
    test("writes {id, output, ms, engine} per row and reports bad lines by number", async () => {
        const input = join(directory, "prompts.jsonl");
        const output = join(directory, "results.jsonl");
        await writeFile(input, [
            JSON.stringify({id: "a", prompt: "Allow sending messages to SQS queue orders"}),
            "not json",
            JSON.stringify({id: "b"}),
            JSON.stringify({id: "c", prompt: "🔥"})
        ].join("\n"));
        const {code, stderr} = await iamGen("batch", "--in", input, "--out", output);
        expect(code).toBe(1);
        expect(stderr).toContain("line 2: not JSON");
        expect(stderr).toContain("line 3: missing \"prompt\"");
        const rows = (await readFile(output, "utf8")).trim().split("\n").map((line) => JSON.parse(line) as {id: string; output: string; ms: number; engine: string; message?: string});
        expect(rows.map((row) => row.id)).toEqual(["a", "c"]);
        expect(JSON.parse(rows[0]!.output)).toHaveProperty("Statement");
        expect(rows[0]!.engine).toBe("catalog");
        expect(rows[0]!.ms).toBeGreaterThan(0);
        expect(rows[1]!.output).toBe("");
        expect(rows[1]!.message).toMatch(/Nothing to grant/);
    });

    test("parseBatchRows accepts numeric ids and rejects duplicates", () => {
        const {rows, problems} = parseBatchRows(`{"id": 1, "prompt": "x"}\n\n{"id": "1", "prompt": "y"}\n[]`);
        expect(rows).toEqual([{id: "1", prompt: "x"}]);
        expect(problems).toEqual(["line 3: duplicate id \"1\"", "line 4: expected an object {id, prompt}"]);
    });
});
