export {parseAccessDenied, looksLikeAccessDenied} from "./parseAccessDenied.js";
export {fixAccessDenied, type FixOutcome} from "./fixAccessDenied.js";
export {describeDenial} from "./explainDenial.js";
export type * from "./types.js";
