export {readBenchmark, readResults, BenchmarkFileError, type BenchmarkRow, type SystemOutput} from "./benchmarkFiles.js";
export {evaluateOutputs, type EvaluationReport, type ErrorExample} from "./evaluate.js";
export {runEngineOnBenchmark, type EngineRunOptions} from "./runEngine.js";
export {renderReport} from "./renderReport.js";
export {evaluationChartSpec, renderEvaluationChart} from "./chart.js";
export {ERROR_CATEGORIES, type ErrorCategory, type RowScore} from "./scoreRow.js";
export type {Distribution, EvaluationSummary} from "./summarize.js";
export type {AggregatedPrecisionRecall, PrecisionRecall, SetComparison} from "./setMetrics.js";
