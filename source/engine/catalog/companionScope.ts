import type {Catalog} from "../../catalog/index.js";
import {fillArnTemplate, resourceTypeOfArn} from "../../catalog/arnTemplates.js";
import type {CatalogAction} from "../../catalog/types.js";
import type {CompanionRule} from "../../catalog/companionRules.js";
import type {RequestReading, ResourceHint} from "../../retrieval/types.js";
import type {ConditionEntry} from "./conditions.js";
import type {Grant} from "./grants.js";
import {scopeForAction} from "./resourceScope.js";

/** Where one companion action goes, with the conditions its scope needs. */
export interface CompanionScope {
    resources: string[];
    conditions: ConditionEntry[];
}

function serviceOfArn(arn: string) {
    return arn.split(":")[2] ?? "";
}

/** Resource hints for ARNs that are not the request's own (a trigger grant's, a fallback): their type read from the catalog's templates. */
function hintsOfArns(catalog: Catalog, arns: readonly string[]): ResourceHint[] {
    return arns.filter((arn) => arn !== "*").flatMap((arn) => {
        const service = serviceOfArn(arn);
        const type = resourceTypeOfArn(catalog, service, arn);
        return type == null ? [] : [{service, type: type.name, arn, matched: []}];
    });
}

function scopedTo(catalog: Catalog, action: CatalogAction, hints: readonly ResourceHint[], partition: string): string[] {
    return scopeForAction(catalog, action, {resources: hints, prefixes: [], selfUser: false}, partition).resources;
}

/** The request's resources of a service, only those whose name or words match `matching` ("results") when the rule asks. */
function namedHints(context: RequestReading, service: string, matching: string | undefined): ResourceHint[] {
    const hints = context.resources.filter((hint) => hint.service === service);
    const pattern = matching == null ? undefined : new RegExp(matching, "i");
    return pattern == null ? hints : hints.filter((hint) => pattern.test(hint.arn) || hint.matched.some((phrase) => pattern.test(phrase)));
}

/**
 * The KMS keys the request names, or, with none named, any key used through the rule's service
 * (`kms:ViaService`). An alias becomes a `kms:ResourceAliases` condition on every key: a
 * Decrypt call names the key, never the alias, so the alias's own ARN or `kms:RequestAlias` would
 * never match it.
 */
export function kmsKeyScope(context: RequestReading, viaServices: readonly string[]): CompanionScope {
    const keys = context.resources.filter((hint) => hint.service === "kms" && hint.type === "key").map((hint) => hint.arn);
    const aliases = context.resources.filter((hint) => hint.service === "kms" && hint.type === "alias").map((hint) => hint.arn.slice(hint.arn.indexOf(":alias/") + 1));
    if (keys.length > 0)
        return {resources: keys, conditions: []};
    if (aliases.length > 0)
        return {
            resources: [`arn:${context.partition}:kms:${context.region ?? "*"}:${context.account ?? "*"}:key/*`],
            conditions: [{operator: "ForAnyValue:StringEquals", key: "kms:ResourceAliases", values: aliases}]
        };
    if (viaServices.length === 0)
        return {resources: ["*"], conditions: []};
    const region = context.region;
    return {
        resources: ["*"],
        conditions: [{operator: region != null ? "StringEquals" : "StringLike", key: "kms:ViaService", values: viaServices.map((service) => `${service}.${region ?? "*"}.amazonaws.com`)}]
    };
}

/** The IAM roles the request names, or any role of the account; passed only to the rule's service. */
function roleScope(context: RequestReading, passedToService: string | undefined): CompanionScope {
    const named = context.resources.filter((hint) => hint.service === "iam" && hint.type === "role").map((hint) => hint.arn);
    return {
        resources: named.length > 0 ? named : [`arn:${context.partition}:iam::${context.account ?? "*"}:role/*`],
        conditions: passedToService == null ? [] : [{operator: "StringEquals", key: "iam:PassedToService", values: [passedToService]}]
    };
}

/** "ec2:CreateTags only as part of RunInstances": the trigger's own calls, by the rule's `createActionKey`. */
function createActionCondition(rule: CompanionRule, triggers: readonly Grant[], catalog: Catalog): ConditionEntry[] {
    if (rule.createActionKey == null)
        return [];
    const granted = new Set((rule.when.granted ?? []).map((name) => name.toLowerCase()));
    const names = [...new Set(triggers.flatMap((grant) => catalog.expand(grant.action)).filter((action) => granted.has(`${action.service}:${action.name}`.toLowerCase())).map((action) => action.name))].sort();
    return [{operator: "StringEquals", key: rule.createActionKey, values: names}];
}

/** Where a rule's companion `action` goes, given the grants that set the rule off. */
export function companionScope(rule: CompanionRule, action: CatalogAction, triggers: readonly Grant[], context: RequestReading, catalog: Catalog): CompanionScope {
    const {resource} = rule;
    if (resource === "any")
        return {resources: ["*"], conditions: []};
    if (resource === "kmsKey")
        return kmsKeyScope(context, rule.viaService == null ? [] : [rule.viaService]);
    if (resource === "role")
        return roleScope(context, rule.passedToService);
    if (resource === "trigger")
        return {resources: scopedTo(catalog, action, hintsOfArns(catalog, triggers.flatMap((grant) => grant.resources)), context.partition), conditions: createActionCondition(rule, triggers, catalog)};
    const named = namedHints(context, resource.named, resource.matching);
    const fallback = resource.fallback == null ? [] : hintsOfArns(catalog, [fillArnTemplate(resource.fallback, new Map([["Partition", context.partition]]))]);
    return {resources: scopedTo(catalog, action, named.length > 0 ? named : fallback, context.partition), conditions: []};
}
