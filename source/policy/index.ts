export {checkPolicy, type CheckOptions} from "./checkPolicy.js";
export {normalizePolicy, formatPolicy, type NormalizeOptions} from "./normalizePolicy.js";
export {policySize, SIZE_LIMITS} from "./size.js";
export {extractPolicyJson} from "./extractPolicyJson.js";
export {policyStatements} from "./statements.js";
export * from "./types.js";
