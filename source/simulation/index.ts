export {evaluate, evaluateDecision, decide, CompiledPolicies, type Policies} from "./evaluate.js";
export {comparePolicies, isBroader, type CompareOptions, type ConditionalChange, type PairChange, type PolicyComparison, type ProbePair} from "./comparePolicies.js";
export {effectiveDiff, describeEffectiveChange, widens, type EffectiveChange, type EffectiveChangeKind, type EffectiveDiff} from "./effectiveDiff.js";
export type * from "./types.js";
export {describeEvaluation, isActionName, parseContextPairs, type EvaluationStyle} from "./describeEvaluation.js";
