export {loadManagedPolicies, loadManagedPolicyNames, managedPoliciesVersion, managedPolicy} from "./loadManagedPolicies.js";
export type {ManagedPolicy, ManagedPolicyName} from "./types.js";
