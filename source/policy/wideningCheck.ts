import {isRecord, type Located, PolicyView, type StatementView} from "./PolicyView.js";
import {wildcardMatch} from "../catalog/wildcardMatch.js";

/**
 * Ways `after` may allow more than `before`, judged conservatively from the policies' text (until an
 * evaluator can compare what they allow): every action an Allow of `after` grants must be granted by an
 * Allow of `before` on resources that cover it and under all of that Allow's conditions; every Deny of
 * `before` must still be in `after`, covering as much, under no more conditions. Empty when `after` is no broader.
 */
export function wideningChanges(before: unknown, after: unknown): string[] {
    const old = new PolicyView(before).statements;
    const changes: string[] = [];
    for (const statement of new PolicyView(after).statements) {
        if (statement.effect !== "Allow")
            continue;
        const allows = old.filter((candidate) => candidate.effect === "Allow");
        if (statement.actionField === "NotAction") {
            if (!allows.some((candidate) => candidate.actionField === "NotAction" && allCovered(candidate.actions, statement.actions, true) && grantsWithin(statement, candidate)))
                changes.push(`${statement.path} allows every action but ${statement.actions.map((entry) => entry.value).join(", ")} where the input did not`);
            continue;
        }
        for (const action of statement.actions) {
            if (!allows.some((candidate) => candidate.actionField === "Action" && covered(action.value, candidate.actions, true) && grantsWithin(statement, candidate)))
                changes.push(`${action.path} allows "${action.value}" on resources or under conditions the input did not`);
        }
    }
    const denies = new PolicyView(after).statements.filter((statement) => statement.effect === "Deny");
    for (const deny of old.filter((statement) => statement.effect === "Deny")) {
        if (!denies.some((candidate) => deniesAtLeast(candidate, deny)))
            changes.push(`the Deny ${deny.path} is gone or denies less`);
    }
    return changes;
}

/** The resources of `narrow` are within those of `wide`, and `narrow` keeps every condition of `wide`. */
function grantsWithin(narrow: StatementView, wide: StatementView): boolean {
    return narrow.resourceField === wide.resourceField
        && (narrow.resourceField === "NotResource" ? allCovered(wide.resources, narrow.resources, false) : allCovered(narrow.resources, wide.resources, false))
        && isSubset(conditionEntries(wide), conditionEntries(narrow));
}

function deniesAtLeast(after: StatementView, before: StatementView): boolean {
    if (after.actionField !== before.actionField || after.resourceField !== before.resourceField)
        return false;
    const actionsKept = before.actionField === "NotAction" ? allCovered(after.actions, before.actions, true) : allCovered(before.actions, after.actions, true);
    const resourcesKept = before.resourceField === "NotResource" ? allCovered(after.resources, before.resources, false) : allCovered(before.resources, after.resources, false);
    return actionsKept && resourcesKept && isSubset(conditionEntries(after), conditionEntries(before));
}

/** Every entry of `inner` is covered by `outer`. */
function allCovered(inner: Located[], outer: Located[], ignoreCase: boolean): boolean {
    return inner.every((entry) => covered(entry.value, outer, ignoreCase));
}

/**
 * Whether some pattern of `outer` matches everything `value` matches. A pattern value is covered only by
 * an equal pattern, `*`, or a plain `prefix*` it starts with: `s3:Get?` matches the text `s3:Get*`, not all it stands for.
 */
function covered(value: string, outer: Located[], ignoreCase: boolean): boolean {
    const text = ignoreCase ? value.toLowerCase() : value;
    const isPattern = /[*?]/.test(value);
    return outer.some(({value: pattern}) => {
        const wide = ignoreCase ? pattern.toLowerCase() : pattern;
        if (wide === text || wide === "*")
            return true;
        if (!isPattern)
            return wildcardMatch(wide, text);
        const prefix = wide.slice(0, -1);
        return wide.endsWith("*") && !/[*?]/.test(prefix) && text.startsWith(prefix);
    });
}

/**
 * A statement's Condition as comparable entries: one per operator and key, with its values as a sorted
 * set (the normaliser sorts and de-duplicates them); a block that is not an object is one entry as written.
 */
function conditionEntries(statement: StatementView): Set<string> {
    const entries = new Set<string>();
    const condition = statement.raw.Condition;
    if (condition === undefined)
        return entries;
    if (!isRecord(condition))
        return new Set([`=${JSON.stringify(condition)}`]);
    for (const [operator, block] of Object.entries(condition)) {
        if (!isRecord(block)) {
            entries.add(JSON.stringify([operator, block]));
            continue;
        }
        for (const [key, value] of Object.entries(block)) {
            const values = (Array.isArray(value) ? value : [value]).map((item) => JSON.stringify(item) ?? "");
            entries.add(JSON.stringify([operator, key, [...new Set(values)].sort()]));
        }
    }
    return entries;
}

function isSubset(inner: Set<string>, outer: Set<string>): boolean {
    return [...inner].every((entry) => outer.has(entry));
}
