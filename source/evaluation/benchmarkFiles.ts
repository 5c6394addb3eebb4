import {readFile} from "node:fs/promises";
import {isObject} from "./policyShape.js";

/** One request of a benchmark, with the policy a good answer matches. */
export interface BenchmarkRow {
    id: string;
    prompt: string;
    reference: Record<string, unknown>;
    /** `simple`, `medium` or `complex` in the public benchmarks. */
    complexity?: string;
}

/** What a system produced for one benchmark row. */
export interface SystemOutput {
    id: string;
    /** The raw text; an object given as output is scored as its JSON text, a null output as empty text. */
    text: string;
    /** End-to-end time for the row. */
    ms?: number;
    timeToFirstTokenMs?: number;
    tokensPerSecond?: number;
    tokens?: number;
    /** Why the system produced nothing for this row (an engine error); the row is scored as a failure. */
    error?: string;
    /** What the engine told the user with its result, e.g. "nothing to grant". */
    message?: string;
}

/** A benchmark or results file that cannot be used, with the file and line to fix. */
export class BenchmarkFileError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "BenchmarkFileError";
    }
}

/** Reads benchmark rows `{id, prompt, reference, complexity?}` from a JSONL file. */
export async function readBenchmark(file: string): Promise<BenchmarkRow[]> {
    const rows = (await readJsonLines(file)).map(({value, line}) => {
        if (!isObject(value) || typeof value.id !== "string" || typeof value.prompt !== "string" || !isObject(value.reference))
            throw new BenchmarkFileError(`${file}:${line}: a benchmark row needs "id" and "prompt" strings and a "reference" policy object`);
        return {
            id: value.id,
            prompt: value.prompt,
            reference: value.reference,
            ...(typeof value.complexity === "string" ? {complexity: value.complexity} : {})
        };
    });
    if (rows.length === 0)
        throw new BenchmarkFileError(`${file}: the benchmark has no rows`);
    rejectDuplicateIds(file, rows);
    return rows;
}

/** Reads results rows `{id, output, ms?}` from a JSONL file; `output` is raw text or a policy object. */
export async function readResults(file: string): Promise<SystemOutput[]> {
    const outputs = (await readJsonLines(file)).map(({value, line}) => {
        if (!isObject(value) || typeof value.id !== "string" || !("output" in value))
            throw new BenchmarkFileError(`${file}:${line}: a results row needs an "id" string and an "output"`);
        // null means the system produced nothing: scored as empty text, not as the JSON literal null.
        const text = typeof value.output === "string" ? value.output : value.output == null ? "" : JSON.stringify(value.output);
        return {id: value.id, text, ...(typeof value.ms === "number" ? {ms: value.ms} : {})};
    });
    rejectDuplicateIds(file, outputs);
    return outputs;
}

async function readJsonLines(file: string): Promise<Array<{value: unknown, line: number}>> {
    let text: string;
    try {
        text = await readFile(file, "utf8");
    } catch (error) {
        throw new BenchmarkFileError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const rows: Array<{value: unknown, line: number}> = [];
    text.split("\n").forEach((content, index) => {
        if (content.trim() === "")
            return;
        try {
            rows.push({value: JSON.parse(content), line: index + 1});
        } catch {
            throw new BenchmarkFileError(`${file}:${index + 1}: not a JSON line`);
        }
    });
    return rows;
}

function rejectDuplicateIds(file: string, rows: Array<{id: string}>) {
    const seen = new Set<string>();
    for (const {id} of rows) {
        if (seen.has(id))
            throw new BenchmarkFileError(`${file}: the id "${id}" appears twice`);
        seen.add(id);
    }
}
