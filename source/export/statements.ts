import {toList} from "../policy/lists.js";
import {policyStatements} from "../policy/statements.js";
import type {ConditionValue, PolicyDocument} from "../policy/types.js";
import {ExportError} from "./types.js";

/** One condition test: an operator, a key and its values (one block per key in Terraform). */
export interface ConditionTest {
    operator: string;
    key: string;
    values: ConditionValue[];
}

/** A statement with every list as a list, in the shape all formats write from. */
export interface ExportStatement {
    sid?: string;
    effect: "Allow" | "Deny";
    actions?: string[];
    notActions?: string[];
    resources?: string[];
    notResources?: string[];
    conditions: ConditionTest[];
}

const KNOWN_KEYS = new Set(["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"]);

/**
 * The statements of an identity policy. A Principal (a resource policy) or a key no format has a place
 * for is refused: an export that dropped it would say something else than the policy.
 */
export function exportStatements(policy: PolicyDocument): ExportStatement[] {
    return policyStatements(policy).map((statement, index) => {
        const unknown = Object.keys(statement).filter((key) => !KNOWN_KEYS.has(key));
        if (unknown.length > 0)
            throw new ExportError(`statement ${index + 1} has ${unknown.join(", ")}: only identity policies (no Principal) can be exported`);
        if (statement.Effect !== "Allow" && statement.Effect !== "Deny")
            throw new ExportError(`statement ${index + 1} has no Effect of Allow or Deny`);
        const conditions = Object.entries(statement.Condition ?? {}).flatMap(([operator, keys]) =>
            Object.entries(keys).map(([key, values]) => ({operator, key, values: toList(values)})));
        return {
            ...(statement.Sid != null ? {sid: statement.Sid} : {}),
            effect: statement.Effect,
            ...(statement.Action !== undefined ? {actions: toList(statement.Action)} : {}),
            ...(statement.NotAction !== undefined ? {notActions: toList(statement.NotAction)} : {}),
            ...(statement.Resource !== undefined ? {resources: toList(statement.Resource)} : {}),
            ...(statement.NotResource !== undefined ? {notResources: toList(statement.NotResource)} : {}),
            conditions
        };
    });
}
