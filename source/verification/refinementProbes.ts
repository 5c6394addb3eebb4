import type {Catalog} from "../catalog/index.js";
import {actionSupportsConditionKey} from "../catalog/conditionKeys.js";
import {policyStatements} from "../policy/statements.js";
import type {PolicyDocument} from "../policy/types.js";
import {NARROWING_KINDS, type FollowUpChange} from "../retrieval/readFollowUp.js";
import type {RetrievalContext} from "../retrieval/types.js";
import {comparePolicies, type PolicyComparison, type ProbePair, type RequestContext} from "../simulation/index.js";
import {compileStatements} from "../simulation/statements.js";
import {compileConditionList, conditionSwitch, holdingContext, variableContext, withValue} from "./conditionContexts.js";
import {requiredForm, usableHints} from "./requestConditions.js";
import {probesOfRequest} from "./requestProbes.js";
import type {Probe} from "./types.js";

/**
 * Probes for a follow-up. An `add` is verified like a request, on the policy's resources when it
 * names none. A narrowing one must allow nothing new (every pair it newly allows fails) and what
 * it took away must stay denied; "require MFA" must also make the MFA matter on what is still
 * allowed. Flips and removed conditions change what is denied, not what the request names: no probes.
 */
export function probesOfRefinement(previous: PolicyDocument, policy: PolicyDocument, followUp: RetrievalContext, change: FollowUpChange, catalog: Catalog): Probe[] {
    if (change.kind === "add")
        return probesOfRequest(followUp, catalog, policyArns(previous));
    if (!NARROWING_KINDS.has(change.kind))
        return [];
    const comparison = comparePolicies(previous, policy, {catalog});
    const narrowing = (pair: ProbePair, context: RequestContext): Probe => ({...pair, context, expect: "denied", reason: "narrowing"});
    const probes = [
        ...comparison.removed.map((pair) => narrowing(pair, pair.contexts[0] ?? {})),
        ...comparison.added.map((pair) => narrowing(pair, pair.contexts[0] ?? {})),
        ...comparison.conditional.flatMap((pair) => [...pair.widenedUnder, ...pair.narrowedUnder].map((context) => narrowing(pair, context)))
    ];
    return change.kind === "narrow" ? [...probes, ...requiredConditionProbes(policy, followUp, comparison, catalog)] : probes;
}

/**
 * For each pair still allowed, each condition the follow-up asks for failing and the policy's own
 * conditions met: the pair must be denied, or the condition was not applied to it.
 */
function requiredConditionProbes(policy: PolicyDocument, followUp: RetrievalContext, comparison: PolicyComparison, catalog: Catalog): Probe[] {
    const requested = compileConditionList(usableHints(followUp.conditions).map(requiredForm));
    if (requested.length === 0)
        return [];
    const own = compileStatements(policy).flatMap((statement) => statement.conditions);
    const variables = variableContext([...[...own, ...requested].flatMap((condition) => condition.values), ...policyArns(policy)]);
    const base = holdingContext([...own, ...requested].map((condition) => conditionSwitch(condition, variables)), variables);
    const stillAllowed = [...comparison.unchanged, ...comparison.conditional];
    return requested.map((condition) => conditionSwitch(condition, variables)).filter((entry) => entry.failing != null).flatMap((entry) =>
        stillAllowed
            .filter((pair) => {
                const action = catalog.action(pair.action);
                return action == null || actionSupportsConditionKey(catalog, action, entry.key);
            })
            .map((pair): Probe => ({...pair, context: withValue(base, entry.key, entry.failing!), expect: "denied", reason: "conditionRequired", condition: entry.key})));
}

function policyArns(policy: PolicyDocument): string[] {
    return [...new Set(policyStatements(policy).flatMap((statement) => [statement.Resource ?? []].flat()).filter((arn) => arn !== "*"))];
}
