export {loadManagedPolicies, managedPoliciesVersion} from "./loadManagedPolicies.js";
export type {ManagedPolicy} from "./types.js";
