import {policyStatements} from "../../policy/statements.js";
import type {PolicyDocument, PolicyStatement} from "../../policy/types.js";

/** True when a statement of `effect` in the policy covers `action` (wildcards and NotAction read as IAM does). */
export function policyCovers(policy: PolicyDocument, action: string, effect: PolicyStatement["Effect"]): boolean {
    return policyStatements(policy).some((statement) => {
        if (statement.Effect !== effect)
            return false;
        if (statement.NotAction != null)
            return !list(statement.NotAction).some((pattern) => actionMatches(pattern, action));
        return list(statement.Action).some((pattern) => actionMatches(pattern, action));
    });
}

/** The policy's resources, each once; a NotResource reads `not <arn>`. */
export function policyResources(policy: PolicyDocument): string[] {
    return unique(policyStatements(policy).flatMap((statement) => [
        ...list(statement.Resource),
        ...list(statement.NotResource).map((resource) => `not ${resource}`)
    ]));
}

/** The policy's conditions as `operator key values`, each once. */
export function policyConditions(policy: PolicyDocument): {operator: string; key: string; values: string[]}[] {
    const conditions = policyStatements(policy).flatMap((statement) => Object.entries(statement.Condition ?? {}).flatMap(([operator, keys]) =>
        Object.entries(keys ?? {}).map(([key, values]) => ({operator, key, values: list(values).map(String)}))));
    const seen = new Set<string>();
    return conditions.filter((condition) => {
        const id = JSON.stringify(condition);
        return !seen.has(id) && seen.add(id) != null;
    });
}

/** IAM action matching: case-insensitive, `*` any run, `?` one character; checked without a regular expression. */
function actionMatches(pattern: string, action: string): boolean {
    const p = pattern.toLowerCase();
    const a = action.toLowerCase();
    // The classic glob match with one backtrack point: at worst pattern × action steps, never exponential.
    let pi = 0;
    let ai = 0;
    let star = -1;
    let resume = 0;
    while (ai < a.length) {
        if (pi < p.length && (p[pi] === "?" || p[pi] === a[ai])) {
            pi++;
            ai++;
        } else if (pi < p.length && p[pi] === "*") {
            star = pi++;
            resume = ai;
        } else if (star >= 0) {
            pi = star + 1;
            ai = ++resume;
        } else
            return false;
    }
    while (p[pi] === "*")
        pi++;
    return pi === p.length;
}

function list<T>(value: T | T[] | undefined): T[] {
    return value == null ? [] : Array.isArray(value) ? value : [value];
}

function unique(items: string[]) {
    return [...new Set(items)];
}
