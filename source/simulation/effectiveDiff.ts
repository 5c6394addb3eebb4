import {hasWildcard} from "../policy/arn.js";
import {wildcardMatch} from "../catalog/wildcardMatch.js";
import type {PolicyDocument} from "../policy/types.js";
import {comparePolicies, type CompareOptions, type PolicyComparison} from "./comparePolicies.js";
import type {RequestContext} from "./types.js";

/**
 * How a revision changed what one action is allowed on: `added`/`removed` where only one side ever
 * allows it, `widened`/`narrowed` where both do but under different request contexts.
 */
export type EffectiveChangeKind = "added" | "removed" | "widened" | "narrowed";

export interface EffectiveChange {
    kind: EffectiveChangeKind;
    action: string;
    /** The resources it changed on: the policies' own patterns, without the concrete ARNs probed under them. */
    resources: string[];
    /** The probe contexts under which it is now allowed (added, widened) or no longer allowed (removed, narrowed). */
    contexts: RequestContext[];
}

export interface EffectiveDiff {
    /** Removals and narrowings first, then additions and widenings; by action within each. */
    changes: EffectiveChange[];
    /** (action, resource) pairs allowed the same way by both. */
    unchanged: number;
    probes: PolicyComparison["probes"];
}

const ORDER: readonly EffectiveChangeKind[] = ["removed", "narrowed", "added", "widened"];

/** What a revision changed in what a policy allows, from comparePolicies, one entry per kind and action. */
export function effectiveDiff(before: PolicyDocument, after: PolicyDocument, options: CompareOptions): EffectiveDiff {
    const comparison = comparePolicies(before, after, options);
    const groups = new Map<string, EffectiveChange>();
    const add = (kind: EffectiveChangeKind, action: string, resource: string, contexts: readonly RequestContext[]) => {
        const key = `${kind} ${action}`;
        const group = groups.get(key) ?? {kind, action, resources: [], contexts: []};
        group.resources.push(resource);
        for (const context of contexts)
            if (!group.contexts.some((known) => sameContext(known, context)))
                group.contexts.push(context);
        groups.set(key, group);
    };
    comparison.removed.forEach((pair) => add("removed", pair.action, pair.resource, pair.contexts));
    comparison.added.forEach((pair) => add("added", pair.action, pair.resource, pair.contexts));
    for (const pair of comparison.conditional) {
        if (pair.narrowedUnder.length > 0)
            add("narrowed", pair.action, pair.resource, pair.narrowedUnder);
        if (pair.widenedUnder.length > 0)
            add("widened", pair.action, pair.resource, pair.widenedUnder);
    }
    const changes = [...groups.values()]
        .map((change) => ({...change, resources: withoutCoveredProbes(change.resources)}))
        .sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || a.action.localeCompare(b.action));
    return {changes, unchanged: comparison.unchanged.length, probes: comparison.probes};
}

/** True when a change lets the revision allow more: an addition or a widening. */
export function widens(change: EffectiveChange): boolean {
    return change.kind === "added" || change.kind === "widened";
}

/** `removed s3:PutObject on arn:aws:s3:::reports/*`, `narrowed s3:GetObject on … (no longer allowed without condition keys)`. */
export function describeEffectiveChange(change: EffectiveChange): string {
    const resources = change.resources.length <= 3 ? change.resources.join(", ") : `${change.resources.slice(0, 3).join(", ")} and ${change.resources.length - 3} more`;
    const where = change.kind === "widened" || change.kind === "narrowed" ? ` (${change.kind === "widened" ? "now also allowed" : "no longer allowed"} ${contextsText(change.contexts)})` : "";
    return `${change.kind.padEnd(8)} ${change.action} on ${resources}${where}`;
}

function contextsText(contexts: readonly RequestContext[]): string {
    const texts = contexts.map((context) => {
        const entries = Object.entries(context).map(([key, value]) => `${key}=${Array.isArray(value) ? `[${value.join(",")}]` : value}`);
        return entries.length === 0 ? "without condition keys" : `with ${entries.join(", ")}`;
    });
    return texts.join(" or ");
}

/** The probe ARNs a wildcard pattern of the same list covers say nothing more than the pattern: `reports/*` stands for `reports/x`. */
function withoutCoveredProbes(resources: readonly string[]): string[] {
    const patterns = resources.filter(hasWildcard);
    return [...new Set(resources.filter((resource) => hasWildcard(resource) || !patterns.some((pattern) => wildcardMatch(pattern, resource))))];
}

function sameContext(left: RequestContext, right: RequestContext): boolean {
    const key = (context: RequestContext) => JSON.stringify(Object.entries(context).sort(([a], [b]) => a.localeCompare(b)));
    return key(left) === key(right);
}
