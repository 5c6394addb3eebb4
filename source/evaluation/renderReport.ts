import chalk from "chalk";
import type {EvaluationReport} from "./evaluate.js";
import {ERROR_CATEGORIES, type ErrorCategory} from "./scoreRow.js";
import type {Distribution, EvaluationSummary} from "./summarize.js";

type Cell = (summary: EvaluationSummary) => string;

const percent = (value: number) => `${value.toFixed(1)}%`;
const ratio = (value: number) => value.toFixed(3);
const milliseconds = (distribution: Distribution | null, pick: (value: Distribution) => number) => distribution == null ? "–" : `${pick(distribution).toFixed(pick(distribution) < 10 ? 2 : 0)} ms`;

/** The rows of the main table: label and how to print the figure. */
const METRIC_ROWS: ReadonlyArray<[label: string, cell: Cell]> = [
    ["JSON valid", (summary) => percent(summary.jsonValid)],
    ["JSON extracted", (summary) => percent(summary.jsonExtracted)],
    ["Schema valid", (summary) => percent(summary.schemaValid)],
    ["Service accuracy (over extracted)", (summary) => percent(summary.serviceAccuracy)],
    ["Service accuracy (over all rows)", (summary) => percent(summary.serviceAccuracyAll)],
    ["Effect accuracy (over extracted)", (summary) => percent(summary.effectAccuracy)],
    ["Effect accuracy (over all rows)", (summary) => percent(summary.effectAccuracyAll)],
    ["Allow actions precision macro / micro", (summary) => `${ratio(summary.actionPrecisionMacro)} / ${ratio(summary.actionPrecisionMicro)}`],
    ["Allow actions recall macro / micro", (summary) => `${ratio(summary.actionRecallMacro)} / ${ratio(summary.actionRecallMicro)}`],
    ["Allow actions F1 macro / micro", (summary) => `${ratio(summary.actionF1Macro)} / ${ratio(summary.actionF1Micro)}`],
    ["Deny actions F1 macro / micro", (summary) => summary.deny.rows === 0 ? "–" : `${ratio(summary.deny.f1Macro)} / ${ratio(summary.deny.f1Micro)} (${summary.deny.rows} rows)`],
    ["Invented actions", (summary) => percent(summary.hallucinationRate)],
    ["Exact match after normalisation", (summary) => percent(summary.exactMatch)],
    ["Checker: ERROR (of extracted)", (summary) => summary.findings.checked === 0 ? "–" : percent(summary.findings.error)],
    ["Checker: ERROR or SECURITY_WARNING", (summary) => summary.findings.checked === 0 ? "–" : percent(summary.findings.errorOrSecurityWarning)],
    ["Latency p50 / p95", (summary) => summary.latencyMs == null ? "–" : `${milliseconds(summary.latencyMs, (value) => value.p50)} / ${milliseconds(summary.latencyMs, (value) => value.p95)}`],
    ["Time to first token p50", (summary) => milliseconds(summary.timeToFirstTokenMs, (value) => value.p50)],
    ["Tokens per second (mean)", (summary) => summary.tokensPerSecond == null ? "–" : summary.tokensPerSecond.mean.toFixed(1)]
];

const COMPLEXITY_ROWS: ReadonlyArray<[label: string, cell: Cell]> = [
    ["schema valid", (summary) => percent(summary.schemaValid)],
    ["service accuracy (all rows)", (summary) => percent(summary.serviceAccuracyAll)],
    ["action F1 macro", (summary) => ratio(summary.actionF1Macro)]
];

const CATEGORY_LABELS: Record<ErrorCategory, string> = {
    no_json: "No JSON",
    invalid_schema: "Invalid schema",
    wrong_services: "Wrong services (Jaccard < 0.5)",
    wrong_effect: "Wrong effect",
    correct: "Correct"
};

/** The readable report: one column per run (e.g. with and without retrieval), then by complexity, then the error analysis. */
export function renderReport(benchmark: string, reports: EvaluationReport[]): string {
    const total = reports[0]!.total;
    const lines = [chalk.bold(`Evaluation on ${benchmark} (${total} ${total === 1 ? "row" : "rows"})`), ""];
    lines.push(...table(["", ...reports.map((report) => report.label)], METRIC_ROWS.map(([label, cell]) => [label, ...reports.map(cell)])));

    const complexities = Object.keys(reports[0]!.byComplexity);
    if (complexities.length > 1) {
        lines.push("", chalk.bold("By complexity"));
        const rows: string[][] = [];
        for (const complexity of complexities) {
            for (const [label, cell] of COMPLEXITY_ROWS) {
                rows.push([
                    `${complexity} (${reports[0]!.byComplexity[complexity]!.total}): ${label}`,
                    ...reports.map((report) => cell(report.byComplexity[complexity]!))
                ]);
            }
        }
        lines.push(...table(["", ...reports.map((report) => report.label)], rows));
    }

    for (const report of reports) {
        lines.push("", chalk.bold(`Error analysis${reports.length > 1 ? ` (${report.label})` : ""}`), ...errorAnalysis(report));
        const notes = [
            report.missing > 0 ? `${report.missing} of ${report.total} rows had no output and count as failures.` : "",
            report.errors > 0 ? `${report.errors} rows failed with an engine error and count as failures.` : "",
            report.unmatchedOutputs > 0 ? `${report.unmatchedOutputs} outputs name ids that are not in the benchmark and were ignored.` : ""
        ].filter((note) => note !== "");
        if (notes.length > 0)
            lines.push("", ...notes.map((note) => chalk.yellow(note)));
    }
    return lines.join("\n");
}

function errorAnalysis(report: EvaluationReport): string[] {
    const lines: string[] = [];
    for (const category of ERROR_CATEGORIES) {
        const count = report.categories[category];
        lines.push(`  ${CATEGORY_LABELS[category].padEnd(32)} ${String(count).padStart(4)}  ${percent(report.total === 0 ? 0 : count / report.total * 100).padStart(6)}`);
    }
    for (const category of ERROR_CATEGORIES.filter((category) => category !== "correct")) {
        for (const example of report.examples[category]) {
            const output = example.output == null ? chalk.dim("(no output)")
                : example.output.trim() === "" ? chalk.dim("(empty output)")
                    : category === "no_json" ? oneLineEnd(example.output, 110) : oneLine(example.output, 110);
            const services = category === "wrong_services" && example.serviceAccuracy != null ? `, service Jaccard ${example.serviceAccuracy.toFixed(2)}` : "";
            lines.push(`  ${chalk.dim(`${CATEGORY_LABELS[category]}:`)} ${example.id} (${example.complexity}${services}) ${oneLine(example.prompt, 80)}`);
            lines.push(`      ${chalk.dim("→")} ${output}`);
            if (example.note != null)
                lines.push(`      ${chalk.dim(oneLine(example.note, 120))}`);
        }
    }
    return lines;
}

function table(header: string[], rows: string[][]): string[] {
    const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]!.length)));
    const format = (row: string[]) => row.map((cell, column) => column === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[column]!)).join("   ").trimEnd();
    return [chalk.bold(format(header)), ...rows.map(format)];
}

function oneLineEnd(text: string, length: number) {
    const flat = text.replace(/\s+/g, " ").trim();
    return flat.length > length ? `…${flat.slice(-(length - 1))}` : flat;
}

function oneLine(text: string, length: number) {
    const flat = text.replace(/\s+/g, " ").trim();
    return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}
