export {verifyGeneration, type GenerationToVerify} from "./verifyGeneration.js";
export {probesOfRequest} from "./requestProbes.js";
export {probesOfReference} from "./referenceProbes.js";
export {runProbes} from "./runProbes.js";
export {describeProbe, verificationLine, verificationSummary} from "./describeProbe.js";
export type * from "./types.js";
