import type {Catalog, CatalogAction} from "../catalog/index.js";
import {policyStatements} from "../policy/statements.js";
import type {PolicyDocument, PolicyStatement} from "../policy/types.js";
import {CompiledPolicies, decide, type Decision, type RequestContext} from "../simulation/index.js";
import {compileConditions} from "../simulation/conditions.js";
import {conditionSwitch, holdingContext, variableContext, withValue} from "./conditionContexts.js";
import {concreteArn, fitsAction, genericArn} from "./probeResources.js";
import type {Probe, ProbeExpectation} from "./types.js";

const PLACE = {partition: "aws"};

/**
 * Probes from a policy known to be right (a benchmark's reference): for each statement, each action
 * it names or matches on each of its resources that fits the action, with its conditions met, and
 * again with each condition failing. Each probe expects what the reference decides: what it allows
 * must be allowed, what it denies must be denied (by a Deny when the reference is all Deny, a
 * guardrail), and where a condition failing makes it deny, the probe must be denied too.
 */
export function probesOfReference(reference: PolicyDocument, catalog: Catalog): Probe[] {
    const compiled = new CompiledPolicies(reference);
    const statements = policyStatements(reference).filter((statement) => statement != null && typeof statement === "object");
    const guardrail = !statements.some((statement) => statement.Effect === "Allow");
    const probes: Probe[] = [];
    for (const statement of statements) {
        const conditions = compileConditions(statement.Condition);
        const resourceEntries = entries(statement.Resource);
        const variables = variableContext([...conditions.flatMap((condition) => condition.values), ...resourceEntries]);
        const switches = conditions.map((condition) => conditionSwitch(condition, variables));
        const base = holdingContext(switches, variables);
        for (const action of statementActions(statement, catalog))
            for (const resource of statementResources(catalog, action, resourceEntries)) {
                const name = `${action.service}:${action.name}`;
                const variants: Array<{context: RequestContext; condition?: string}> = [{context: base}, ...switches
                    .filter((entry) => entry.failing != null)
                    .map((entry) => ({context: withValue(base, entry.key, entry.failing!), condition: entry.key}))];
                for (const {context, condition} of variants) {
                    const expect = expectation(decide(compiled, {action: name, resource, context}), statement.Effect, guardrail, condition != null);
                    if (expect != null)
                        probes.push({action: name, resource, context, expect, reason: "reference", ...(condition != null ? {condition} : {})});
                }
            }
    }
    return probes;
}

/**
 * What a probe must get, from the reference's decision: undefined when the probe says nothing (the
 * statement does not apply as written, or failing a condition leaves the decision as it was).
 */
function expectation(decision: Decision, effect: PolicyStatement["Effect"], guardrail: boolean, conditionFailing: boolean): ProbeExpectation | undefined {
    const statementOutcome = effect === "Allow" ? "allowed" : "explicitDeny";
    if (conditionFailing ? decision === statementOutcome : decision === "implicitDeny")
        return undefined;
    if (decision === "allowed")
        return "allowed";
    if (decision === "explicitDeny")
        return guardrail ? "explicitDeny" : "denied";
    return effect === "Deny" ? "notExplicitDeny" : "denied";
}

function entries(value: unknown): string[] {
    return (Array.isArray(value) ? value : [value]).filter((entry): entry is string => typeof entry === "string");
}

/** The catalog actions the statement names or matches; for NotAction, the first action of each service it leaves (every action would be thousands). */
function statementActions(statement: PolicyStatement, catalog: Catalog): CatalogAction[] {
    if (statement.Action != null)
        return [...new Map(entries(statement.Action).flatMap((pattern) => catalog.expand(pattern)).map((action) => [`${action.service}:${action.name}`, action])).values()];
    const excluded = entries(statement.NotAction).flatMap((pattern) => catalog.expand(pattern));
    return catalog.services.flatMap((service) => service.actions.find((action) => !excluded.includes(action)) ?? []);
}

/** The statement's resources the action can act on, each made concrete; `*` (a generic ARN) for `*`, NotResource and actions without resource types. */
function statementResources(catalog: Catalog, action: CatalogAction, resourceEntries: readonly string[]): string[] {
    if (action.resourceTypes.length === 0)
        return ["*"];
    const named = resourceEntries.filter((entry) => entry !== "*").map(concreteArn).filter((arn) => fitsAction(catalog, action, arn));
    return named.length > 0 || !resourceEntries.includes("*") && resourceEntries.length > 0 ? [...new Set(named)] : [genericArn(catalog, action, PLACE)];
}
