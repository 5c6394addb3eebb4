import {type CatalogAction} from "../catalog/types.js";
import {loadCompanionRules, type CompanionRule} from "../catalog/companionRules.js";
import {wildcardMatch} from "../catalog/wildcardMatch.js";
import {type AnalyzedStatement, type CheckContext, listNames, qualifiedName} from "./analyze.js";
import {hasWildcard, parseArn} from "./arn.js";
import {parseOperator} from "./conditionOperators.js";
import {type ConditionEntryView} from "./PolicyView.js";

/**
 * Mistakes that make a policy fail when the job runs, though it reads right: a secret ARN
 * without the suffix Secrets Manager adds, KMS data-key calls on every key, an ECS cluster's ARN
 * for service actions, an event source mapping missing one of the calls it makes, an ARN in a region
 * that the statement's aws:RequestedRegion condition rules out.
 */
export function checkWorksFirstTime(context: CheckContext) {
    for (const statement of context.statements) {
        checkSecretSuffix(statement, context);
        if (statement.effect !== "Allow" || statement.actionField !== "Action")
            continue;
        checkKmsKeyScope(statement, context);
        checkEcsServiceArns(statement, context);
        checkRegionConditionArns(statement, context);
    }
    checkEventSourceCompanions(context);
}

/** Secrets Manager's ARN for secret `name` is `…:secret:name-` and six random characters. */
const SECRET_ARN = /^arn:[^:]+:secretsmanager:[^:]*:[^:]*:secret:(.+)$/;
/** A name that already ends in the six characters (`prod/db-AbC123`): a full ARN copied from the console. */
const WITH_SUFFIX = /-[A-Za-z0-9]{6}$/;

function checkSecretSuffix(statement: AnalyzedStatement, {report}: CheckContext) {
    for (const resource of statement.resources) {
        const name = SECRET_ARN.exec(resource.value)?.[1];
        if (name == null || /[*?]$/.test(name) || WITH_SUFFIX.test(name) || name.includes("${"))
            continue;
        const fixed = `${resource.value}-??????`;
        report({
            code: "SECRET_ARN_WITHOUT_SUFFIX",
            severity: "WARNING",
            message: `"${resource.value}" matches no secret: Secrets Manager ends every secret's ARN with a hyphen and six random characters, so this ${statement.effect === "Deny" ? "Deny blocks" : "statement grants"} nothing`,
            path: resource.path,
            fix: `Use "${fixed}"`,
            replacement: fixed
        });
    }
}

/** KMS calls that use a key for data: on every key they let the holder decrypt whatever any key protects. */
const KMS_DATA_KEY_CALLS = /^(Decrypt|GenerateDataKey\w*|ReEncrypt\w*)$/;
/** Condition keys that say which keys, or through which service, a KMS call may go: the statement is scoped. */
const KMS_SCOPING_KEYS = /^(kms:ViaService|kms:ResourceAliases|kms:EncryptionContext:.+|kms:EncryptionContextKeys|kms:CallerAccount|aws:ResourceTag\/.+)$/i;

/** True for KMS data-key calls, which checkWorksFirstTime reports itself (DATA_EXFILTRATION leaves them out). */
export function isKmsDataKeyCall(action: CatalogAction) {
    return action.service === "kms" && KMS_DATA_KEY_CALLS.test(action.name);
}

function checkKmsKeyScope(statement: AnalyzedStatement, {lookups, report}: CheckContext) {
    const anyKey = statement.resources.some((resource) => lookups.isUnrestrictedArn(resource.value));
    if (!anyKey || statement.conditions.some((condition) => KMS_SCOPING_KEYS.test(condition.key)))
        return;
    for (const entry of statement.entries.filter((candidate) => !candidate.serviceWide)) {
        const calls = entry.actions.filter(isKmsDataKeyCall);
        if (calls.length === 0)
            continue;
        const conditioned = statement.conditions.length > 0;
        report({
            code: "KMS_ANY_KEY",
            severity: conditioned ? "WARNING" : "SECURITY_WARNING",
            message: `${listNames(calls.map(qualifiedName))} on every KMS key${conditioned ? " (the conditions name no key or service)" : ""} lets the holder decrypt data any key protects`,
            path: entry.path,
            fix: "Name the key (arn:aws:kms:<region>:<account>:key/<id>), or limit it to the service that encrypts the data: \"Condition\": {\"StringEquals\": {\"kms:ViaService\": \"<service>.<region>.amazonaws.com\"}}; for an alias, \"ForAnyValue:StringEquals\": {\"kms:ResourceAliases\": \"alias/<name>\"} on key/*"
        });
    }
}

const ECS_CLUSTER_ARN = /^(arn:[^:]+:ecs:[^:]*:[^:]*:)cluster\/(.+)$/;

/** ECS service actions act on `service/<cluster>/<name>`; a cluster's ARN grants them nothing. */
function checkEcsServiceArns(statement: AnalyzedStatement, {report}: CheckContext) {
    if (statement.resources.some((resource) => /:ecs:[^:]*:[^:]*:service\//.test(resource.value)))
        return;
    const serviceActions = statement.entries.filter((entry) => !entry.serviceWide).flatMap((entry) => entry.actions)
        .filter((action) => action.service === "ecs" && action.resourceTypes.some((type) => type.name === "service") && !action.resourceTypes.some((type) => type.name === "cluster"));
    if (serviceActions.length === 0)
        return;
    for (const resource of statement.resources) {
        const match = ECS_CLUSTER_ARN.exec(resource.value);
        if (match == null)
            continue;
        const fixed = `${match[1]}service/${match[2]}/*`;
        report({
            code: "ECS_CLUSTER_FOR_SERVICE",
            severity: "WARNING",
            message: `"${resource.value}" is a cluster, and ${listNames([...new Set(serviceActions)].map(qualifiedName))} ${serviceActions.length === 1 ? "acts" : "act"} on its services (service/<cluster>/<name>): the statement grants ${serviceActions.length === 1 ? "it" : "them"} nothing`,
            path: resource.path,
            fix: `Use the services' ARN: "${fixed}" (or service/${match[2]}/<name> for one service)`,
            replacement: fixed
        });
    }
}

/**
 * A request about a resource is made in the resource's region, so an Allow whose aws:RequestedRegion
 * condition rules out the region of one of its ARNs grants nothing on that ARN (a follow-up's
 * "restrict it to us-east-1" on ARNs written in the configured eu-west-1).
 */
function checkRegionConditionArns(statement: AnalyzedStatement, {report}: CheckContext) {
    const regionConditions = statement.conditions.filter((condition) => condition.key.toLowerCase() === "aws:requestedregion");
    if (regionConditions.length === 0)
        return;
    for (const resource of statement.resources) {
        const region = parseArn(resource.value)?.region;
        if (region == null || region === "" || hasWildcard(region))
            continue;
        const excluding = regionConditions.find((condition) => regionExcluded(condition, region));
        if (excluding == null)
            continue;
        report({
            code: "ARN_REGION_EXCLUDED",
            severity: "WARNING",
            message: `"${resource.value}" is in ${region}, which the ${excluding.operator} aws:RequestedRegion condition rules out: requests about it are made in ${region}, so the statement grants nothing on it`,
            path: resource.path,
            fix: `Write a region the condition allows in the ARN (or "*"), or change the condition to allow ${region}`
        });
    }
}

/** Whether a condition on aws:RequestedRegion fails for every request made in `region`; false when it cannot be told (variables, set operators). */
function regionExcluded(condition: ConditionEntryView, region: string): boolean {
    const operator = parseOperator(condition.operator);
    const values = condition.values.map((value) => value.value);
    if (operator == null || operator.family !== "String" || operator.setOperator != null
        || !values.every((value): value is string => typeof value === "string" && !value.includes("${")))
        return false;
    const like = operator.base.includes("Like");
    const ignoreCase = operator.base.includes("IgnoreCase");
    const matches = values.some((value) => like ? wildcardMatch(value, region, ignoreCase) : ignoreCase ? value.toLowerCase() === region.toLowerCase() : value === region);
    return operator.base.includes("Not") ? matches : !matches;
}

/** The Allow statements' actions, with the resources each is granted on. */
function allowedActions(context: CheckContext): Map<string, string[]> {
    const granted = new Map<string, string[]>();
    for (const statement of context.statements) {
        if (statement.effect !== "Allow" || statement.actionField !== "Action")
            continue;
        for (const entry of statement.entries)
            for (const action of entry.actions) {
                const name = qualifiedName(action).toLowerCase();
                granted.set(name, [...granted.get(name) ?? [], ...statement.resources.map((resource) => resource.value)]);
            }
    }
    return granted;
}

/**
 * A policy that grants the calls that show an event source mapping's job (a Lambda reading SQS:
 * ReceiveMessage and GetQueueAttributes) but not every call the job needs fails at run time:
 * suggest the missing ones, with the reason and the managed policy that grants them together.
 */
function checkEventSourceCompanions(context: CheckContext, rules: readonly CompanionRule[] = loadCompanionRules()) {
    const granted = allowedActions(context);
    for (const rule of rules) {
        if (rule.check == null || !rule.check.recognisedBy.every((call) => granted.has(call.toLowerCase())))
            continue;
        const missing = rule.check.required.filter((call) => !granted.has(call.toLowerCase()));
        if (missing.length === 0)
            continue;
        const resources = [...new Set(rule.check.recognisedBy.flatMap((call) => granted.get(call.toLowerCase()) ?? []))];
        context.report({
            code: "MISSING_COMPANION",
            severity: "SUGGESTION",
            message: `${listNames(rule.check.recognisedBy)} look like an event source mapping's calls (${rule.source.title} grants ${listNames(rule.check.required)} together), but ${listNames(missing)} ${missing.length === 1 ? "is" : "are"} missing: ${rule.reason}`,
            path: "$.Statement",
            fix: `Add ${listNames(missing.map((action) => `"${action}"`))} on ${listNames(resources.map((resource) => `"${resource}"`))}`
        });
    }
}
