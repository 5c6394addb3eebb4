import {mkdir, writeFile} from "node:fs/promises";
import {basename, dirname, extname} from "node:path";
import {Command, InvalidArgumentError, Option} from "commander";
import {loadCatalog} from "../../catalog/index.js";
import {BenchmarkFileError, readBenchmark, readResults, type BenchmarkRow} from "../../evaluation/benchmarkFiles.js";
import {evaluateOutputs, type EvaluationReport} from "../../evaluation/evaluate.js";
import {renderReport} from "../../evaluation/renderReport.js";
import {CliError} from "../CliError.js";

interface EvalOptions {
    bench: string;
    results?: string;
    limit?: number;
    json?: boolean;
    out?: string;
    chart?: string;
}

/**
 * `iam-gen eval --bench FILE --results FILE`: scores a system's outputs on a benchmark and prints the
 * prototype's metrics, the stricter action metrics and an error analysis; `--json`, `--out` and
 * `--chart` write them for machines, files and the README.
 */
export function evalCommand() {
    return new Command("eval")
        .description("score outputs on a benchmark: the prototype's metrics, action precision/recall after expanding wildcards, invented actions, error analysis")
        .requiredOption("--bench <file>", "benchmark JSONL, rows {id, prompt, reference, complexity?}")
        .option("--results <file>", "score outputs produced elsewhere: JSONL rows {id, output, ms?}, output raw text or a policy object")
        .option("--limit <n>", "only the first N rows of the benchmark", parsePositiveInteger)
        .option("--json", "print the figures as one JSON object")
        .option("--out <file>", "write the whole report, with every row's scores, as JSON")
        .addOption(new Option("--chart <file>", "draw the main metrics and the metrics by complexity (.svg or .png)"))
        .action(async (options: EvalOptions) => {
            if (options.results == null)
                throw new CliError("say what to score: --results FILE");
            if (options.chart != null && !/\.(svg|png)$/i.test(options.chart))
                throw new CliError(`--chart needs a .svg or .png file name, not "${options.chart}"`);

            const rows = await readInput(() => readBenchmark(options.bench));
            const benchmark = options.limit == null ? rows : rows.slice(0, options.limit);
            const outputs = await readInput(() => readResults(options.results!));
            const reports = [evaluateOutputs(benchmark, outputs, loadCatalog(), basename(options.results, extname(options.results)))];
            await writeReports(options, benchmark, reports);
        });
}

async function writeReports(options: EvalOptions, benchmark: BenchmarkRow[], reports: EvaluationReport[]) {
    const benchName = basename(options.bench);
    if (options.out != null)
        await writeOutput(options.out, JSON.stringify(reportsJson(benchName, benchmark.length, reports, true), null, 2) + "\n");
    if (options.chart != null) {
        const format = options.chart.toLowerCase().endsWith(".png") ? "png" : "svg";
        // Loaded on demand: Vega and resvg would add to every command's start-up time.
        const {renderEvaluationChart} = await import("../../evaluation/chart.js");
        await writeOutput(options.chart, await renderEvaluationChart(reports, `${benchName}: ${reports.map((report) => report.label).join(" vs ")}`, format));
    }
    if (options.json)
        console.log(JSON.stringify(reportsJson(benchName, benchmark.length, reports, false), null, 2));
    else
        console.log(renderReport(benchName, reports));
}

/** One report as one object; several (with and without retrieval) as `{runs: [...]}`. Rows only in `--out`. */
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
