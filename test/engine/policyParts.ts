import {policyStatements} from "../../source/policy/statements.js";
import type {PolicyDocument, PolicyStatement} from "../../source/policy/types.js";

/** The statements of a result's policy; none when there is no policy. */
export function statements(policy: PolicyDocument | null): PolicyStatement[] {
    return policy == null ? [] : policyStatements(policy);
}

/** The actions a policy names, optionally only in statements of one effect. */
export function actions(policy: PolicyDocument | null, effect?: "Allow" | "Deny"): string[] {
    return statements(policy).filter((statement) => effect == null || statement.Effect === effect)
        .flatMap((statement) => [statement.Action ?? []].flat());
}
