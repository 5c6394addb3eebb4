import {wildcardMatch} from "../catalog/wildcardMatch.js";
import {hasWildcard} from "../policy/arn.js";
import {compareText, toList} from "../policy/lists.js";
import {policyStatements} from "../policy/statements.js";
import type {ConditionBlock, PolicyDocument, PolicyStatement} from "../policy/types.js";

/**
 * The policy made smaller without changing what it allows or denies: duplicate entries and entries a
 * wildcard of the same list already covers go, then statements that differ only in their actions (or
 * only in their resources) are merged, until nothing more merges. No wildcard is added; Sids are kept
 * where the merged statements agree on one and dropped where they do not (a Sid decides nothing).
 */
export function shrinkPolicy(policy: PolicyDocument): {policy: PolicyDocument; merged: number} {
    let statements = policyStatements(policy).map(tidyStatement);
    const count = statements.length;
    for (let before = Infinity; statements.length < before;) {
        before = statements.length;
        statements = mergeBy(statements, "Action", "Resource");
        statements = mergeBy(statements, "Resource", "Action");
    }
    return {policy: {...policy, Statement: statements}, merged: count - statements.length};
}

type ListField = "Action" | "NotAction" | "Resource" | "NotResource";

/**
 * Merges statements whose only difference is the `united` list: the union of two statements that
 * share effect, conditions and the other element is one statement with both lists (never for the
 * Not- forms, whose union is not the union of their lists).
 */
function mergeBy(statements: PolicyStatement[], united: "Action" | "Resource", kept: "Action" | "Resource"): PolicyStatement[] {
    const merged: PolicyStatement[] = [];
    const byShape = new Map<string, PolicyStatement>();
    for (const statement of statements) {
        if (statement[united] === undefined) {
            merged.push(statement);
            continue;
        }
        const keptField = statement[kept] !== undefined ? kept : `Not${kept}` as const;
        const shape = JSON.stringify([statement.Effect, keptField, listKey(statement[keptField], keptField), conditionKey(statement.Condition)]);
        const target = byShape.get(shape);
        if (target == null) {
            const copy = {...statement};
            byShape.set(shape, copy);
            merged.push(copy);
            continue;
        }
        target[united] = tidyList([...toList(target[united]), ...toList(statement[united])], united);
        if (target.Sid !== statement.Sid && !(target.Sid != null && statement.Sid == null))
            target.Sid = target.Sid == null ? statement.Sid : undefined;
        if (target.Sid === undefined)
            delete target.Sid;
    }
    return merged;
}

function tidyStatement(statement: PolicyStatement): PolicyStatement {
    const tidy = {...statement};
    for (const field of ["Action", "NotAction", "Resource", "NotResource"] as const)
        if (tidy[field] !== undefined)
            tidy[field] = tidyList(toList(tidy[field]), field);
    return tidy;
}

/**
 * Each entry once, without those another wildcard entry covers, sorted. Actions compare without case,
 * as IAM does; resources with it. A pattern holding a policy variable covers nothing here: what it
 * matches depends on the request.
 */
function tidyList(entries: string[], field: ListField): string[] {
    const ignoreCase = field.endsWith("Action");
    const key = (entry: string) => ignoreCase ? entry.toLowerCase() : entry;
    const unique = [...new Map(entries.map((entry) => [key(entry), entry])).values()];
    const patterns = unique.filter((entry) => hasWildcard(entry) && !entry.includes("${"));
    const kept = unique.filter((entry) => !patterns.some((pattern) => pattern !== entry && wildcardMatch(pattern, entry, ignoreCase)
        // Two patterns that cover each other are the same pattern up to case: keep the first.
        && !(wildcardMatch(entry, pattern, ignoreCase) && unique.indexOf(entry) < unique.indexOf(pattern))));
    return kept.sort((left, right) => compareText(key(left), key(right)));
}

function listKey(value: string | string[] | undefined, field: ListField): string {
    return JSON.stringify(tidyList(toList(value), field).map((entry) => field.endsWith("Action") ? entry.toLowerCase() : entry));
}

/** Conditions compared by meaning of their text: operators, keys and values sorted. */
function conditionKey(condition: ConditionBlock | undefined): string {
    if (condition == null)
        return "";
    const sorted = Object.keys(condition).sort(compareText).map((operator) => [operator, Object.keys(condition[operator] ?? {}).sort(compareText)
        .map((key) => [key, toList(condition[operator]![key]).map(String).sort(compareText)])]);
    return JSON.stringify(sorted);
}
