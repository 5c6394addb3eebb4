import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";
import {loadCatalog} from "../../source/catalog/index.js";
import {openResults, parseBatchRows} from "../../source/cli/commands/batch.js";
import {validateBytes} from "../../source/cli/commands/validate.js";
import {CliError} from "../../source/cli/CliError.js";
import {requestProblem} from "../../source/cli/requestText.js";
import {PolicyGenerator} from "../../source/generator/PolicyGenerator.js";
import {checkModelFile, ModelFileError} from "../../source/llm/modelFile.js";
import {checkPolicy, parseJsonStrict, type PolicyDocument, wideningChanges} from "../../source/policy/index.js";
import {correctPolicy} from "../../source/policy/repairStatement.js";
import {CatalogLookups} from "../../source/policy/CatalogLookups.js";
import {SettingsStore} from "../../source/settings/Settings.js";
import {isBroader} from "../../source/simulation/index.js";
import {CONTROL_CHARACTER} from "../cli/runCli.js";
import {mutatedModel} from "./ggufMutations.js";
import {policyText} from "./policyInputs.js";
import {Random} from "./random.js";
import {batchText, followUpText, requestText} from "./requestInputs.js";
import {settingsChange, settingsPlace} from "./settingsInputs.js";
import {tuiInput} from "./tuiInputs.js";
import {tuiInputChecker} from "./tuiSession.js";

/** A run longer than this is a hang. */
export const HANG_MS = 5000;

export interface FuzzFailure {
    input: string;
    problem: string;
}

export interface FuzzReport {
    entry: string;
    runs: number;
    failures: FuzzFailure[];
    slowestMs: number;
}

/** One entry point: how to make an input from the seeded generator, and what must hold when it runs (a problem, or undefined). */
interface EntryPoint<T> {
    generate(random: Random, run: number): T;
    check(input: T): Promise<string | undefined>;
    describe(input: T): string;
}

async function fuzz<T>(entry: string, point: EntryPoint<T>, count: number, seed: number): Promise<FuzzReport> {
    const random = new Random(seed);
    const report: FuzzReport = {entry, runs: 0, failures: [], slowestMs: 0};
    for (let run = 0; run < count; run++) {
        const input = point.generate(random, run);
        const started = performance.now();
        let problem: string | undefined;
        try {
            problem = await point.check(input);
        } catch (error) {
            problem = `threw ${error instanceof Error ? error.stack?.split("\n").slice(0, 3).join(" | ") : String(error)}`;
        }
        const ms = performance.now() - started;
        report.slowestMs = Math.max(report.slowestMs, ms);
        if (ms > HANG_MS)
            problem ??= `took ${Math.round(ms)} ms`;
        if (problem != null)
            report.failures.push({input: point.describe(input).slice(0, 500), problem});
        report.runs++;
    }
    return report;
}

const catalog = loadCatalog();

/**
 * `validate` and `validate --fix` on a generated policy text: no crash, nothing printed with a control
 * character, and the repaired policy allows no more than the input meant (the input with its misspelt
 * names corrected), by the structural check and by the offline evaluator.
 */
async function checkValidate(text: string): Promise<string | undefined> {
    const bytes = Buffer.from(text);
    const printed = outcomeOf(() => validateBytes(bytes, "fuzz.json", {type: "managed", json: text.length % 2 === 0}));
    if (CONTROL_CHARACTER.test(printed.text))
        return `validate printed a control character: ${JSON.stringify(printed.text.match(CONTROL_CHARACTER)?.[0])}`;
    const fixed = outcomeOf(() => validateBytes(bytes, "fuzz.json", {type: "managed", fix: true}));
    if (CONTROL_CHARACTER.test(fixed.text))
        return "validate --fix printed a control character";
    // repairPolicy's own check refused the normaliser's result: a repair tried to widen.
    if (fixed.text.startsWith("cannot fix this:"))
        return fixed.text;
    if (fixed.stdout === "")
        return undefined;
    const before = correctPolicy(parseJsonStrict(text.replace(/^\uFEFF/, "")).value as PolicyDocument, CatalogLookups.for(catalog));
    const after = JSON.parse(fixed.stdout) as PolicyDocument;
    const widening = wideningChanges(before, after);
    if (widening.length > 0)
        return `--fix widened: ${widening.join("; ")}`;
    if (checkPolicy(before).findings.every((finding) => finding.severity !== "ERROR") && isBroader(before, after, {catalog}))
        return "--fix widened, by the evaluator";
    return undefined;
}

/** What a CLI function printed, a CliError's message included (as main would print it). */
function outcomeOf(run: () => {stdout: string; stderr: string}): {stdout: string; text: string} {
    try {
        const {stdout, stderr} = run();
        return {stdout, text: stdout + stderr};
    } catch (error) {
        if (error instanceof CliError)
            return {stdout: "", text: error.message};
        throw error;
    }
}

let generator: PolicyGenerator | undefined;
async function catalogGenerator(): Promise<PolicyGenerator> {
    generator ??= await PolicyGenerator.create({engine: "catalog"});
    return generator;
}

/** A request as `iam-gen -` takes it: junk stops before retrieval; anything else gives a policy or nothing, never a throw. */
async function checkGenerate(request: string): Promise<string | undefined> {
    if (requestProblem(request) != null)
        return undefined;
    const result = await (await catalogGenerator()).generate(request);
    return result.policy != null && !Array.isArray(result.policy.Statement) ? "a policy without a Statement array" : undefined;
}

async function checkRefine([request, followUp]: [string, string]): Promise<string | undefined> {
    const session = await catalogGenerator();
    if ((await session.generate(request)).policy == null)
        return undefined;
    const result = await session.refine(followUp);
    return result.policy == null && result.unchanged !== true ? "a follow-up lost the policy" : undefined;
}

function checkBatch(directory: string) {
    return async (text: string): Promise<string | undefined> => {
        const {rows, problems} = parseBatchRows(text);
        if (rows.some((row) => typeof row.id !== "string" || typeof row.prompt !== "string"))
            return "a row without a string id and prompt";
        if (problems.some((problem) => problem.startsWith("line 1:")) && /^\uFEFF\{"id":("[^"]+"|\d+),"prompt"/.test(text))
            return "a BOM broke line 1";
        // A killed run's file: the rows already written, the last one cut anywhere.
        const out = path.join(directory, "results.jsonl");
        writeFileSync(out, rows.map((row) => JSON.stringify({id: row.id, output: ""})).join("\n").slice(0, text.length % 400));
        const done = openResults(out, {resume: true});
        return [...done].some((id) => !rows.some((row) => row.id === id)) ? "resume kept an id that was never written" : undefined;
    };
}

function checkSettings(directory: string) {
    return async ({random, run}: {random: Random; run: number}): Promise<string | undefined> => {
        const folder = settingsPlace(random, path.join(directory, String(run)));
        const {store, warning} = await SettingsStore.open(folder);
        if (warning != null && warning.includes("\n"))
            return "a warning of more than one line";
        void store.values;
        const [key, value] = settingsChange(random);
        try {
            store.setFromText(key, value);
        } catch (error) {
            if (!(error instanceof Error) || error.message.includes("\n") || error.constructor !== Error)
                return `setFromText threw ${String(error)}`;
        }
        return undefined;
    };
}

function checkModelHeader(directory: string) {
    const file = path.join(directory, "model.gguf");
    return async (bytes: Buffer): Promise<string | undefined> => {
        writeFileSync(file, bytes);
        try {
            await checkModelFile(file);
        } catch (error) {
            if (!(error instanceof ModelFileError))
                return `threw ${String(error)}`;
            if (CONTROL_CHARACTER.test(error.message))
                return "a model error with a control character";
        }
        return undefined;
    };
}

export const ENTRY_POINTS = ["validate --fix", "generate", "refine", "batch", "settings", "model header", "tui input"] as const;
export type EntryName = typeof ENTRY_POINTS[number];

/** Runs `count` seeded inputs through one entry point. */
export async function fuzzEntry(entry: EntryName, count: number, seed: number): Promise<FuzzReport> {
    const directory = mkdtempSync(path.join(tmpdir(), "iam-gen-fuzz-"));
    try {
        switch (entry) {
            case "validate --fix":
                return await fuzz(entry, {generate: policyText, check: checkValidate, describe: (text) => text}, count, seed);
            case "generate":
                return await fuzz(entry, {generate: requestText, check: checkGenerate, describe: JSON.stringify}, count, seed);
            case "refine":
                return await fuzz(entry, {generate: (random) => [requestText(random), followUpText(random)] as [string, string], check: checkRefine, describe: (pair) => JSON.stringify(pair)}, count, seed);
            case "batch":
                return await fuzz(entry, {generate: batchText, check: checkBatch(directory), describe: JSON.stringify}, count, seed);
            case "settings": {
                const check = checkSettings(directory);
                // The place is made inside the check (it is files), from a generator of its own seeded by the run.
                return await fuzz(entry, {generate: (_, run) => ({random: new Random(seed * 7919 + run), run}), check, describe: ({run}) => `settings place of run ${run}`}, count, seed);
            }
            case "model header":
                return await fuzz(entry, {generate: mutatedModel, check: checkModelHeader(directory), describe: (bytes) => `${bytes.length} bytes`}, count, seed);
            case "tui input": {
                const {check, close} = tuiInputChecker();
                try {
                    return await fuzz(entry, {generate: tuiInput, check, describe: JSON.stringify}, count, seed);
                } finally {
                    close();
                }
            }
        }
    } finally {
        rmSync(directory, {recursive: true, force: true});
    }
}
