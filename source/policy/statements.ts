import type {PolicyDocument, PolicyStatement} from "./types.js";

/** A policy's statements as a list: AWS also accepts `Statement` as one object. */
export function policyStatements(policy: PolicyDocument): PolicyStatement[] {
    return Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
}
