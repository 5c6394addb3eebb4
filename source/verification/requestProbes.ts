import type {Catalog, CatalogAction} from "../catalog/index.js";
import {resourceTypeOfArn} from "../catalog/arnTemplates.js";
import {resourceTypesWithKey} from "../catalog/conditionKeys.js";
import type {CandidateAction, RequestReading, ResourceHint} from "../retrieval/types.js";
import {variableContext, withValue} from "./conditionContexts.js";
import {conditionPlan, keyApplies, resourcesInScope, type ConditionPlan} from "./requestConditions.js";
import {RequestResources} from "./requestResources.js";
import type {Probe} from "./types.js";

/** Excluded actions probed: the reader may exclude a whole access level ("read-only"). */
const MAX_EXCLUDED = 12;

/** An action with the resources the request may mean for it: the first, and the others as alternatives. */
interface Target {
    name: string;
    action: CatalogAction;
    resource: string;
    alternatives?: string[];
}

/**
 * Probes from a request's typed form. For each service and effect, the actions retrieval ranks
 * first, on the resources the request names for them (a generic ARN where it names none): an
 * Allow must allow them with the request's conditions met and deny them with any one failing; a
 * Deny must deny them where its requirements fail and not where they hold. Excluded actions must
 * be denied. `extraArns` are resources a follow-up works on without naming them (the policy's).
 */
export function probesOfRequest(reading: RequestReading, catalog: Catalog, extraArns: readonly string[] = []): Probe[] {
    const resources = new RequestResources(catalog, [...reading.resources, ...extraArns.flatMap((arn) => resourceHint(catalog, arn))], reading.conditions, reading);
    const variables = variableContext([...reading.conditions.flatMap((hint) => hint.values), ...reading.resources.map((resource) => resource.arn)]);
    const plans = {Allow: conditionPlan(reading.conditions, "Allow", variables), Deny: conditionPlan(reading.conditions, "Deny", variables)};
    const targetOf = (action: CatalogAction, plan: ConditionPlan): Target => {
        const keyed = plan.switches.flatMap((entry) => resourceTypesWithKey(catalog, action, entry.key));
        const [resource, ...alternatives] = resources.of(action, keyed);
        return {name: `${action.service}:${action.name}`, action, resource: resource!, ...(alternatives.length > 0 ? {alternatives} : {})};
    };
    const excluded = new Set(reading.excluded.map((entry) => entry.action.toLowerCase()));
    // "Deny everything outside us-east-1 except IAM": the excepted services are not what the Deny is about.
    const excepted = new Set(reading.scope.exceptServices);
    const probes: Probe[] = [];
    for (const candidate of topCandidates(reading.candidates)) {
        if (candidate.effect === "Deny" && excepted.has(candidate.service))
            continue;
        const plan = plans[candidate.effect];
        for (const action of candidateActions(catalog, candidate.action, (entry) => resources.namesResourceOf(entry))) {
            if (!excluded.has(`${action.service}:${action.name}`.toLowerCase()))
                probes.push(...(candidate.effect === "Allow" ? allowProbes : denyProbes)(catalog, targetOf(action, plan), plan));
        }
    }
    for (const entry of reading.excluded.slice(0, MAX_EXCLUDED)) {
        const action = catalog.action(entry.action);
        const target: Pick<Target, "name" | "resource" | "alternatives"> = action == null ? {name: entry.action, resource: "*"} : targetOf(action, plans.Allow);
        probes.push({action: target.name, resource: target.resource, ...alternativesOf(target), context: plans.Allow.base, expect: "denied", reason: "excluded"});
    }
    return probes;
}

/** Allowed with every condition met; denied with any one that applies to the action failing. */
function allowProbes(catalog: Catalog, target: Target, plan: ConditionPlan): Probe[] {
    const {name, resource} = target;
    return [
        {action: name, resource, ...alternativesOf(target), context: plan.base, expect: "allowed", reason: "intended"},
        ...plan.switches.filter((entry) => keyApplies(catalog, target.action, resource, entry.key)).flatMap((entry): Probe[] => {
            // A condition said of some resources only is required on those.
            const [first, ...others] = resourcesInScope(entry, target.action.service, [resource, ...target.alternatives ?? []]);
            return first == null ? [] : [{
                action: name, resource: first, ...(others.length > 0 ? {alternatives: others} : {}), context: withValue(plan.base, entry.key, entry.failing), expect: "denied", reason: "conditionRequired", condition: entry.key
            }];
        })
    ];
}

/**
 * A Deny applies within its scope ("in us-west-2", "tagged Secret") when a requirement fails
 * ("unless MFA"): denied by a Deny with each requirement failing, not denied with all met or
 * outside its scope. Without a requirement, it denies wherever its scope holds.
 */
function denyProbes(catalog: Catalog, target: Target, plan: ConditionPlan): Probe[] {
    const {name, resource} = target;
    const applying = plan.switches.filter((entry) => keyApplies(catalog, target.action, resource, entry.key));
    const requirements = applying.filter((entry) => !entry.scope);
    // The requirements are evaluated on other resources of the action (an instance, not its image): nothing to probe here.
    if (requirements.length === 0 && plan.switches.some((entry) => !entry.scope))
        return [];
    const base = {action: name, resource, ...alternativesOf(target)};
    const triggered = requirements.length === 0 ? [plan.base] : requirements.map((entry) => withValue(plan.base, entry.key, entry.failing));
    const probes: Probe[] = triggered.map((context, index) => ({
        ...base, context, expect: "explicitDeny", reason: "guardrail", ...(requirements[index] != null ? {condition: requirements[index]!.key} : {})
    }));
    if (requirements.length > 0)
        probes.push({...base, context: plan.base, expect: "notExplicitDeny", reason: "conditionScoped"});
    for (const scope of applying.filter((entry) => entry.scope))
        probes.push({...base, context: withValue(triggered[0]!, scope.key, scope.failing), expect: "notExplicitDeny", reason: "conditionScoped", condition: scope.key});
    return probes;
}

function alternativesOf(target: {alternatives?: string[]}) {
    return target.alternatives != null ? {alternatives: target.alternatives} : {};
}

/** For each service and effect, the candidates with the best score: what the request asks for first. */
function topCandidates(candidates: readonly CandidateAction[]): CandidateAction[] {
    const best = new Map<string, number>();
    for (const candidate of candidates) {
        const group = `${candidate.service} ${candidate.effect}`;
        best.set(group, Math.max(best.get(group) ?? -Infinity, candidate.score));
    }
    return candidates.filter((candidate) => candidate.score === best.get(`${candidate.service} ${candidate.effect}`));
}

/**
 * The catalog actions of a candidate; for a wildcard (`s3:*`, full access), one action of each
 * access level it covers, one that acts on the named resources where there is one.
 */
function candidateActions(catalog: Catalog, pattern: string, actsOnNamed: (action: CatalogAction) => boolean): CatalogAction[] {
    const actions = catalog.expand(pattern);
    if (!pattern.includes("*"))
        return actions;
    const byLevel = new Map<string, CatalogAction[]>();
    for (const action of actions)
        byLevel.set(action.accessLevels.join(), [...byLevel.get(action.accessLevels.join()) ?? [], action]);
    return [...byLevel.values()].map((level) => level.find(actsOnNamed) ?? level[0]!);
}

function resourceHint(catalog: Catalog, arn: string): ResourceHint[] {
    const service = /^arn:[^:]*:([^:]+):/.exec(arn)?.[1];
    const type = service == null ? undefined : resourceTypeOfArn(catalog, service, arn);
    return service == null || type == null ? [] : [{service, type: type.name, arn, matched: []}];
}
