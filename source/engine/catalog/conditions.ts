import type {Catalog} from "../../catalog/index.js";
import type {CatalogAction} from "../../catalog/types.js";
import type {ConditionBlock} from "../../policy/types.js";
import type {ConditionHint, ConditionKind, Effect} from "../../retrieval/types.js";
import {actionSupportsConditionKey} from "../../catalog/conditionKeys.js";

export interface ConditionEntry {
    operator: string;
    key: string;
    values: string[];
}

/** Kinds that say which resources a statement is about; the others say what must hold for the request to pass. */
const SCOPE_KINDS = new Set<ConditionKind>(["resourceTag"]);
/** Kinds that the composer writes into resource ARNs (and `s3:prefix`) rather than as plain conditions. */
export const RESOURCE_KINDS = new Set<ConditionKind>(["s3Prefix", "selfUser"]);

/** Each operator's opposite (both directions). */
const OPPOSITE_OPERATORS = new Map<string, string>();
for (const [operator, opposite] of [
    ["StringEquals", "StringNotEquals"], ["StringLike", "StringNotLike"], ["StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase"],
    ["ArnEquals", "ArnNotEquals"], ["ArnLike", "ArnNotLike"], ["IpAddress", "NotIpAddress"],
    ["NumericEquals", "NumericNotEquals"], ["NumericLessThan", "NumericGreaterThanEquals"], ["NumericGreaterThan", "NumericLessThanEquals"],
    ["DateEquals", "DateNotEquals"], ["DateLessThan", "DateGreaterThanEquals"], ["DateGreaterThan", "DateLessThanEquals"]
] as const) {
    OPPOSITE_OPERATORS.set(operator, opposite);
    OPPOSITE_OPERATORS.set(opposite, operator);
}
const NEGATIVE_OPERATORS = new Set(["StringNotEquals", "StringNotLike", "StringNotEqualsIgnoreCase", "ArnNotEquals", "ArnNotLike", "NotIpAddress", "NumericNotEquals", "DateNotEquals"]);

function baseOperator(operator: string) {
    return operator.replace(/^(ForAllValues:|ForAnyValue:)/, "").replace(/IfExists$/, "");
}

function isBoolOperator(operator: string) {
    return baseOperator(operator) === "Bool";
}

/** True when the entry says what must NOT hold (StringNotEquals, NotIpAddress, Bool false). */
function isNegative(entry: ConditionEntry) {
    const operator = baseOperator(entry.operator);
    if (operator === "Bool")
        return entry.values.every((value) => value.toLowerCase() === "false");
    return NEGATIVE_OPERATORS.has(operator);
}

/** The entry's opposite: what a Deny tests when the entry is what an Allow requires. */
export function negate(entry: ConditionEntry): ConditionEntry {
    const operator = baseOperator(entry.operator);
    if (operator === "Bool") {
        const values = entry.values.map((value) => value.toLowerCase() === "true" ? "false" : "true");
        // A session without MFA has no MFA key at all: only BoolIfExists catches it.
        const ifExists = entry.key.toLowerCase() === "aws:multifactorauthpresent" && values[0] === "false";
        return {operator: ifExists ? "BoolIfExists" : "Bool", key: entry.key, values};
    }
    const negated = OPPOSITE_OPERATORS.get(operator);
    return negated == null ? entry : {...entry, operator: negated};
}

/** An ISO 8601 date or date-time, what `aws:CurrentTime` is compared with. */
export function isFullDate(value: string) {
    return /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value);
}

/** The hint as condition entries in its required (positive) form: what must hold for access. */
function requirementEntries(hint: ConditionHint): ConditionEntry[] {
    // A value caught with the sentence's full stop ("Environment=development.") means the word alone.
    const values = hint.values.map((value) => value.replace(/[.,;:!?]+$/, "")).filter((value) => value.length > 0);
    if (values.length === 0 && !isBoolOperator(hint.operator))
        return [];
    if (hint.kind === "timeWindow" && !OPPOSITE_OPERATORS.has(baseOperator(hint.operator)) && values.length === 2)
        return !values.every(isFullDate) ? [] : [
            {operator: "DateGreaterThan", key: hint.key, values: [values[0]!]},
            {operator: "DateLessThan", key: hint.key, values: [values[1]!]}
        ];
    // IAM compares dates, not times of day: "09:00:00Z" alone would never match.
    if (/^Date/.test(baseOperator(hint.operator)) && !values.every(isFullDate))
        return [];
    const entry: ConditionEntry = {operator: hint.operator, key: hint.key, values: values.length > 0 ? values : ["true"]};
    return [isNegative(entry) && hint.ruledOut !== true ? negate(entry) : entry];
}

/**
 * The condition sets for one action of a statement with `effect`, each set a conjunction.
 * An Allow gets one set: the requirements and the scope. A Deny guards the requirements, so it
 * denies when any one of them fails: one set per requirement (De Morgan), each with the scope.
 * Only keys that IAM evaluates for the action are used.
 */
export function conditionSetsFor(catalog: Catalog, action: CatalogAction | undefined, effect: Effect, hints: readonly ConditionHint[]): ConditionEntry[][] {
    const supported = (entry: ConditionEntry) => action == null
        ? entry.key.toLowerCase().startsWith("aws:") && catalog.conditionKey(entry.key) != null
        : actionSupportsConditionKey(catalog, action, entry.key);
    const scope: ConditionEntry[] = [];
    const requirements: ConditionEntry[] = [];
    for (const hint of hints) {
        if (RESOURCE_KINDS.has(hint.kind) || (hint.appliesTo?.effect != null && hint.appliesTo.effect !== effect))
            continue;
        const entries = requirementEntries(hint).filter(supported);
        (isScope(hint, effect) ? scope : requirements).push(...entries);
    }
    if (effect === "Allow" || requirements.length === 0)
        return [[...requirements, ...scope]];
    return requirements.map((requirement) => [negate(requirement), ...scope]);
}

/**
 * Whether the hint says where the statement applies rather than what it requires. A Deny's phrase
 * opened by "if"/"when" is its scope, one opened by "unless"/"without"/"only if" a requirement
 * (`ConditionHint.opener`); without an opener, the kind decides.
 */
function isScope(hint: ConditionHint, effect: Effect) {
    if (effect === "Deny" && hint.opener != null)
        return hint.opener === "scope";
    return SCOPE_KINDS.has(hint.kind) || namesWhereToDeny(hint, effect);
}

/**
 * Retrieval writes a Deny's region as StringNotEquals when the request keeps those regions and denies
 * the rest ("deny everything outside us-east-1": a requirement), and as StringEquals when it names
 * where to deny ("deny EC2 calls in ap-east-1"): then it is the Deny's scope, not a requirement.
 */
function namesWhereToDeny(hint: ConditionHint, effect: Effect) {
    return effect === "Deny" && hint.kind === "region" && !NEGATIVE_OPERATORS.has(baseOperator(hint.operator));
}

export function toConditionBlock(entries: readonly ConditionEntry[]): ConditionBlock | undefined {
    if (entries.length === 0)
        return undefined;
    const block: ConditionBlock = {};
    for (const {operator, key, values} of entries) {
        const keys = block[operator] ??= {};
        const existing = keys[key];
        const merged = [...new Set([...(existing == null ? [] : Array.isArray(existing) ? existing.map(String) : [String(existing)]), ...values])];
        keys[key] = merged.length === 1 ? merged[0]! : merged;
    }
    return block;
}
