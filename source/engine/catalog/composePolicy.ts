import type {Catalog} from "../../catalog/index.js";
import type {PolicyDocument} from "../../policy/types.js";
import type {ConditionHint, RequestReading} from "../../retrieval/types.js";
import type {CatalogAction} from "../../catalog/types.js";
import {fillArnTemplate} from "../../catalog/arnTemplates.js";
import {isActionLevelKey, resourceTypesWithKey} from "../../catalog/conditionKeys.js";
import {conditionSetsFor} from "./conditions.js";
import {policyOfPlan, serviceOf, type Grant} from "./grants.js";
import type {Companion} from "../../catalog/companionRules.js";
import {addCompanions} from "./companions.js";
import {anyResourceNote, exactGrants} from "./exactArns.js";
import {exactHints} from "../../retrieval/exactResourceArns.js";
import {allowAllExcept, accountGuardrail, requirementGuards} from "./guardrails.js";
import type {ManagedEvidence} from "./managedEvidence.js";
import {ResourceBinding} from "./resourceBinding.js";
import {scopeForAction, scopeForServiceWildcard, scopeHints} from "./resourceScope.js";
import {selectActions} from "./selectActions.js";
import {keepOut, splitExcluded} from "./excludedResources.js";

/**
 * A condition on a key that only some resource types of the action carry (`ec2:InstanceType` is
 * evaluated for the instance RunInstances creates, not for its subnet or image) would make an Allow on
 * `"*"` fail for the other resources. So the condition goes on those types' ARNs, and an Allow also
 * gets the action's other required resource types without it.
 */
function splitByResourceLevelKeys(catalog: Catalog, action: CatalogAction, grant: Grant, partition: string): Grant[] {
    if (grant.resources.length !== 1 || grant.resources[0] !== "*")
        return [grant];
    const resourceLevel = grant.conditions.filter((entry) => !isActionLevelKey(action, entry.key));
    if (resourceLevel.length === 0)
        return [grant];
    const withKeys = new Set(resourceLevel.map((entry) => resourceTypesWithKey(catalog, action, entry.key))
        .reduce((shared, names) => shared.filter((name) => names.includes(name))));
    const wildcardArn = (name: string) => fillArnTemplate(catalog.resourceType(action.service, name)!.arn, new Map([["Partition", partition]]));
    const conditioned = action.resourceTypes.filter((reference) => withKeys.has(reference.name));
    if (conditioned.length === 0 || conditioned.length === action.resourceTypes.length)
        return [grant];
    const split: Grant[] = [{...grant, resources: conditioned.map((reference) => wildcardArn(reference.name))}];
    const others = action.resourceTypes.filter((reference) => reference.required && !withKeys.has(reference.name));
    if (grant.effect === "Allow" && others.length > 0)
        split.push({...grant, resources: others.map((reference) => wildcardArn(reference.name)), conditions: grant.conditions.filter((entry) => !resourceLevel.includes(entry))});
    return split;
}

/**
 * The grants a retrieval result asks for: each chosen action with the ARNs of the named resources
 * it supports (or `"*"`), and the request's conditions where IAM evaluates their keys.
 */
export function grantsOfContext(context: RequestReading, catalog: Catalog, evidence?: ManagedEvidence): Grant[] {
    const hints = scopeHints(exactHints(context.resources), context.conditions);
    const grants: Grant[] = [];
    for (const selection of selectActions(context, catalog, evidence)) {
        const intent = context.intents.find((entry) => entry.service === selection.service && entry.effect === selection.effect);
        const binding = new ResourceBinding(intent, hints.resources);
        for (const name of selection.actions) {
            const action = selection.wholeService ? undefined : catalog.action(name);
            const scope = selection.resources != null ? {resources: selection.resources, conditions: []}
                : action == null ? {resources: scopeForServiceWildcard(catalog, selection.service, hints), conditions: []}
                : scopeForAction(catalog, action, {...hints, resources: binding.hintsFor(action)}, context.partition);
            for (const conditions of conditionSetsFor(catalog, action, selection.effect, hintsFor(context.conditions, selection.service, scope.resources))) {
                const grant: Grant = {effect: selection.effect, action: name, resources: scope.resources, conditions: [...scope.conditions, ...conditions]};
                grants.push(...(action == null ? [grant] : splitByResourceLevelKeys(catalog, action, grant, context.partition)));
            }
        }
    }
    return exactGrants(grants, context, catalog);
}

/** The condition hints that hold for a statement on these resources of this service (see `ConditionHint.appliesTo`). */
function hintsFor(hints: readonly ConditionHint[], service: string, resources: readonly string[]): ConditionHint[] {
    return hints.filter(({appliesTo}) => appliesTo == null
        || (appliesTo.resources != null ? resources.some((arn) => appliesTo.resources!.some((named) => arn === named || arn.startsWith(`${named}/`)))
            : appliesTo.services == null || appliesTo.services.includes(service)));
}

export interface ComposeOptions {
    /** An AWS managed policy the request names: its services' actions are chosen from what it allows. */
    evidence?: ManagedEvidence;
    /** Add the actions the job needs beyond those its words name (default true). */
    companions?: boolean;
}

export interface Composition {
    policy: PolicyDocument | null;
    /** The actions added because the job needs them, each with its reason and source. */
    companions: Companion[];
    /** What the user should know about the ARNs: actions left on `"*"` though resources are named. */
    notes: string[];
}

/**
 * The policy for a request (see composePolicy), with the companion actions its job needs, each
 * with why, and a note for each named resource an action could not be limited to.
 */
export function compose(context: RequestReading, catalog: Catalog, options: ComposeOptions = {}): Composition {
    const guardrail = accountGuardrail(context, catalog);
    if (guardrail != null) {
        const grants = grantsOfContext(context, catalog, options.evidence)
            .filter((grant) => grant.effect === "Allow" && !guardrail.excepted.includes(serviceOf(grant.action)));
        return {policy: policyOfPlan({grants: [...grants, ...guardrail.grants], opaque: guardrail.statements}, catalog), companions: [], notes: []};
    }
    const allExcept = allowAllExcept(context);
    if (allExcept != null)
        return {policy: policyOfPlan({grants: [], opaque: [allExcept]}, catalog), companions: [], notes: []};
    const {reading, excludedArns} = splitExcluded(context);
    const asked = grantsOfContext(reading, catalog, options.evidence);
    const {grants, companions} = options.companions === false ? {grants: asked, companions: []} : addCompanions(asked, reading, catalog);
    const note = anyResourceNote(grants, reading, catalog);
    const kept = keepOut([...grants, ...requirementGuards(reading, asked)], excludedArns, catalog);
    return {
        policy: policyOfPlan(kept, catalog),
        companions,
        notes: note == null ? [] : [note]
    };
}

/**
 * Turns a retrieval result into a least-privilege policy: one statement per effect, resource
 * scope and condition set, so that actions on the named resources get their ARNs, actions that
 * accept only `"*"` get their own statement, and conditions go only where IAM evaluates their
 * keys. With `evidence` (an AWS managed policy the request names), its services' actions are
 * chosen from what that policy allows. Returns null when the request names nothing to grant.
 */
export function composePolicy(context: RequestReading, catalog: Catalog, evidence?: ManagedEvidence): PolicyDocument | null {
    return compose(context, catalog, evidence == null ? {} : {evidence}).policy;
}
