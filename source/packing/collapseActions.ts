import type {Catalog} from "../catalog/index.js";
import {hasWildcard} from "../policy/arn.js";
import {compareText, toList} from "../policy/lists.js";
import {policyStatements} from "../policy/statements.js";
import type {PolicyDocument, PolicyStatement} from "../policy/types.js";
import type {CollapsedPattern} from "./types.js";

/**
 * `--collapse`: each Action list's runs of one service written as `service:Prefix*`, where the prefix
 * is the shortest for which every action in today's catalog that starts with it is listed. Today the
 * policy allows exactly the same; an action AWS adds later under that prefix is allowed (or, in a Deny,
 * denied) too, which is why this is opt-in and every pattern is reported.
 */
export function collapseActionLists(policy: PolicyDocument, catalog: Catalog): {policy: PolicyDocument; collapsed: CollapsedPattern[]} {
    const collapsed: CollapsedPattern[] = [];
    const statements = policyStatements(policy).map((statement) => {
        if (statement.Action === undefined)
            return statement;
        const {actions, patterns} = collapseList(toList(statement.Action), catalog);
        collapsed.push(...patterns.map((pattern) => ({...pattern, effect: statement.Effect})));
        return patterns.length === 0 ? statement : {...statement, Action: actions} as PolicyStatement;
    });
    return {policy: {...policy, Statement: statements}, collapsed};
}

function collapseList(entries: string[], catalog: Catalog): {actions: string[]; patterns: Omit<CollapsedPattern, "effect">[]} {
    const byService = new Map<string, Set<string>>();
    for (const entry of entries) {
        const action = hasWildcard(entry) ? undefined : catalog.action(entry);
        if (action != null)
            byService.set(action.service, (byService.get(action.service) ?? new Set()).add(action.name.toLowerCase()));
    }
    const replaced = new Set<string>();
    const patterns: Omit<CollapsedPattern, "effect">[] = [];
    for (const [prefix, listed] of byService) {
        const names = catalog.service(prefix)!.actions.map((action) => action.name);
        const unlisted = names.map((action) => action.toLowerCase()).filter((action) => !listed.has(action));
        const seen = new Set<string>();
        for (const name of [...listed].sort(compareText)) {
            const start = shortestExactPrefix(name, unlisted);
            if (start == null || seen.has(start))
                continue;
            seen.add(start);
            const covered = names.filter((candidate) => candidate.toLowerCase().startsWith(start));
            // The covered actions' longest common prefix matches the same actions today and fewer that AWS adds later.
            const pattern = `${prefix}:${commonPrefix(covered)}*`;
            // A pattern is worth it only when it stands for several actions and is shorter than they are.
            if (covered.length < 2 || pattern.length >= covered.reduce((sum, action) => sum + prefix.length + 1 + action.length, 0))
                continue;
            covered.forEach((action) => replaced.add(`${prefix}:${action}`.toLowerCase()));
            patterns.push({pattern, actions: covered.map((action) => `${prefix}:${action}`)});
        }
    }
    const actions = [...entries.filter((entry) => !replaced.has(entry.toLowerCase())), ...patterns.map((pattern) => pattern.pattern)].sort(compareText);
    return {actions, patterns};
}

/** The shortest proper prefix of the (lower-case) `name` that no unlisted action of the service starts with, if there is one. */
function shortestExactPrefix(name: string, unlisted: readonly string[]): string | undefined {
    for (let length = 0; length < name.length; length++) {
        const prefix = name.slice(0, length);
        if (!unlisted.some((action) => action.startsWith(prefix)))
            return prefix;
    }
    return undefined;
}

function commonPrefix(names: readonly string[]): string {
    let prefix = names[0]!;
    for (const name of names)
        while (!name.toLowerCase().startsWith(prefix.toLowerCase()))
            prefix = prefix.slice(0, -1);
    return prefix;
}
