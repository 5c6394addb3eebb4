import type {Catalog} from "../../catalog/index.js";
import type {PolicyStatement} from "../../policy/types.js";
import type {RequestReading} from "../../retrieval/types.js";
import {conditionSetsFor, negate, RESOURCE_KINDS, toConditionBlock} from "./conditions.js";
import type {Grant, OpaqueStatement} from "./grants.js";

/**
 * An account-wide guardrail: a Deny of every action (or of all but the excepted services) whenever a
 * requirement of the request (MFA, region, source IP, SSL…) does not hold. Applies when the request
 * denies "all actions"/"everything", or denies under a condition without naming a service.
 */
export function accountGuardrail(context: RequestReading, catalog: Catalog): {statements: OpaqueStatement[]; grants: Grant[]; excepted: string[]} | undefined {
    if (context.effect !== "Deny")
        return undefined;
    const requirementSets = conditionSetsFor(catalog, undefined, "Deny", context.conditions).filter((set) => set.length > 0);
    if (requirementSets.length === 0)
        return undefined;
    const excepted = context.scope.exceptServices;
    const targets = context.services.filter((service) => service.role === "target" && !excepted.includes(service.prefix));
    if (targets.length > 0 && !context.scope.allActions)
        return undefined;
    if (excepted.length === 0)
        return {statements: [], grants: requirementSets.map((conditions) => ({effect: "Deny", action: "*", resources: ["*"], conditions})), excepted};
    const notActions = excepted.map((service) => `${service}:*`).sort();
    const statements = requirementSets.map((conditions, index): OpaqueStatement => {
        const statement: PolicyStatement = {
            Sid: `DenyAllExcept${excepted.map((service) => service.replace(/[^a-z0-9]/gi, "")).map((name) => name[0]!.toUpperCase() + name.slice(1)).join("")}${index > 0 ? index + 1 : ""}`,
            Effect: "Deny",
            NotAction: notActions.length === 1 ? notActions[0]! : notActions,
            Resource: "*"
        };
        const condition = toConditionBlock(conditions);
        return {statement: condition == null ? statement : {...statement, Condition: condition}};
    });
    return {statements, grants: [], excepted};
}

/**
 * "Allow S3 reads only over SSL. Deny any unencrypted requests.": when an Allow request also denies
 * requests in general that fail its requirements, each service it allows gets a guard that denies
 * everything on it whenever a requirement fails. A deny clause that only restates the Allow's own
 * verb ("deny launching any other instance type") adds nothing: IAM denies what is not allowed.
 */
export function requirementGuards(context: RequestReading, allowGrants: readonly Grant[]): Grant[] {
    if (context.effect !== "Allow" || !context.scope.broadDeny || context.candidates.some((candidate) => candidate.effect === "Deny"))
        return [];
    const requirementKeys = new Set(context.conditions
        .filter((hint) => !RESOURCE_KINDS.has(hint.kind) && hint.kind !== "resourceTag")
        .map((hint) => hint.key.toLowerCase()));
    const guards = new Map<string, Grant>();
    for (const grant of allowGrants) {
        if (grant.effect !== "Allow")
            continue;
        const service = grant.action.slice(0, grant.action.indexOf(":"));
        for (const requirement of grant.conditions.filter((entry) => requirementKeys.has(entry.key.toLowerCase()))) {
            const guard: Grant = {effect: "Deny", action: `${service}:*`, resources: ["*"], conditions: [negate(requirement)]};
            guards.set(JSON.stringify(guard), guard);
        }
    }
    return [...guards.values()];
}

/**
 * "Allow everything except IAM": an Allow of all actions but the excepted services' (NotAction),
 * the way AWS writes such a policy; never the excepted service's own actions. Applies when every
 * target of the request is excepted and it asks for all actions.
 */
export function allowAllExcept(context: RequestReading): OpaqueStatement | undefined {
    const targets = context.services.filter((service) => service.role === "target").map((service) => service.prefix);
    const excepted = context.scope.exceptServices;
    if (context.effect !== "Allow" || !context.scope.allActions || excepted.length === 0 || targets.some((service) => !excepted.includes(service)))
        return undefined;
    const notActions = [...new Set(excepted)].sort().map((service) => `${service}:*`);
    return {statement: {Sid: `AllowAllExcept${excepted.map((service) => service.replace(/[^a-z0-9]/gi, "")).map((name) => name[0]!.toUpperCase() + name.slice(1)).join("")}`, Effect: "Allow", NotAction: notActions.length === 1 ? notActions[0]! : notActions, Resource: "*"}};
}
