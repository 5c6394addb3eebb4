import {existsSync, readFileSync} from "node:fs";
import {Command} from "commander";
import type {GenerationResult} from "../../engine/types.js";
import {CliError} from "../CliError.js";
import {addEngineFlags, generatorFor, writeOutputFile, type EngineFlags} from "./generate.js";

interface BatchRow {
    id: string;
    prompt: string;
}

/** Reads `{id, prompt}` rows; a bad line is reported with its number and skipped. */
export function parseBatchRows(text: string): {rows: BatchRow[]; problems: string[]} {
    const rows: BatchRow[] = [];
    const problems: string[] = [];
    const ids = new Set<string>();
    text.split(/\r?\n/).forEach((line, index) => {
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

/** `iam-gen batch --in prompts.jsonl --out results.jsonl`: one result row `{id, output, ms, engine}` per prompt, for evaluation. */
export function batchCommand() {
    return addEngineFlags(new Command("batch")
        .description("generate policies for every {id, prompt} row of a JSONL file; writes {id, output, ms, engine} rows")
        .requiredOption("--in <file>", "JSONL file of {id, prompt} rows (\"-\" for stdin)")
        .requiredOption("--out <file>", "JSONL file to write the results to")
        .option("--force", "overwrite the --out file if it exists"))
        .action(async (options: EngineFlags & {in: string; out: string; force?: boolean}) => {
            if (!options.force && existsSync(options.out))
                throw new CliError(`${options.out} already exists; use --force to overwrite it`);
            let text: string;
            try {
                text = readFileSync(options.in === "-" ? 0 : options.in, "utf8");
            } catch (error) {
                throw new CliError(`cannot read ${options.in}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
            }
            const {rows, problems} = parseBatchRows(text);
            for (const problem of problems)
                process.stderr.write(`${options.in}: ${problem}\n`);
            if (rows.length === 0)
                throw new CliError(`${options.in} has no {id, prompt} rows`);

            const generator = await generatorFor(options);
            const lines: string[] = [];
            try {
                if (generator.message != null)
                    process.stderr.write(`${generator.message}\n`);
                for (const [index, row] of rows.entries()) {
                    const started = performance.now();
                    const result: GenerationResult = await generator.generate(row.prompt);
                    const ms = Math.round((performance.now() - started) * 1000) / 1000;
                    lines.push(JSON.stringify({
                        id: row.id,
                        output: result.policy == null ? "" : result.text,
                        ms,
                        engine: result.engine,
                        ...(result.message != null ? {message: result.message} : {}),
                        ...(result.managedPolicy != null ? {managedPolicy: result.managedPolicy} : {})
                    }));
                    if (process.stderr.isTTY)
                        process.stderr.write(`\r${index + 1}/${rows.length}`);
                }
                if (process.stderr.isTTY)
                    process.stderr.write("\n");
            } finally {
                await generator.dispose();
            }
            writeOutputFile(options.out, `${lines.join("\n")}\n`, options.force ?? false);
            process.stderr.write(`wrote ${rows.length} result${rows.length === 1 ? "" : "s"} to ${options.out}${problems.length > 0 ? `; skipped ${problems.length} bad line${problems.length === 1 ? "" : "s"}` : ""}\n`);
            if (problems.length > 0)
                process.exitCode = 1;
        });
}
