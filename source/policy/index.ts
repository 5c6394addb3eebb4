export {checkPolicy, checkPolicyText, type CheckOptions} from "./checkPolicy.js";
export {parseJsonStrict, JsonSyntaxError, MAX_JSON_DEPTH, type JsonKeyProblem} from "./strictJson.js";
export {normalizePolicy, formatPolicy, type NormalizeOptions} from "./normalizePolicy.js";
export {repairPolicy, type RepairOutcome} from "./repairPolicy.js";
export {wideningChanges} from "./wideningCheck.js";
export {policySize, SIZE_LIMITS} from "./size.js";
export {extractPolicyJson} from "./extractPolicyJson.js";
export {policyStatements} from "./statements.js";
export * from "./types.js";
