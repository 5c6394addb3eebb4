import type {Catalog, CatalogAction} from "../catalog/index.js";
import {resourceTypeOfArn} from "../catalog/arnTemplates.js";
import {actionSupportsConditionKey, isActionLevelKey, resourceTypesWithKey} from "../catalog/conditionKeys.js";
import type {ConditionHint, ConditionKind, Effect} from "../retrieval/types.js";
import type {ContextValue, RequestContext} from "../simulation/index.js";
import {POSITIVE_OF} from "../simulation/conditionValues.js";
import {compileConditionList, conditionSwitch, holdingContext} from "./conditionContexts.js";

/** One condition of the request: a value that fails it, and whether it says where a Deny applies rather than what access requires. */
export interface RequestConditionSwitch {
    key: string;
    failing: ContextValue | "absent";
    scope: boolean;
    /** Said of some resources or services only (`ConditionHint.appliesTo`). */
    appliesTo?: ConditionHint["appliesTo"];
}

/** The request's conditions read for one effect: a context in which all hold, and each one's switch. */
export interface ConditionPlan {
    base: RequestContext;
    switches: RequestConditionSwitch[];
}

/** Kinds that say which resources are meant, not what a request must bring. */
const SCOPE_KINDS = new Set<ConditionKind>(["resourceTag"]);
/** `${aws:username}` lives in the ARN, not in a condition: the probe's resource already carries it. */
const IN_ARN_KINDS = new Set<ConditionKind>(["selfUser"]);
/** IAM compares dates, not times of day: a time alone never becomes a condition. */
const FULL_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * How the request's condition hints bind an Allow or a Deny. Each is a requirement (an Allow needs
 * it, a Deny applies where it fails), taken in its positive form ("not from 10.0.0.0/8" requires
 * 10.0.0.0/8), or a scope (which resources or, for a Deny, which region, or what its "if"/"when" says),
 * taken in that same positive form: what the phrase says holds.
 */
export function conditionPlan(conditions: readonly ConditionHint[], effect: Effect, variables: RequestContext): ConditionPlan {
    // A Deny's own scope ("…, but deny it when tagged env=prod") is not the Allow's; a Deny's own requirement
    // ("…, but deny that unless MFA") still binds what the policy allows, so an Allow is probed with it.
    const hints = usableHints(conditions).filter((hint) => (hint.appliesTo?.effect == null || hint.appliesTo.effect === effect || hint.opener !== "scope") &&
        !IN_ARN_KINDS.has(hint.kind) && !(effect === "Deny" && hint.kind === "s3Prefix") && (!/^Date/.test(baseOperator(hint.operator)) || hint.values.every((value) => FULL_DATE.test(value))));
    const read = hints.map((hint) => {
        const scope = isScope(hint, effect);
        // A scope is taken as the phrase says it ("deny … when from 203.0.113.0/24"), a requirement in its positive form: both are the required form.
        return {hint, scope, condition: compileConditionList([requiredForm(hint)])[0]};
    }).filter((entry) => entry.condition != null);
    const switches = read.map((entry) => ({...conditionSwitch(entry.condition!, variables), scope: entry.scope, appliesTo: entry.hint.appliesTo}));
    return {
        base: holdingContext(switches, variables),
        switches: switches.flatMap(({key, holding, failing, scope, appliesTo}) => holding != null && failing != null ? [{key, failing, scope, ...(appliesTo != null ? {appliesTo} : {})}] : [])
    };
}

function baseOperator(operator: string) {
    return operator.replace(/^(ForAllValues:|ForAnyValue:)/, "").replace(/IfExists$/, "");
}

/**
 * "Deny EC2 calls in ap-east-1" names where to deny; "deny outside us-east-1" (StringNotEquals) requires us-east-1.
 * A Deny's phrase opened by "if"/"when" is its scope, one opened by "unless"/"only if" a requirement (`ConditionHint.opener`).
 */
function isScope(hint: ConditionHint, effect: Effect): boolean {
    if (effect === "Deny" && hint.opener != null)
        return hint.opener === "scope";
    return SCOPE_KINDS.has(hint.kind) || effect === "Deny" && hint.kind === "region" && requiredForm(hint) === hint;
}

/** Of these resources of a service's action, those a switch is said of (all of them when it is said of everything). */
export function resourcesInScope(entry: RequestConditionSwitch, service: string, resources: readonly string[]): string[] {
    const {appliesTo} = entry;
    if (appliesTo == null)
        return [...resources];
    if (appliesTo.resources == null)
        return appliesTo.services == null || appliesTo.services.includes(service) ? [...resources] : [];
    return resources.filter((arn) => appliesTo.resources!.some((named) => arn === named || arn.startsWith(`${named}/`)));
}

/** Whether IAM evaluates the key for this action on this resource (`ec2:InstanceType` for the instance RunInstances makes, not its image). */
export function keyApplies(catalog: Catalog, action: CatalogAction, resource: string, key: string): boolean {
    if (!actionSupportsConditionKey(catalog, action, key))
        return false;
    if (isActionLevelKey(action, key))
        return true;
    const type = resource === "*" ? undefined : resourceTypeOfArn(catalog, action.service, resource);
    return type != null && resourceTypesWithKey(catalog, action, key).includes(type.name);
}

/** Hints that can become conditions; a value caught with the sentence's full stop ("Environment=dev.") means the word alone. */
export function usableHints(conditions: readonly ConditionHint[]): ConditionHint[] {
    return conditions
        .filter((hint) => hint.note == null)
        .map((hint) => ({...hint, values: hint.values.map((value) => value.replace(/[.,;:!?]+$/, "")).filter((value) => value !== "")}))
        .filter((hint) => hint.values.length > 0);
}

/** The condition an Allow must carry for the hint: a negated operator or `Bool … false` in its positive form. */
export function requiredForm(hint: ConditionHint): ConditionHint {
    // "allow … except in us-west-2": what the request rules out is the requirement as written.
    if (hint.ruledOut === true)
        return hint;
    const base = baseOperator(hint.operator);
    const positive = POSITIVE_OF[base];
    if (positive != null)
        return {...hint, operator: hint.operator.replace(base, positive)};
    if (base === "Bool" && hint.values.every((value) => value.toLowerCase() === "false"))
        return {...hint, operator: "Bool", values: ["true"]};
    return hint;
}
