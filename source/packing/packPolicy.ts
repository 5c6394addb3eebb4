import type {Catalog} from "../catalog/index.js";
import {formatPolicy} from "../policy/normalizePolicy.js";
import {SIZE_LIMITS, policySize} from "../policy/size.js";
import {policyStatements} from "../policy/statements.js";
import type {CheckReport, PolicyDocument, SizeTarget} from "../policy/types.js";
import {comparePolicies} from "../simulation/comparePolicies.js";
import {collapseActionLists} from "./collapseActions.js";
import {shrinkPolicy} from "./shrink.js";
import {splitPolicy} from "./splitPolicy.js";
import {MANAGED_POLICIES_PER_PRINCIPAL, type CollapsedPattern, type PackOptions, type PackResult, type PackTarget, type SizedPolicy} from "./types.js";

const QUOTA_OF: Record<PackTarget, SizeTarget> = {"managed": "managed", "role-inline": "role", "group-inline": "group", "user-inline": "user"};

/**
 * The policy made to fit where it goes. First shrunk without changing what it allows (and, with
 * `collapse`, action lists written as exact `Prefix*` patterns); then, for managed policies, split
 * into parts of at most 6,144 characters. An inline target is never split: a principal's inline
 * policies share one quota, so several of them hold no more than one. The result is checked with the
 * evaluator, both ways: the parts together allow everything the input allows and nothing more; a
 * failure throws rather than return a policy that differs. (That no part alone allows more holds by
 * construction: see splitPolicy.)
 */
export function packPolicy(policy: PolicyDocument, catalog: Catalog, options: PackOptions = {}): PackResult {
    const target = options.target ?? "managed";
    const quota = QUOTA_OF[target];
    const limit = SIZE_LIMITS[quota];
    const {policy: merged, merged: mergedCount} = shrinkPolicy(policy);
    const {policy: shrunk, collapsed} = options.collapse ? collapseActionLists(merged, catalog) : {policy: merged, collapsed: []};
    const shrunkSize = sized(shrunk);
    const parts = target !== "managed" || shrunkSize.characters <= limit ? [shrunkSize] : splitPolicy(shrunk, limit).map(sized);
    verifyParts(policy, parts.map((part) => part.policy), catalog);
    const fits = parts.every((part) => part.characters <= limit) && parts.length <= MANAGED_POLICIES_PER_PRINCIPAL.increased;
    return {
        target, original: policySize(policy).characters, shrunk: shrunkSize, merged: mergedCount, collapsed, parts, limit, fits,
        notes: [...targetNotes(target, parts, limit), ...collapsed.map(collapseNote)]
    };
}

/** Packs a generated policy only when it is over a managed policy's limit (what generation attaches to a result). */
export function packIfOversized(policy: PolicyDocument, catalog: Catalog): PackResult | undefined {
    return policySize(policy).withinLimit ? undefined : packPolicy(policy, catalog);
}

/** Whether packing made a result usable: it fits, and its only errors were the whole policy's size. */
export function packingResolvesSize(check: CheckReport | null, packed: PackResult | undefined): boolean {
    return packed != null && packed.fits && check != null
        && check.findings.every((finding) => finding.severity !== "ERROR" || finding.code === "POLICY_SIZE_EXCEEDED");
}

/** `5,900 + 3,120 characters`. */
export function partSizes(parts: readonly SizedPolicy[]): string {
    return `${parts.map((part) => part.characters.toLocaleString("en-US")).join(" + ")} characters`;
}

/** The policy in its printed form (AWS's key order, one-item lists as plain strings), sized as printed. */
function sized(policy: PolicyDocument): SizedPolicy {
    const printed = JSON.parse(formatPolicy(policy)) as PolicyDocument;
    return {policy: printed, characters: policySize(printed).characters};
}

function verifyParts(original: PolicyDocument, parts: readonly PolicyDocument[], catalog: Catalog) {
    const together: PolicyDocument = {...original, Statement: parts.flatMap(policyStatements)};
    const comparison = comparePolicies(original, together, {catalog});
    const changed = [...comparison.added, ...comparison.removed, ...comparison.conditional];
    if (changed.length > 0)
        throw new Error(`packing would change what the policy allows (${changed[0]!.action} on ${changed[0]!.resource}); nothing was written`);
}

function targetNotes(target: PackTarget, parts: readonly SizedPolicy[], limit: number): string[] {
    const size = parts[0]!.characters.toLocaleString("en-US");
    const quota = limit.toLocaleString("en-US");
    if (target !== "managed") {
        const principal = target.replace("-inline", "");
        return parts[0]!.characters <= limit
            ? [`fits the ${quota} characters a ${principal}'s inline policies share (${size})`]
            : [`${size} characters: over the ${quota} a ${principal}'s inline policies share, by ${(parts[0]!.characters - limit).toLocaleString("en-US")}; several inline policies share that quota, so splitting does not help: attach it as managed policies (--target managed)`];
    }
    if (parts.length === 1)
        return [`fits one managed policy (${size} of ${quota} characters)`];
    const count = `${parts.length} managed policies (${partSizes(parts)})`;
    if (parts.length > MANAGED_POLICIES_PER_PRINCIPAL.increased)
        return [`needs ${count}: more than the ${MANAGED_POLICIES_PER_PRINCIPAL.increased} one role, user or group can have attached even with a quota increase`];
    if (parts.length > MANAGED_POLICIES_PER_PRINCIPAL.default)
        return [`needs ${count}: more than the ${MANAGED_POLICIES_PER_PRINCIPAL.default} one role, user or group can have attached by default (up to ${MANAGED_POLICIES_PER_PRINCIPAL.increased} with a quota increase)`];
    return [`split into ${count}; attach all of them to the same principal`];
}

function collapseNote(pattern: CollapsedPattern): string {
    const prefix = pattern.pattern.slice(0, -1);
    return `${pattern.pattern} stands for the ${pattern.actions.length} listed actions that start with ${prefix} today; an action AWS adds later under ${prefix} would be ${pattern.effect === "Deny" ? "denied" : "allowed"} too`;
}
