import {policyStatements} from "./statements.js";
import type {PolicyDocument, PolicyStatement} from "./types.js";

/** Items named in full before "and N more". */
const LISTED = 3;

/**
 * One line on what changed from `before` to `after`, read from the two documents alone: what was asked
 * for (or what an engine says it did) never enters it, so the line cannot contradict the policy shown.
 */
export function summarizePolicyChange(before: PolicyDocument, after: PolicyDocument): string {
    const was = policyFacts(before);
    const is = policyFacts(after);
    const parts = [
        ...setChange(was.allowed, is.allowed, "added", "removed"),
        ...setChange(was.denied, is.denied, "now denies", "no longer denies"),
        ...setChange(was.resources, is.resources, "added resource", "removed resource"),
        ...conditionChange(was.conditions, is.conditions)
    ];
    if (parts.length > 0)
        return sentence(parts.join("; "));
    return JSON.stringify(before) === JSON.stringify(after) ? "No change." : "Same actions, resources and conditions; statements rearranged.";
}

interface PolicyFacts {
    /** `s3:GetObject`, or `not s3:GetObject` for a NotAction, by effect. */
    allowed: Set<string>;
    denied: Set<string>;
    resources: Set<string>;
    /** `Bool aws:MultiFactorAuthPresent` → `true`: each operator and key with its values in all statements. */
    conditions: Map<string, string>;
}

function policyFacts(policy: PolicyDocument): PolicyFacts {
    const facts: PolicyFacts = {allowed: new Set(), denied: new Set(), resources: new Set(), conditions: new Map()};
    const conditionValues = new Map<string, Set<string>>();
    for (const statement of policyStatements(policy)) {
        const actions = statement.Effect === "Deny" ? facts.denied : facts.allowed;
        for (const action of list(statement.Action))
            actions.add(action);
        for (const action of list(statement.NotAction))
            actions.add(`not ${action}`);
        for (const resource of [...list(statement.Resource), ...list(statement.NotResource).map((resource) => `not ${resource}`)])
            facts.resources.add(resource);
        for (const [name, values] of conditionEntries(statement))
            conditionValues.set(name, new Set([...conditionValues.get(name) ?? [], ...values]));
    }
    for (const [name, values] of conditionValues)
        facts.conditions.set(name, [...values].sort().join(", "));
    return facts;
}

function conditionEntries(statement: PolicyStatement): [string, string[]][] {
    return Object.entries(statement.Condition ?? {}).flatMap(([operator, keys]) =>
        Object.entries(keys ?? {}).map(([key, values]): [string, string[]] => [`${operator} ${key}`, list(values).map(String)]));
}

function setChange(before: Set<string>, after: Set<string>, addedVerb: string, removedVerb: string): string[] {
    const added = [...after].filter((item) => !before.has(item));
    const removed = [...before].filter((item) => !after.has(item));
    return [
        ...added.length > 0 ? [`${addedVerb} ${listed(added)}`] : [],
        ...removed.length > 0 ? [`${removedVerb} ${listed(removed)}`] : []
    ];
}

/** A condition whose values changed reads `aws:RequestedRegion us-east-1 → eu-west-1`, not a removal and an addition. */
function conditionChange(before: Map<string, string>, after: Map<string, string>): string[] {
    const added = [...after].filter(([name]) => !before.has(name)).map(([name, value]) => `${name} ${value}`);
    const removed = [...before].filter(([name]) => !after.has(name)).map(([name, value]) => `${name} ${value}`);
    const changed = [...after].filter(([name, value]) => before.has(name) && before.get(name) !== value)
        .map(([name, value]) => `${name} ${before.get(name)} → ${value}`);
    return [
        ...added.length > 0 ? [`added condition ${listed(added)}`] : [],
        ...removed.length > 0 ? [`removed condition ${listed(removed)}`] : [],
        ...changed.length > 0 ? [`changed condition ${listed(changed)}`] : []
    ];
}

function list<T>(value: T | T[] | undefined): T[] {
    return value == null ? [] : Array.isArray(value) ? value : [value];
}

function listed(items: string[]) {
    return items.length <= LISTED ? items.join(", ") : `${items.slice(0, LISTED).join(", ")} and ${items.length - LISTED} more`;
}

function sentence(text: string) {
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
