import type {Catalog} from "../../catalog/index.js";
import {deriveArn, readArn} from "../../catalog/arnTemplates.js";
import type {CatalogAction} from "../../catalog/types.js";
import {loadCompanionRules} from "../../catalog/companionRules.js";
import type {RequestReading, ResourceHint} from "../../retrieval/types.js";
import {kmsKeyScope} from "./companionScope.js";
import type {Grant} from "./grants.js";

/** KMS calls that use a key's material for another service's data: what kms:ViaService can scope. */
const KMS_DATA_KEY_CALLS = /^(Decrypt|Encrypt|GenerateDataKey\w*|ReEncrypt\w*)$/;

/**
 * Children of a named resource that the request asks for by word: a Lambda function's versions
 * and aliases (its ARN with a qualifier), a DynamoDB table's indexes.
 */
const ASKED_CHILDREN: ReadonlyArray<{service: string; type: string; words: string[]; child: {suffix: string} | {type: string}}> = [
    {service: "lambda", type: "function", words: ["version", "alias", "qualifier", "qualified"], child: {suffix: ":*"}},
    {service: "dynamodb", type: "table", words: ["index", "indexe", "indice", "gsi", "lsi"], child: {type: "index"}}
];

/** Actions IAM authorizes against the path asked for, not the resources under it (How Parameter Store authorizes parameter retrieval). */
const PATH_ACTIONS = new Set(["ssm:GetParametersByPath"]);

/** A log group's ARN as CloudWatch Logs evaluates it ends in `:*` (its log streams); a bare name matches nothing. */
function logGroupArn(catalog: Catalog, arn: string): string {
    const group = catalog.resourceType("logs", "log-group");
    const stream = catalog.resourceType("logs", "log-stream");
    if (group == null || readArn(group.arn, arn) == null || (stream != null && readArn(stream.arn, arn) != null) || arn.endsWith("*"))
        return arn;
    return `${arn}:*`;
}

/** The children the request asks for by word, for the actions that act on them. */
function askedChildren(catalog: Catalog, action: CatalogAction, arn: string, words: ReadonlySet<string>): string[] {
    const actsOn = (type: string) => action.resourceTypes.some((reference) => reference.name === type);
    return ASKED_CHILDREN.flatMap((entry) => {
        const parent = catalog.resourceType(entry.service, entry.type);
        if (action.service !== entry.service || parent == null || readArn(parent.arn, arn) == null || !entry.words.some((word) => words.has(word)))
            return [];
        if ("suffix" in entry.child)
            return actsOn(entry.type) && !arn.endsWith("*") ? [`${arn}${entry.child.suffix}`] : [];
        const childType = actsOn(entry.child.type) ? catalog.resourceType(entry.service, entry.child.type) : undefined;
        const derived = childType == null ? undefined : deriveArn(parent, arn, childType);
        return derived == null ? [] : [derived];
    });
}

/** `parameter/app/prod/*` for GetParametersByPath: the path `parameter/app/prod` is what IAM evaluates. */
function pathItself(action: CatalogAction, arn: string): string[] {
    return PATH_ACTIONS.has(`${action.service}:${action.name}`) && arn.endsWith("/*") && !arn.endsWith(":/*") ? [arn.slice(0, -2)] : [];
}

/** Services whose data a KMS key encrypts on a caller's behalf (from the encryption companions): what kms:ViaService may name. */
function kmsIntegratedServices(): Set<string> {
    return new Set(loadCompanionRules().flatMap((rule) => rule.viaService == null ? [] : [rule.viaService]));
}

/**
 * A KMS grant on `"*"`: limited to the named key, or, for a named alias, to the keys that alias
 * points to (`kms:ResourceAliases`); with neither, a data-key call is limited to the request's
 * services that encrypt with KMS (`kms:ViaService`).
 */
function scopedKmsGrant(grant: Grant, action: CatalogAction, context: RequestReading): Grant {
    if (action.service !== "kms" || grant.resources.some((resource) => resource !== "*" && !resource.includes(":alias/")) || !action.resourceTypes.some((reference) => reference.name === "key"))
        return grant;
    const integrated = kmsIntegratedServices();
    const via = grant.effect === "Allow" && KMS_DATA_KEY_CALLS.test(action.name)
        ? context.services.filter((service) => service.role === "target" && integrated.has(service.prefix)).map((service) => service.prefix)
        : [];
    const scope = kmsKeyScope(context, via);
    if (scope.resources.length === 1 && scope.resources[0] === "*" && scope.conditions.length === 0)
        return grant;
    return {...grant, resources: scope.resources, conditions: [...grant.conditions, ...scope.conditions]};
}

/**
 * Grants with the ARNs the services actually evaluate: log groups with their `:*` suffix, the
 * children the request asks for (a function's versions, a table's indexes), a parameter path
 * itself, a KMS key named by its alias through `kms:ResourceAliases`.
 */
export function exactGrants(grants: readonly Grant[], context: RequestReading, catalog: Catalog): Grant[] {
    const words = new Set(context.scope.words);
    return grants.map((grant) => {
        const action = catalog.action(grant.action);
        if (action == null)
            return grant;
        const resources = grant.resources.flatMap((arn) => [logGroupArn(catalog, arn), ...askedChildren(catalog, action, arn, words), ...pathItself(action, arn)]);
        return scopedKmsGrant({...grant, resources: [...new Set(resources)]}, action, context);
    });
}

/** Why an action the request's named resources cannot scope is granted on `"*"`, in a few words. */
function whyAnyResource(action: CatalogAction, named: readonly ResourceHint[]): string {
    if (action.resourceTypes.length === 0)
        return "acts on no resource";
    const types = action.resourceTypes.map((reference) => reference.name);
    return `acts on ${types.join(" or ")}, not on the named ${[...new Set(named.map((hint) => hint.type))].join(" or ")}`;
}

/**
 * One line for the actions granted on `"*"` though the request names resources of their service:
 * a named resource never silently becomes `"*"`. Undefined when there are none.
 */
export function anyResourceNote(grants: readonly Grant[], context: RequestReading, catalog: Catalog): string | undefined {
    const reasons = new Map<string, string>();
    for (const grant of grants) {
        const action = catalog.action(grant.action);
        if (grant.effect !== "Allow" || action == null || !grant.resources.includes("*"))
            continue;
        const named = context.resources.filter((hint) => hint.service === action.service);
        if (named.length > 0)
            reasons.set(`${action.service}:${action.name}`, whyAnyResource(action, named));
    }
    if (reasons.size === 0)
        return undefined;
    return `Granted on "*" though the request names resources of their service: ${[...reasons].map(([action, why]) => `${action} (${why})`).join("; ")}.`;
}
