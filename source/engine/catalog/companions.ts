import type {Catalog} from "../../catalog/index.js";
import type {CatalogAction} from "../../catalog/types.js";
import {loadCompanionRules, type Companion, type CompanionRule} from "../../catalog/companionRules.js";
import {wildcardMatch} from "../../catalog/wildcardMatch.js";
import type {RequestReading} from "../../retrieval/types.js";
import {companionScope} from "./companionScope.js";
import {conditionSetsFor, type ConditionEntry} from "./conditions.js";
import {grantKey, type Grant} from "./grants.js";
import {tagOnCreateRules} from "./tagOnCreate.js";

export interface CompanionOutcome {
    /** The grants with the companions added (and, for a rule that is the whole job, the service's other reads gone). */
    grants: Grant[];
    companions: Companion[];
}

function sourceLine(rule: CompanionRule) {
    return rule.source.kind === "managed policy" ? `AWS managed policy ${rule.source.title}` : `AWS documentation: ${rule.source.title}`;
}

/** The catalog actions a grant's action (a name or a pattern) stands for. */
function grantedNames(grant: Grant, catalog: Catalog): string[] {
    return catalog.expand(grant.action).map((action) => `${action.service}:${action.name}`);
}

/** The Allow grants whose actions set the rule off: one of `when.granted` (patterns allowed). */
function triggerGrants(rule: CompanionRule, grants: readonly Grant[], catalog: Catalog): Grant[] {
    const patterns = rule.when.granted ?? [];
    return grants.filter((grant) => grant.effect === "Allow"
        && grantedNames(grant, catalog).some((name) => patterns.some((pattern) => wildcardMatch(pattern, name, true))));
}

/** Whether the request fits the rule's other requirements: its principal, and its words or its condition. */
function requestFits(rule: CompanionRule, context: RequestReading): boolean {
    const {principal, words, condition} = rule.when;
    if (principal != null && !context.services.some((service) => service.role === "principal" && principal.includes(service.prefix)))
        return false;
    if (words == null && condition == null)
        return true;
    const said = words != null && words.some((set) => set.every((word) => context.scope.words.includes(word)));
    const conditioned = condition != null && context.conditions.some((hint) => hint.kind === condition.kind && hint.values.some((value) => condition.values.includes(value)));
    return said || conditioned;
}

function conditionSignature(entries: readonly ConditionEntry[]) {
    return entries.map((entry) => JSON.stringify([entry.operator, entry.key.toLowerCase(), [...entry.values].sort()]));
}

/** True when an Allow grant already allows `action` on `resource` under no condition beyond `conditions`. */
function alreadyGranted(grants: readonly Grant[], action: string, resource: string, conditions: readonly ConditionEntry[], catalog: Catalog): boolean {
    const wanted = new Set(conditionSignature(conditions));
    return grants.some((grant) => grant.effect === "Allow"
        && grantedNames(grant, catalog).some((name) => name.toLowerCase() === action.toLowerCase())
        && grant.resources.some((pattern) => wildcardMatch(pattern, resource))
        && conditionSignature(grant.conditions).every((entry) => wanted.has(entry)));
}

/**
 * A rule that is the whole job on its service (a Lambda event source): the service's other Read
 * and List grants go, unless the request names their verb ("list the queues").
 */
function withoutOtherReads(grants: readonly Grant[], rule: CompanionRule, context: RequestReading, catalog: Catalog): Grant[] {
    const services = new Set(rule.actions.map((entry) => entry.action.slice(0, entry.action.indexOf(":"))));
    const kept = new Set(rule.actions.map((entry) => entry.action.toLowerCase()));
    const verbs = new Set(context.intents.flatMap((intent) => intent.verbs.map((verb) => verb.toLowerCase().split(/\s+/)[0]!)));
    return grants.filter((grant) => {
        const action = catalog.action(grant.action);
        if (grant.effect !== "Allow" || action == null || !services.has(action.service) || kept.has(grant.action.toLowerCase()))
            return true;
        const readOnly = action.accessLevels.every((level) => level === "Read" || level === "List");
        const named = [...verbs].some((verb) => action.name.toLowerCase().startsWith(verb));
        return !readOnly || named;
    });
}

/**
 * Tagging is how tag-based access is won: a tag-on-create companion may tag only within the create call
 * (a `CreateAction` key) or the resources the request names, never every resource of its type.
 */
function tagsTooWidely(rule: CompanionRule, resource: string): boolean {
    return rule.family === "tagging" && rule.createActionKey == null && resource.endsWith("*");
}

function companionGrant(rule: CompanionRule, action: CatalogAction, triggers: readonly Grant[], context: RequestReading, catalog: Catalog): Grant {
    const scope = companionScope(rule, action, triggers, context, catalog);
    // The request's own requirements (MFA, source IP) hold for what the job needs too.
    const [required = []] = conditionSetsFor(catalog, action, "Allow", context.conditions);
    return {effect: "Allow", action: `${action.service}:${action.name}`, resources: scope.resources, conditions: [...required, ...scope.conditions]};
}

/** The curated rules, and the tag-on-create rules of the services the grants allow on (derived from the catalog). */
function rulesFor(grants: readonly Grant[], catalog: Catalog): CompanionRule[] {
    const services = new Set(grants.filter((grant) => grant.effect === "Allow").map((grant) => grant.action.slice(0, grant.action.indexOf(":"))));
    return [...loadCompanionRules(), ...[...services].flatMap((service) => tagOnCreateRules(catalog, service))];
}

/**
 * Adds the actions the job needs beyond those its words name (catalog/companions.json): each rule
 * whose trigger the grants and the request fit adds its actions where its `resource` says, unless
 * a grant already allows them there. Denies are never completed: a guardrail blocks only what it names.
 */
export function addCompanions(grants: readonly Grant[], context: RequestReading, catalog: Catalog, rules: readonly CompanionRule[] = rulesFor(grants, catalog)): CompanionOutcome {
    let result = [...grants];
    const companions: Companion[] = [];
    for (const rule of rules) {
        const triggers = triggerGrants(rule, result, catalog);
        if ((rule.when.granted != null && triggers.length === 0) || !requestFits(rule, context))
            continue;
        if (rule.replacesReads === true)
            result = withoutOtherReads(result, rule, context, catalog);
        for (const entry of rule.actions) {
            const action = catalog.action(entry.action);
            if (action == null)
                continue;
            const grant = companionGrant(rule, action, triggers, context, catalog);
            const missing = grant.resources.filter((resource) => !alreadyGranted(result, grant.action, resource, grant.conditions, catalog) && !tagsTooWidely(rule, resource));
            if (missing.length === 0)
                continue;
            result.push({...grant, resources: missing});
            companions.push(...missing.map((resource) => ({action: grant.action, resource, reason: rule.reason, source: sourceLine(rule), rule: rule.id})));
        }
    }
    return {grants: result, companions};
}

/**
 * A follow-up's addition with what its job needs too (`after` is `before` plus the addition): set off
 * by the added grants alone, so that the policy's earlier grants stay as they are.
 */
export function addCompanionsOfAddition(before: readonly Grant[], after: readonly Grant[], context: RequestReading, catalog: Catalog): CompanionOutcome {
    const earlier = new Set(before.map(grantKey));
    const completed = addCompanions(after.filter((grant) => !earlier.has(grantKey(grant))), context, catalog);
    const added = completed.grants.filter((grant) => !earlier.has(grantKey(grant)));
    return {
        grants: [...before, ...added],
        companions: completed.companions.filter((companion) => added.some((grant) => grant.action === companion.action && grant.resources.includes(companion.resource)))
    };
}
