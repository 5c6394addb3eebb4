import {mkdtemp, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {beforeAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import type {GenerationResult, PolicyEngine} from "../../source/engine/types.js";
import {readBenchmark, readResults, type BenchmarkRow, type SystemOutput} from "../../source/evaluation/benchmarkFiles.js";
import {evaluateOutputs} from "../../source/evaluation/evaluate.js";
import {runEngineOnBenchmark} from "../../source/evaluation/runEngine.js";
import {distribution} from "../../source/evaluation/summarize.js";

const benchFile = fileURLToPath(new URL("fixtures/bench.jsonl", import.meta.url));
const catalog = loadCatalog();
let rows: BenchmarkRow[];

beforeAll(async () => {
    rows = await readBenchmark(benchFile);
});

const selfOutputs = () => rows.map((row): SystemOutput => ({id: row.id, text: JSON.stringify(row.reference)}));

describe("evaluateOutputs", () => {
    it("scores the references themselves 100% on every metric with no invented action", () => {
        const report = evaluateOutputs(rows, selfOutputs(), catalog, "self");
        expect(report).toMatchObject({
            total: 5, missing: 0, errors: 0,
            jsonValid: 100, jsonExtracted: 100, schemaValid: 100,
            serviceAccuracy: 100, serviceAccuracyAll: 100, effectAccuracy: 100, effectAccuracyAll: 100,
            actionPrecisionMacro: 1, actionRecallMacro: 1, actionF1Macro: 1,
            actionPrecisionMicro: 1, actionRecallMicro: 1, actionF1Micro: 1,
            deny: {rows: 2, f1Macro: 1, f1Micro: 1},
            hallucinationRate: 0,
            exactMatch: 100,
            categories: {correct: 5, no_json: 0, invalid_schema: 0, wrong_services: 0, wrong_effect: 0}
        });
        for (const summary of Object.values(report.byComplexity))
            expect(summary).toMatchObject({schemaValid: 100, actionF1Macro: 1, hallucinationRate: 0});
        expect(Object.keys(report.byComplexity)).toEqual(["simple", "medium", "complex"]);
    });

    it("gives Allow * on * almost no precision", () => {
        const everything = JSON.stringify({Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "*", Resource: "*"}]});
        const report = evaluateOutputs(rows, rows.map((row) => ({id: row.id, text: everything})), catalog, "allow-all");
        expect(report.schemaValid).toBe(100);
        expect(report.actionPrecisionMicro).toBeLessThan(0.01);
        expect(report.actionPrecisionMacro).toBeLessThan(0.01);
        expect(report.actionRecallMicro).toBe(1);
    });

    it("counts missing rows as failures everywhere and says how many", () => {
        const outputs = selfOutputs().slice(0, 3);
        const report = evaluateOutputs(rows, [...outputs, {id: "not-in-bench", text: "{}"}], catalog, "partial");
        expect(report.missing).toBe(2);
        expect(report.unmatchedOutputs).toBe(1);
        expect(report.jsonValid).toBe(60);
        expect(report.serviceAccuracy).toBe(100);
        expect(report.serviceAccuracyAll).toBe(60);
        // mfa_guardrail allows nothing, so an output that allows nothing agrees with it.
        expect(report.actionF1Macro).toBeCloseTo(0.8);
        expect(report.deny.f1Macro).toBe(0.5);
        expect(report.categories.no_json).toBe(2);
        expect(report.examples.no_json.map((example) => example.output)).toEqual([null, null]);
    });

    it("reads policies out of code fences and prose, and fails truncated ones", () => {
        const [first, second] = rows;
        const fenced = `Sure! Here it is:\n\`\`\`json\n${JSON.stringify(first!.reference, null, 2)}\n\`\`\`\nThis grants read access.`;
        const truncated = JSON.stringify(second!.reference).slice(0, 60);
        const report = evaluateOutputs([first!, second!], [{id: first!.id, text: fenced}, {id: second!.id, text: truncated}], catalog, "text");
        const [fencedScore, truncatedScore] = report.rows;
        expect(fencedScore).toMatchObject({jsonValid: false, jsonExtracted: true, schemaValid: true, category: "correct"});
        expect(fencedScore!.allow).toEqual({truePositives: 2, predicted: 2, expected: 2});
        expect(truncatedScore).toMatchObject({jsonValid: false, jsonExtracted: false, schemaValid: false, serviceAccuracy: null, category: "no_json"});
        expect(report.examples.no_json[0]!.output).toBe(truncated);
    });

    it("flags invented actions, but not an unknown action the reference names too", () => {
        const reference = {Version: "2012-10-17", Statement: [{Effect: "Allow", Action: ["zocalo:Describe*", "s3:GetObject"], Resource: "*"}]};
        const row: BenchmarkRow = {id: "retired", prompt: "p", reference};
        const invented = {Version: "2012-10-17", Statement: [{Effect: "Allow", Action: ["zocalo:describe*", "s3:GetObjekt", "s3:Get*"], Resource: "*"}]};
        const self = evaluateOutputs([row], [{id: "retired", text: JSON.stringify(reference)}], catalog, "self");
        expect(self.hallucinationRate).toBe(0);
        expect(self.actionF1Macro).toBe(1);
        const report = evaluateOutputs([row], [{id: "retired", text: JSON.stringify(invented)}], catalog, "invented");
        expect(report.rows[0]!.inventedActions).toEqual(["s3:GetObjekt"]);
        expect(report.hallucinationRate).toBe(100);
    });

    it("grants nothing for a policy that fails the schema check", () => {
        const [first] = rows;
        const noVersion = JSON.stringify({Statement: (first!.reference as {Statement: unknown}).Statement});
        const report = evaluateOutputs([first!], [{id: first!.id, text: noVersion}], catalog, "no-version");
        expect(report.rows[0]).toMatchObject({jsonValid: true, schemaValid: false, serviceAccuracy: 1, category: "invalid_schema"});
        expect(report.rows[0]!.allow).toEqual({truePositives: 0, predicted: 0, expected: 2});
    });

    it("scores Deny only on rows whose reference denies", () => {
        const report = evaluateOutputs(rows, selfOutputs(), catalog, "self");
        expect(report.rows.filter((row) => row.deny != null).map((row) => row.id)).toEqual(["ec2_start_stop", "mfa_guardrail"]);
        const allowOnly = evaluateOutputs(rows, rows.map((row) => ({
            id: row.id,
            text: JSON.stringify({Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "ec2:StartInstances", Resource: "*"}]})
        })), catalog, "allow-only");
        expect(allowOnly.deny).toMatchObject({rows: 2, f1Macro: 0, recallMicro: 0});
    });
});

describe("exact match and checker findings", () => {
    it("matches after normalisation: order, letter case, duplicates, one statement or a list, Sids", () => {
        const [first] = rows;
        const reordered = {Statement: [{Sid: "ReadReports", Resource: ["arn:aws:s3:::reports/*", "arn:aws:s3:::reports"], Action: ["s3:listbucket", "S3:GetObject", "s3:GetObject"], Effect: "Allow"}], Version: "2012-10-17"};
        const widened = {Version: "2012-10-17", Statement: {Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket", "s3:PutObject"], Resource: ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]}};
        const report = evaluateOutputs([first!, {...first!, id: "widened"}], [{id: first!.id, text: JSON.stringify(reordered)}, {id: "widened", text: JSON.stringify(widened)}], catalog, "normalised");
        expect(report.rows.map((row) => row.exactMatch)).toEqual([true, false]);
        expect(report.exactMatch).toBe(50);
    });

    it("shares the outputs with ERROR or SECURITY_WARNING findings among the extracted ones", () => {
        const everything = {Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "*", Resource: "*"}]};
        const unknown = {Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "s3:GetObjekt", Resource: "*"}]};
        const outputs = [{id: rows[0]!.id, text: JSON.stringify(everything)}, {id: rows[1]!.id, text: JSON.stringify(unknown)}, {id: rows[2]!.id, text: "no policy"}];
        const report = evaluateOutputs(rows.slice(0, 3), outputs, catalog, "findings");
        expect(report.findings).toEqual({checked: 2, error: 50, errorOrSecurityWarning: 100});
        expect(report.rows[1]!.findings!.errors).toContain("UNKNOWN_ACTION");
        expect(report.rows[2]!.findings).toBeNull();
    });
});

describe("results files", () => {
    it("takes raw text or a policy object as output, and null as no text", async () => {
        const directory = await mkdtemp(join(tmpdir(), "iam-gen-results-"));
        try {
            const file = join(directory, "results.jsonl");
            await writeFile(file, [
                JSON.stringify({id: "a", output: "```json\n{}\n```", ms: 3, engine: "other"}),
                "",
                JSON.stringify({id: "b", output: {Version: "2012-10-17"}}),
                JSON.stringify({id: "c", output: null})
            ].join("\n"));
            expect(await readResults(file)).toEqual([
                {id: "a", text: "```json\n{}\n```", ms: 3},
                {id: "b", text: "{\"Version\":\"2012-10-17\"}"},
                {id: "c", text: ""}
            ]);
            await writeFile(file, JSON.stringify({id: "a", output: "x"}) + "\n" + JSON.stringify({id: "a", output: "y"}) + "\n");
            await expect(readResults(file)).rejects.toThrow(`${file}: the id "a" appears twice`);
            await writeFile(file, JSON.stringify({output: "x"}) + "\n");
            await expect(readResults(file)).rejects.toThrow(`${file}:1: a results row needs an "id" string and an "output"`);
        } finally {
            await rm(directory, {recursive: true, force: true});
        }
    });
});

describe("latency figures", () => {
    it("uses nearest-rank percentiles over the rows that report a time", () => {
        expect(distribution([5, undefined, 1, 3, 2, 4])).toEqual({rows: 5, mean: 3, p50: 3, p95: 5});
        expect(distribution([undefined])).toBeNull();
    });
});

describe("runEngineOnBenchmark", () => {
    /** An engine that answers every request with its row's reference, and fails on one request. */
    function referenceEngine(failOn: string): PolicyEngine {
        const byPrompt = new Map(rows.map((row) => [row.prompt, row.reference]));
        return {
            name: "catalog",
            async *generate(request) {
                if (request === failOn)
                    throw new Error("model crashed");
                yield {type: "context", context: null};
                const result = {
                    engine: "catalog", request, policy: null, text: JSON.stringify(byPrompt.get(request)), check: null, repairs: [],
                    context: null, rag: true, timings: {totalMs: 1, retrievalMs: 0, timeToFirstTokenMs: 2, tokensPerSecond: 40, tokens: 9}
                } satisfies GenerationResult;
                yield {type: "done", result};
                return result;
            }
        };
    }

    it("runs one conversation per row, keeps engine timings and records a failing row as a failure", async () => {
        const progress: number[] = [];
        const outputs = await runEngineOnBenchmark(referenceEngine(rows[1]!.prompt), rows, {onProgress: (done) => progress.push(done)});
        expect(progress).toEqual([1, 2, 3, 4, 5]);
        expect(outputs[1]).toMatchObject({id: rows[1]!.id, text: "", error: "model crashed"});
        expect(outputs[0]).toMatchObject({timeToFirstTokenMs: 2, tokensPerSecond: 40, tokens: 9});
        expect(outputs[0]!.ms).toBeGreaterThanOrEqual(0);

        const report = evaluateOutputs(rows, outputs, catalog, "engine");
        expect(report.errors).toBe(1);
        expect(report.schemaValid).toBe(80);
        expect(report.tokensPerSecond).toMatchObject({rows: 4, mean: 40});
        expect(report.latencyMs?.rows).toBe(5);
    });
});
