import type {Catalog} from "../catalog/index.js";
import type {PolicyDocument} from "../policy/types.js";
import {decider} from "./evaluate.js";
import {genericResources, namedResources, probeActions, probeContexts} from "./probes.js";
import {actionMatched, compileStatements, type CompiledStatement} from "./statements.js";
import type {RequestContext} from "./types.js";
import {contextMap} from "./variables.js";

export interface CompareOptions {
    catalog: Catalog;
    /** More resource ARNs to probe, beyond those the policies name and the catalog's generic ones. */
    resources?: readonly string[];
}

export interface ProbePair {
    action: string;
    resource: string;
}

/** A pair one side allows and the other never does, with the probe contexts under which it is allowed. */
export interface PairChange extends ProbePair {
    contexts: RequestContext[];
}

/** A pair both sides allow, under different contexts: widened where only `after` allows, narrowed where only `before` does. */
export interface ConditionalChange extends ProbePair {
    widenedUnder: RequestContext[];
    narrowedUnder: RequestContext[];
}

export interface PolicyComparison {
    /** Allowed by `after` under some probe context, never by `before`. */
    added: PairChange[];
    /** Allowed by `before` under some probe context, never by `after`. */
    removed: PairChange[];
    /** Allowed by both, under exactly the same probe contexts. */
    unchanged: ProbePair[];
    conditional: ConditionalChange[];
    probes: {actions: number; resources: number; contexts: number};
}

/**
 * What two policies allow, compared over a probe universe: every catalog action either policy
 * mentions or matches, each against the ARNs either names, a generic ARN per resource type of the
 * action, and `*`; each pair under no context, under one that satisfies each condition either policy
 * has, and under all of them at once. Actions that the policies' Action entries treat alike are
 * evaluated once.
 */
export function comparePolicies(before: PolicyDocument, after: PolicyDocument, options: CompareOptions): PolicyComparison {
    const statements = [...compileStatements(before), ...compileStatements(after)];
    const actions = probeActions(options.catalog, statements);
    const shared = [...new Set([...namedResources(statements), ...options.resources ?? [], "*"])];
    const contexts = probeContexts(statements);
    const maps = contexts.map(contextMap);
    const decideBefore = decider(before);
    const decideAfter = decider(after);
    const allowedUnder = (decide: typeof decideBefore, action: string, resource: string) =>
        maps.map((context) => decide(action, resource, context) === "allowed");
    const comparison: PolicyComparison = {added: [], removed: [], unchanged: [], conditional: [], probes: {actions: actions.length, resources: 0, contexts: contexts.length}};
    const resourceCount = new Set(shared);
    for (const group of groupByActionMatches(actions, statements)) {
        // Within a group only the resources differ, so each (resource) is evaluated once for the group.
        const results = new Map<string, {before: boolean[]; after: boolean[]}>();
        for (const action of group.actions)
            for (const resource of [...shared, ...genericResources(options.catalog, action)]) {
                resourceCount.add(resource);
                let result = results.get(resource);
                if (result == null) {
                    result = {before: allowedUnder(decideBefore, group.representative, resource), after: allowedUnder(decideAfter, group.representative, resource)};
                    results.set(resource, result);
                }
                classify(comparison, {action, resource}, result.before, result.after, contexts);
            }
    }
    comparison.probes.resources = resourceCount.size;
    return comparison;
}

/** Whether `after` allows any probe that `before` does not allow under the same context: a follow-up must never do this. */
export function isBroader(before: PolicyDocument, after: PolicyDocument, options: CompareOptions): boolean {
    const {added, conditional} = comparePolicies(before, after, options);
    return added.length > 0 || conditional.some((change) => change.widenedUnder.length > 0);
}

function classify(comparison: PolicyComparison, pair: ProbePair, before: boolean[], after: boolean[], contexts: readonly RequestContext[]) {
    const where = (flags: boolean[]) => contexts.filter((_, index) => flags[index]);
    const beforeAny = before.includes(true);
    const afterAny = after.includes(true);
    if (!beforeAny && afterAny)
        comparison.added.push({...pair, contexts: where(after)});
    else if (beforeAny && !afterAny)
        comparison.removed.push({...pair, contexts: where(before)});
    else if (beforeAny && afterAny) {
        const widened = after.map((allowed, index) => allowed && !before[index]);
        const narrowed = before.map((allowed, index) => allowed && !after[index]);
        if (widened.includes(true) || narrowed.includes(true))
            comparison.conditional.push({...pair, widenedUnder: where(widened), narrowedUnder: where(narrowed)});
        else
            comparison.unchanged.push(pair);
    }
}

/** Actions grouped by which statements' Action/NotAction they match: in a group, every decision depends on the resource and context alone. */
function groupByActionMatches(actions: readonly string[], statements: readonly CompiledStatement[]): Array<{representative: string; actions: string[]}> {
    const groups = new Map<string, string[]>();
    for (const action of actions) {
        const signature = statements.map((statement) => actionMatched(statement, action) ? "1" : "0").join("");
        const members = groups.get(signature);
        if (members == null)
            groups.set(signature, [action]);
        else
            members.push(action);
    }
    return [...groups.values()].map((members) => ({representative: members[0]!, actions: members}));
}
