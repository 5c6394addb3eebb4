import type {Catalog} from "../../catalog/Catalog.js";
import type {CatalogAction} from "../../catalog/types.js";
import type {ManagedPolicy} from "../../managed/types.js";
import {policyStatements} from "../../policy/statements.js";
import type {CompanionAction, CompanionRule, CompanionRulesFile} from "../../catalog/companionRules.js";
import type {CuratedConsole, CuratedFile, CuratedRule} from "../types.js";

/** Access a companion may never add, whatever its source: it would change who may access what. */
const FORBIDDEN_LEVELS = new Set(["Permissions management", "Tagging"]);
/** How many corroborating managed policies a rule lists per action. */
const MAX_CORROBORATIONS = 3;

function list(value: string | string[] | undefined): string[] {
    return value == null ? [] : Array.isArray(value) ? value : [value];
}

function qualified(action: CatalogAction) {
    return `${action.service}:${action.name}`;
}

/** The catalog actions a managed policy's Allow statements name (NotAction statements aside); `*` and `svc:*` entries only when `serviceWide`. */
function grantedActions(policy: ManagedPolicy, catalog: Catalog, serviceWide: boolean): CatalogAction[] {
    const actions = new Set<CatalogAction>();
    for (const statement of policyStatements(policy.document)) {
        if (statement.Effect !== "Allow")
            continue;
        for (const pattern of list(statement.Action)) {
            if (!serviceWide && (pattern === "*" || pattern.endsWith(":*")))
                continue;
            for (const action of catalog.expand(pattern))
                actions.add(action);
        }
    }
    return [...actions];
}

/**
 * For each managed policy, the actions it names (not through `*` or `svc:*`, which grant
 * everything together and so say nothing about what a job needs together), in lower case.
 */
class Corroboration {
    private readonly granted: Array<{name: string; actions: Set<string>}>;

    constructor(policies: readonly ManagedPolicy[], private readonly catalog: Catalog) {
        this.granted = policies.map((policy) => ({name: policy.name, actions: new Set(grantedActions(policy, catalog, false).map((action) => qualified(action).toLowerCase()))}));
    }

    /** Managed policies other than the rule's own source that grant one of the trigger actions and `action` together. */
    of(action: string, triggers: readonly string[], source: string | undefined): string[] {
        const triggerNames = triggers.flatMap((pattern) => this.catalog.expand(pattern)).map((entry) => qualified(entry).toLowerCase());
        const lower = action.toLowerCase();
        return this.granted
            .filter((policy) => policy.name !== source && policy.actions.has(lower) && triggerNames.some((name) => name !== lower && policy.actions.has(name)))
            .map((policy) => policy.name)
            .sort()
            .slice(0, MAX_CORROBORATIONS);
    }
}

function checkedAction(catalog: Catalog, name: string, ruleId: string): CatalogAction {
    const action = catalog.action(name);
    if (action == null)
        throw new Error(`companion rule ${ruleId}: ${name} is not in the catalog`);
    const forbidden = action.accessLevels.filter((level) => FORBIDDEN_LEVELS.has(level));
    if (forbidden.length > 0)
        throw new Error(`companion rule ${ruleId}: ${name} is ${forbidden.join(" and ")} access, which a companion never adds`);
    return action;
}

/** The actions a curated rule takes from its managed policy: those on its services, of its levels, less the excluded ones (each of which the policy must grant). */
function actionsFromManagedPolicy(rule: CuratedRule, policy: ManagedPolicy, catalog: Catalog): CatalogAction[] {
    const granted = grantedActions(policy, catalog, true);
    const excluded = new Set((rule.exclude ?? []).map((name) => name.toLowerCase()));
    for (const name of excluded)
        if (!granted.some((action) => qualified(action).toLowerCase() === name))
            throw new Error(`companion rule ${rule.id}: ${policy.name} does not grant the excluded ${name}`);
    const names = rule.names == null ? undefined : new RegExp(rule.names);
    return granted.filter((action) => (rule.services ?? []).includes(action.service)
        && !excluded.has(qualified(action).toLowerCase())
        && (rule.levels == null || action.accessLevels.every((level) => rule.levels!.includes(level)))
        && (names == null || names.test(action.name)));
}

function companionActions(actions: readonly CatalogAction[], rule: CuratedRule, corroboration: Corroboration, catalog: Catalog): CompanionAction[] {
    if (actions.length === 0)
        throw new Error(`companion rule ${rule.id} has no actions`);
    return actions.map((action) => {
        const name = qualified(checkedAction(catalog, qualified(action), rule.id));
        return {action: name, accessLevel: action.accessLevels.join(", "), corroboratedBy: corroboration.of(name, rule.when.granted ?? [], rule.managedPolicy)};
    });
}

/** A rule's checker calls must be among its actions, in the catalog's spelling. */
function checkedCalls(rule: CuratedRule, actions: readonly CompanionAction[]) {
    const names = new Set(actions.map((entry) => entry.action));
    for (const call of [...rule.check?.recognisedBy ?? [], ...rule.check?.required ?? []])
        if (!names.has(call))
            throw new Error(`companion rule ${rule.id}: its check names ${call}, which is not one of its actions`);
}

function buildRule(rule: CuratedRule, policies: ReadonlyMap<string, ManagedPolicy>, corroboration: Corroboration, catalog: Catalog): CompanionRule {
    const {id, family, when, resource, viaService, passedToService, replacesReads, check, reason, managedPolicy, documentation, actions} = rule;
    // Key order is the file's reading order: when, what, where, why, from where.
    const rest = {resource, ...(viaService != null ? {viaService} : {}), ...(passedToService != null ? {passedToService} : {}), ...(replacesReads != null ? {replacesReads} : {}), ...(check != null ? {check} : {}), reason};
    if (managedPolicy != null) {
        const policy = policies.get(managedPolicy);
        if (policy == null)
            throw new Error(`companion rule ${rule.id}: no AWS managed policy ${managedPolicy}`);
        const taken = companionActions(actionsFromManagedPolicy(rule, policy, catalog), rule, corroboration, catalog);
        checkedCalls(rule, taken);
        return {
            id, family, when,
            actions: taken,
            ...rest,
            source: {kind: "managed policy", title: policy.name, reference: policy.arn}
        };
    }
    if (documentation == null || actions == null)
        throw new Error(`companion rule ${rule.id} names neither a managed policy nor a documentation page with its actions`);
    return {
        id, family, when,
        actions: companionActions(actions.map((name) => checkedAction(catalog, name, rule.id)), rule, corroboration, catalog),
        ...rest,
        source: {kind: "documentation", title: documentation.title, reference: documentation.url}
    };
}

/** A console page's list calls: from the service's read-only policy, the List/Describe actions named after its nouns; and those the documentation adds. */
function consoleRules(entry: CuratedConsole, words: string[][], catalog: Catalog): CuratedRule[] {
    const serviceName = catalog.service(entry.service)?.name ?? entry.service;
    const when = {granted: entry.granted ?? [`${entry.service}:*`], words};
    const rules: CuratedRule[] = [{
        id: entry.granted == null ? `console-${entry.service}` : `console-${entry.service}-${entry.nouns[0]!.toLowerCase()}`,
        family: "console",
        when,
        managedPolicy: entry.managedPolicy,
        services: [entry.service],
        levels: ["List", "Read"],
        names: `^(List|Describe)(AllMy)?(${entry.nouns.join("|")})$`,
        resource: "any",
        reason: `the ${serviceName} console lists them before it opens one`
    }];
    if (entry.documented != null)
        rules.push({
            id: `console-${entry.service}-documented`,
            family: "console",
            when,
            documentation: {title: entry.documented.title, url: entry.documented.url},
            actions: entry.documented.actions,
            resource: "trigger",
            reason: `the ${serviceName} console reads these before it shows a resource`
        });
    return rules;
}

/**
 * Builds catalog/companions.json from the curated rules and the AWS managed policies: each rule's
 * actions come from its managed policy (or its documentation page), checked against the catalog,
 * never Permissions management or Tagging, each with the other managed policies that grant it
 * together with a trigger action.
 */
export function buildCompanionRules(curated: CuratedFile, policies: readonly ManagedPolicy[], catalog: Catalog, managedPoliciesVersion: string): CompanionRulesFile {
    const byName = new Map(policies.map((policy) => [policy.name, policy]));
    const corroboration = new Corroboration(policies, catalog);
    const rules: CompanionRule[] = curated.rules.map((rule) => buildRule(rule, byName, corroboration, catalog));
    for (const entry of curated.consoles)
        rules.push(...consoleRules(entry, curated.consoleWords, catalog).map((rule) => buildRule(rule, byName, corroboration, catalog)));
    return {
        $comment: "Generated by npm run companions from catalog/companions.curated.json and the AWS managed policies: do not edit. Each rule: when it applies, the actions it adds (each with the managed policies that grant it together with a trigger action), where, why, and its source.",
        managedPoliciesVersion,
        rules
    };
}

/** The file's text: indented, with lists of names on one line each so that a rule reads at a glance. */
export function formatRulesFile(file: CompanionRulesFile): string {
    const text = JSON.stringify(file, null, 2)
        .replace(/\[\n\s+("(?:[^"\\]|\\.)*"(?:,\n\s+"(?:[^"\\]|\\.)*")*)\n\s+\]/g, (_, items: string) => `[${items.split(/,\n\s+/).join(", ")}]`);
    return `${text}\n`;
}
