import type {Catalog} from "../catalog/index.js";
import {ActionExpander} from "./ActionExpander.js";
import type {BenchmarkRow, SystemOutput} from "./benchmarkFiles.js";
import {ERROR_CATEGORIES, type ErrorCategory, type RowScore, scoreRow} from "./scoreRow.js";
import {type EvaluationSummary, summarize} from "./summarize.js";

/** One row shown in the error analysis. */
export interface ErrorExample {
    id: string;
    complexity: string;
    prompt: string;
    /** An excerpt of the output: its end for "no_json" (where parsing broke), else its start; null when missing. */
    output: string | null;
    serviceAccuracy: number | null;
    /** The engine's error or message for the row, when it gave one. */
    note?: string;
}

export interface EvaluationReport extends EvaluationSummary {
    /** What was evaluated, e.g. the results file or `catalog engine, rag`. */
    label: string;
    /** Outputs whose id is not a row of the benchmark (ignored). */
    unmatchedOutputs: number;
    /** The same figures per complexity (`simple`, `medium`, `complex`, then any other). */
    byComplexity: Record<string, EvaluationSummary>;
    /** A few rows of each error-analysis category. */
    examples: Record<ErrorCategory, ErrorExample[]>;
    rows: RowScore[];
}

const COMPLEXITY_ORDER = ["simple", "medium", "complex"];
const EXAMPLES_PER_CATEGORY = 3;
const EXAMPLE_OUTPUT_CHARS = 200;

/**
 * Scores a system's outputs on a benchmark: every row of the benchmark counts, and a row without an
 * output is a failure on every metric.
 */
export function evaluateOutputs(rows: BenchmarkRow[], outputs: SystemOutput[], catalog: Catalog, label: string): EvaluationReport {
    const byId = new Map(outputs.map((output) => [output.id, output]));
    const expander = new ActionExpander(catalog);
    const scores = rows.map((row) => scoreRow(row, byId.get(row.id), expander));
    const benchmarkIds = new Set(rows.map((row) => row.id));
    const complexities = [...new Set(scores.map((score) => score.complexity))].sort((a, b) => complexityRank(a) - complexityRank(b) || a.localeCompare(b));

    return {
        label,
        ...summarize(scores),
        unmatchedOutputs: outputs.filter((output) => !benchmarkIds.has(output.id)).length,
        byComplexity: Object.fromEntries(complexities.map((complexity) => [complexity, summarize(scores.filter((score) => score.complexity === complexity))])),
        examples: Object.fromEntries(ERROR_CATEGORIES.map((category) => [
            category,
            scores.filter((score) => score.category === category).slice(0, EXAMPLES_PER_CATEGORY).map(toExample)
        ])) as Record<ErrorCategory, ErrorExample[]>,
        rows: scores
    };
}

function complexityRank(complexity: string) {
    const rank = COMPLEXITY_ORDER.indexOf(complexity);
    return rank < 0 ? COMPLEXITY_ORDER.length : rank;
}

function toExample(score: RowScore): ErrorExample {
    return {
        id: score.id,
        complexity: score.complexity,
        prompt: score.prompt,
        output: score.output == null ? null : score.category === "no_json" ? score.output.slice(-EXAMPLE_OUTPUT_CHARS) : score.output.slice(0, EXAMPLE_OUTPUT_CHARS),
        serviceAccuracy: score.serviceAccuracy,
        ...(score.error != null ? {note: `error: ${score.error}`} : score.message != null ? {note: score.message} : {})
    };
}
