import {mkdir, writeFile} from "node:fs/promises";
import {basename, dirname, extname} from "node:path";
import {Command, InvalidArgumentError, Option} from "commander";
import {loadCatalog} from "../../catalog/index.js";
import {BenchmarkFileError, readBenchmark, readResults, type BenchmarkRow} from "../../evaluation/benchmarkFiles.js";
import {renderEvaluationChart} from "../../evaluation/chart.js";
import {evaluateOutputs, type EvaluationReport} from "../../evaluation/evaluate.js";
import {renderReport} from "../../evaluation/renderReport.js";
import {runEngineOnBenchmark} from "../../evaluation/runEngine.js";
import {CliError} from "../CliError.js";
import {addEngineFlags, type EngineFlags, generatorFor} from "./generate.js";

interface EvalOptions extends EngineFlags {
    bench: string;
    results?: string;
    compare?: string[];
    compareRag?: boolean;
    limit?: number;
    json?: boolean;
    out?: string;
    chart?: string;
    concurrency: number;
}

/**
 * `iam-gen eval --bench FILE`: runs an engine over a benchmark (or, with `--results`, scores outputs
 * produced elsewhere) and prints the prototype's metrics, the stricter action metrics and an error
 * analysis; `--json`, `--out` and `--chart` write them for machines, files and the README.
 */
export function evalCommand() {
    const command = new Command("eval")
        .description("score an engine, or outputs produced elsewhere, on a benchmark: the prototype's metrics, action precision/recall after expanding wildcards, invented actions, error analysis")
        .requiredOption("--bench <file>", "benchmark JSONL, rows {id, prompt, reference, complexity?}")
        .option("--results <file>", "score outputs produced elsewhere instead of running an engine: JSONL rows {id, output, ms?}, output raw text or a policy object")
        .option("--compare-rag", "run the engine with and without retrieval and show both columns")
        .option("--compare <files...>", "also score these results files (rows {id, output, ms?}) in columns beside the run, e.g. a baseline")
        .option("--limit <n>", "only the first N rows of the benchmark", parsePositiveInteger)
        .option("--concurrency <n>", "rows generated at once, for a served model (--engine openai) that answers requests in parallel", parsePositiveInteger, 1)
        .option("--json", "print the figures as one JSON object ({runs: [...]} with --compare-rag or --compare)")
        .option("--out <file>", "write the whole report, with every row's scores, as JSON")
        .addOption(new Option("--chart <file>", "draw the main metrics and the metrics by complexity (.svg or .png)"));
    return addEngineFlags(command).action(async (options: EvalOptions) => {
        if (options.chart != null && !/\.(svg|png)$/i.test(options.chart))
            throw new CliError(`--chart needs a .svg or .png file name, not "${options.chart}"`);
        if (options.results != null && options.compareRag)
            throw new CliError("--compare-rag runs an engine; it cannot be combined with --results");

        const rows = await readInput(() => readBenchmark(options.bench));
        const benchmark = options.limit == null ? rows : rows.slice(0, options.limit);
        const reports: EvaluationReport[] = [];
        if (options.results != null)
            reports.push(await scoreResultsFile(options.results, benchmark, rows));
        else
            reports.push(...await runEngine(options, benchmark, options.compareRag ? [true, false] : [options.rag]));
        for (const file of options.compare ?? [])
            reports.push(await scoreResultsFile(file, benchmark, rows));
        await writeReports(options, benchmark, reports);
    });
}

/** Scores a results file on the chosen rows; outputs for the rows that --limit left out are set aside, not reported as strays. */
async function scoreResultsFile(file: string, benchmark: BenchmarkRow[], allRows: BenchmarkRow[]): Promise<EvaluationReport> {
    const chosen = new Set(benchmark.map((row) => row.id));
    const leftOut = new Set(allRows.filter((row) => !chosen.has(row.id)).map((row) => row.id));
    const outputs = (await readInput(() => readResults(file))).filter((output) => !leftOut.has(output.id));
    return evaluateOutputs(benchmark, outputs, loadCatalog(), basename(file, extname(file)));
}

/** Runs the engine over the rows once per retrieval setting, loading it (and its model) once. */
async function runEngine(options: EvalOptions, benchmark: BenchmarkRow[], ragSettings: boolean[]): Promise<EvaluationReport[]> {
    const generator = await generatorFor(options);
    if (generator.message != null)
        process.stderr.write(`iam-gen: ${generator.message}\n`);
    try {
        const reports: EvaluationReport[] = [];
        for (const rag of ragSettings) {
            const label = [generator.engine.name, rag ? "" : "no RAG", options.managed ? "managed" : "", options.companions ? "" : "no companions"].filter((part) => part !== "").join(", ");
            const progress = progressBar(label);
            try {
                const outputs = await runEngineOnBenchmark(generator.engine, benchmark, {rag, managed: options.managed, companions: options.companions, concurrency: options.concurrency, onProgress: progress.update});
                reports.push(evaluateOutputs(benchmark, outputs, loadCatalog(), label));
            } finally {
                progress.done();
            }
        }
        return reports;
    } finally {
        await generator.dispose();
    }
}

/** A one-line progress bar on stderr, drawn only when stderr is a terminal. */
function progressBar(label: string) {
    const stream = process.stderr;
    const width = 30;
    return {
        update(done: number, total: number) {
            if (!stream.isTTY)
                return;
            const filled = Math.round(done / total * width);
            stream.write(`\r${label}  ${"█".repeat(filled)}${"░".repeat(width - filled)}  ${done}/${total}`);
        },
        done() {
            if (stream.isTTY)
                stream.write("\r\x1b[2K");
        }
    };
}

async function writeReports(options: EvalOptions, benchmark: BenchmarkRow[], reports: EvaluationReport[]) {
    const benchName = basename(options.bench);
    if (options.out != null)
        await writeOutput(options.out, JSON.stringify(reportsJson(benchName, benchmark.length, reports, true), null, 2) + "\n");
    if (options.chart != null) {
        const format = options.chart.toLowerCase().endsWith(".png") ? "png" : "svg";
        await writeOutput(options.chart, await renderEvaluationChart(reports, `${benchName}: ${reports.map((report) => report.label).join(" vs ")}`, format));
    }
    if (options.json)
        console.log(JSON.stringify(reportsJson(benchName, benchmark.length, reports, false), null, 2));
    else
        console.log(renderReport(benchName, reports));
}

/** One report as one object; several (--compare-rag, --compare) as `{bench, total, runs: [...]}`. Rows only in `--out`. */
function reportsJson(bench: string, rows: number, reports: EvaluationReport[], withRows: boolean) {
    const shaped = reports.map(({rows: scores, ...report}) => ({bench, ...report, ...(withRows ? {rows: scores} : {})}));
    return shaped.length === 1 ? shaped[0] : {bench, total: rows, runs: shaped};
}

async function readInput<T>(read: () => Promise<T>): Promise<T> {
    try {
        return await read();
    } catch (error) {
        if (error instanceof BenchmarkFileError)
            throw new CliError(error.message);
        throw error;
    }
}

async function writeOutput(file: string, content: string | Buffer) {
    try {
        await mkdir(dirname(file), {recursive: true});
        await writeFile(file, content);
    } catch (error) {
        throw new CliError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
}

function parsePositiveInteger(value: string) {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1)
        throw new InvalidArgumentError("expected a whole number of at least 1");
    return number;
}
