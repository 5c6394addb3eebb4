import {execFile} from "node:child_process";
import {mkdtemp, readFile, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {promisify} from "node:util";
import {afterAll, beforeAll, describe, expect, it} from "vitest";

const run = promisify(execFile);
const cli = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
const benchFile = fileURLToPath(new URL("fixtures/bench.jsonl", import.meta.url));
let directory: string;
let selfResults: string;

async function iamGen(...args: string[]): Promise<{code: number, stdout: string, stderr: string}> {
    try {
        const {stdout, stderr} = await run("node", [cli, ...args], {env: {...process.env, FORCE_COLOR: "0"}});
        return {code: 0, stdout, stderr};
    } catch (error) {
        const failed = error as {code: number, stdout: string, stderr: string};
        return {code: failed.code, stdout: failed.stdout, stderr: failed.stderr};
    }
}

beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "iam-gen-eval-"));
    // The references as outputs, given as objects (the results format allows raw text or an object).
    const rows = (await readFile(benchFile, "utf8")).trim().split("\n").map((line) => JSON.parse(line) as {id: string, reference: unknown});
    selfResults = join(directory, "self.jsonl");
    await writeFile(selfResults, rows.map((row, index) => JSON.stringify({id: row.id, output: row.reference, ms: 10 + index})).join("\n") + "\n");
});

afterAll(async () => {
    await rm(directory, {recursive: true, force: true});
});

describe("iam-gen eval with an engine", () => {
    it("runs the catalog engine with and without retrieval and reports both", async () => {
        const {code, stdout} = await iamGen("eval", "--bench", benchFile, "--engine", "catalog", "--compare-rag", "--json");
        expect(code).toBe(0);
        const {bench, total, runs} = JSON.parse(stdout);
        expect({bench, total}).toEqual({bench: "bench.jsonl", total: 5});
        expect(runs.map((run: {label: string}) => run.label)).toEqual(["catalog", "catalog, no RAG"]);
        for (const run of runs) {
            expect(run.total).toBe(5);
            expect(run.latencyMs.rows).toBe(5);
            expect(run.errors).toBe(0);
        }
    });

    it("refuses --compare-rag with --results", async () => {
        const {code, stderr} = await iamGen("eval", "--bench", benchFile, "--results", selfResults, "--compare-rag");
        expect(code).toBe(2);
        expect(stderr).toBe("iam-gen: --compare-rag runs an engine; it cannot be combined with --results\n");
    });
});

describe("iam-gen eval --results", () => {
    it("prints one JSON object with the figures", async () => {
        const {code, stdout} = await iamGen("eval", "--bench", benchFile, "--results", selfResults, "--json");
        expect(code).toBe(0);
        const report = JSON.parse(stdout);
        expect(report).toMatchObject({
            bench: "bench.jsonl", label: "self", total: 5,
            jsonValid: 100, jsonExtracted: 100, schemaValid: 100, serviceAccuracy: 100, serviceAccuracyAll: 100, effectAccuracy: 100,
            actionF1Macro: 1, actionF1Micro: 1, hallucinationRate: 0,
            latencyMs: {rows: 5, p50: 12, p95: 14}
        });
        expect(Object.keys(report.byComplexity)).toEqual(["simple", "medium", "complex"]);
        expect(report.rows).toBeUndefined();
    });

    it("prints a table and the error analysis", async () => {
        const {code, stdout} = await iamGen("eval", "--bench", benchFile, "--results", selfResults, "--limit", "2");
        expect(code).toBe(0);
        expect(stdout).toContain("Evaluation on bench.jsonl (2 rows)");
        expect(stdout).toMatch(/JSON valid\s+100\.0%/);
        expect(stdout).toMatch(/Allow actions F1 macro \/ micro\s+1\.000 \/ 1\.000/);
        expect(stdout).toMatch(/Correct\s+2\s+100\.0%/);
        expect(stdout).not.toContain("not in the benchmark");
    });

    it("scores --compare files in columns beside the run", async () => {
        const partial = join(directory, "one-row.jsonl");
        await writeFile(partial, "{\"id\":\"s3_read\",\"output\":\"{}\"}\n");
        const {code, stdout} = await iamGen("eval", "--bench", benchFile, "--results", selfResults, "--compare", partial, "--json");
        expect(code).toBe(0);
        const {runs} = JSON.parse(stdout);
        expect(runs.map((run: {label: string, jsonValid: number}) => [run.label, run.jsonValid])).toEqual([["self", 100], ["one-row", 20]]);
        const table = await iamGen("eval", "--bench", benchFile, "--results", selfResults, "--compare", partial);
        expect(table.stdout).toMatch(/JSON valid\s+100\.0%\s+20\.0%/);
    });

    it("says how many rows had no output", async () => {
        const partial = join(directory, "partial.jsonl");
        await writeFile(partial, "{\"id\":\"s3_read\",\"output\":\"I cannot help with that.\"}\n");
        const {code, stdout} = await iamGen("eval", "--bench", benchFile, "--results", partial);
        expect(code).toBe(0);
        expect(stdout).toContain("4 of 5 rows had no output and count as failures.");
        expect(stdout).toMatch(/No JSON\s+5\s+100\.0%/);
    });

    it("writes every row to --out and a chart to --chart", async () => {
        const out = join(directory, "report.json");
        const svg = join(directory, "charts", "eval.svg");
        const png = join(directory, "eval.png");
        expect(await iamGen("eval", "--bench", benchFile, "--results", selfResults, "--out", out, "--chart", svg)).toMatchObject({code: 0, stderr: ""});
        expect(await iamGen("eval", "--bench", benchFile, "--results", selfResults, "--chart", png)).toMatchObject({code: 0, stderr: ""});
        const report = JSON.parse(await readFile(out, "utf8"));
        expect(report.rows).toHaveLength(5);
        expect(report.rows[0]).toMatchObject({id: "s3_read", jsonValid: true, allow: {truePositives: 2, predicted: 2, expected: 2}});
        const svgText = await readFile(svg, "utf8");
        expect(svgText.startsWith("<svg")).toBe(true);
        expect(svgText).toContain("Action F1 macro");
        expect((await readFile(png)).subarray(1, 4).toString()).toBe("PNG");
    });

    it("reports unusable input in one line with exit code 2", async () => {
        const broken = join(directory, "broken.jsonl");
        await writeFile(broken, "{\"id\":\"a\",\"output\":\"x\"}\nnot json\n");
        const cases = [
            {args: ["--results", broken], message: `iam-gen: ${broken}:2: not a JSON line\n`},
            {args: ["--results", join(directory, "absent.jsonl")], message: /^iam-gen: cannot read .*absent\.jsonl: ENOENT\n$/},
            {args: ["--results", selfResults, "--chart", "chart.jpg"], message: "iam-gen: --chart needs a .svg or .png file name, not \"chart.jpg\"\n"}
        ];
        for (const {args, message} of cases) {
            const {code, stderr} = await iamGen("eval", "--bench", benchFile, ...args);
            expect(code).toBe(2);
            if (typeof message === "string")
                expect(stderr).toBe(message);
            else
                expect(stderr).toMatch(message);
        }
    });
});
