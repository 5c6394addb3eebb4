export {loadManagedPolicies, loadManagedPolicyNames, managedPoliciesVersion, managedPolicy, managedServiceUsage} from "./loadManagedPolicies.js";
export type {ManagedPolicy, ManagedPolicyName} from "./types.js";
