import {appendFileSync, existsSync, readFileSync, truncateSync, writeFileSync} from "node:fs";
import {Command} from "commander";
import type {PolicyGenerator} from "../../generator/PolicyGenerator.js";
import {CliError} from "../CliError.js";
import {printable} from "../../text/printable.js";
import {readInput} from "../readInput.js";
import {requestProblem} from "../requestText.js";
import {addEngineFlags, generatorFor, type EngineFlags} from "./generate.js";
import type {ExportFormat} from "../../export/index.js";
import {addFormatOption, policyOutput} from "../exportFormat.js";

interface BatchRow {
    id: string;
    prompt: string;
}

interface BatchOptions extends EngineFlags {
    in: string;
    out: string;
    force?: boolean;
    resume?: boolean;
    format: ExportFormat;
}

/** A benchmark file is thousands of short rows; past this it is not one. */
const MAX_BATCH_BYTES = 64 << 20;

/** Reads `{id, prompt}` rows; a bad line is reported with its number and skipped. A leading BOM is not part of line 1. */
export function parseBatchRows(text: string): {rows: BatchRow[]; problems: string[]} {
    const rows: BatchRow[] = [];
    const problems: string[] = [];
    const ids = new Set<string>();
    text.replace(/^\uFEFF/, "").split(/\r?\n/).forEach((line, index) => {
        const number = index + 1;
        if (line.trim() === "")
            return;
        let value: unknown;
        try {
            value = JSON.parse(line);
        } catch {
            problems.push(`line ${number}: not JSON`);
            return;
        }
        if (typeof value !== "object" || value == null || Array.isArray(value)) {
            problems.push(`line ${number}: expected an object {id, prompt}`);
            return;
        }
        const {id, prompt} = value as {id?: unknown; prompt?: unknown};
        if ((typeof id !== "string" && typeof id !== "number") || String(id) === "") {
            problems.push(`line ${number}: missing "id"`);
            return;
        }
        if (typeof prompt !== "string") {
            problems.push(`line ${number}: missing "prompt" (a string)`);
            return;
        }
        if (ids.has(String(id))) {
            problems.push(`line ${number}: duplicate id "${id}"`);
            return;
        }
        ids.add(String(id));
        rows.push({id: String(id), prompt});
    });
    return {rows, problems};
}

/**
 * Prepares --out for rows appended as they finish: created, emptied (--force), or kept (--resume),
 * in which case a row cut off by a killed run is dropped and the ids already written are returned.
 */
export function openResults(file: string, {force, resume}: {force?: boolean; resume?: boolean}): Set<string> {
    if (force === true && resume === true)
        throw new CliError("--force and --resume: use one of them");
    try {
        if (!existsSync(file) || force === true) {
            writeFileSync(file, "");
            return new Set();
        }
        if (resume !== true)
            throw new CliError(`${file} already exists; use --force to overwrite it, or --resume to finish it`);
        const text = readFileSync(file, "utf8");
        const complete = text.slice(0, text.lastIndexOf("\n") + 1);
        if (complete.length < text.length)
            truncateSync(file, Buffer.byteLength(complete));
        return new Set(complete.split("\n").flatMap((line) => {
            try {
                const id = (JSON.parse(line) as {id?: unknown}).id;
                return typeof id === "string" ? [id] : [];
            } catch {
                return [];
            }
        }));
    } catch (error) {
        if (error instanceof CliError)
            throw error;
        throw new CliError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
}

/** One result row; a request that fails (or is junk) is a row with its reason, never the end of the run. */
async function resultRow(generator: PolicyGenerator, row: BatchRow, options: BatchOptions): Promise<{line: string; failed: boolean}> {
    const started = performance.now();
    const ms = () => Math.round((performance.now() - started) * 1000) / 1000;
    const junk = requestProblem(row.prompt);
    if (junk != null)
        return {line: JSON.stringify({id: row.id, output: "", ms: ms(), message: `Nothing to grant: the prompt ${junk}`}), failed: false};
    try {
        const result = await generator.generate(row.prompt);
        return {
            line: JSON.stringify({
                id: row.id,
                output: result.policy == null ? "" : policyOutput(result.policy, result.text, options.format, {request: row.prompt, account: options.account, region: options.region}),
                ms: ms(),
                engine: result.engine,
                ...(result.message != null ? {message: result.message} : {}),
                ...(result.managedPolicy != null ? {managedPolicy: result.managedPolicy} : {})
            }),
            failed: false
        };
    } catch (error) {
        return {line: JSON.stringify({id: row.id, output: "", ms: ms(), error: error instanceof Error ? error.message : String(error)}), failed: true};
    }
}

/** `iam-gen batch --in prompts.jsonl --out results.jsonl`: one result row `{id, output, ms, engine}` per prompt, written as it finishes. */
export function batchCommand() {
    return addFormatOption(addEngineFlags(new Command("batch")
        .description("generate policies for every {id, prompt} row of a JSONL file; writes {id, output, ms, engine} rows as they finish")
        .requiredOption("--in <file>", "JSONL file of {id, prompt} rows (\"-\" for stdin)")
        .requiredOption("--out <file>", "JSONL file to write the results to")
        .option("--force", "overwrite the --out file if it exists")
        .option("--resume", "keep the rows an interrupted run wrote to --out, and generate the rest")))
        .action(async (options: BatchOptions) => {
            const text = new TextDecoder("utf-8", {fatal: false}).decode(await readInput({file: options.in, maxBytes: MAX_BATCH_BYTES}));
            const {rows, problems} = parseBatchRows(text);
            for (const problem of problems)
                process.stderr.write(`${printable(options.in)}: ${printable(problem)}\n`);
            if (rows.length === 0)
                throw new CliError(`${options.in} has no {id, prompt} rows`);
            const done = openResults(options.out, options);
            const todo = rows.filter((row) => !done.has(row.id));

            const generator = await generatorFor(options);
            let failures = 0;
            try {
                if (generator.message != null)
                    process.stderr.write(`${generator.message}\n`);
                for (const [index, row] of todo.entries()) {
                    const {line, failed} = await resultRow(generator, row, options);
                    appendFileSync(options.out, `${line}\n`);
                    if (failed)
                        failures++;
                    if (process.stderr.isTTY)
                        process.stderr.write(`\r${index + 1}/${todo.length}`);
                }
                if (process.stderr.isTTY && todo.length > 0)
                    process.stderr.write("\n");
            } finally {
                await generator.dispose();
            }
            const kept = rows.length - todo.length;
            process.stderr.write(`wrote ${todo.length} result${todo.length === 1 ? "" : "s"} to ${printable(options.out)}${kept > 0 ? ` (${kept} kept from before)` : ""}`
                + `${failures > 0 ? `; ${failures} failed` : ""}${problems.length > 0 ? `; skipped ${problems.length} bad line${problems.length === 1 ? "" : "s"}` : ""}\n`);
            if (problems.length > 0 || failures > 0)
                process.exitCode = 1;
        });
}
