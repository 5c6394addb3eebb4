export {retrieve, type RetrieveOptions} from "./retrieve.js";
export {detectServices, type ServiceMention, type NamedAction} from "./detectServices.js";
export {detectEffect, detectIntents} from "./detectIntents.js";
export {rankCandidates} from "./rankCandidates.js";
export {extractResources, buildArn} from "./extractResources.js";
export {extractConditions} from "./extractConditions.js";
export {tokenize} from "./text.js";
export type * from "./types.js";
