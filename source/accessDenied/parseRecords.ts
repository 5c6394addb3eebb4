import type {Catalog} from "../catalog/index.js";
import {readArn} from "../catalog/arnTemplates.js";
import type {RequestContext} from "../simulation/types.js";
import {parseDenialMessage} from "./parseMessage.js";
import type {DeniedRequest, ParsedDenial} from "./types.js";

/** The error codes CloudTrail records for a request IAM denied. */
const DENIED_CODES = new Set(["accessdenied", "accessdeniedexception", "unauthorizedoperation", "client.unauthorizedoperation"]);

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value != null && !Array.isArray(value);
const text = (value: unknown) => typeof value === "string" ? value : undefined;

/**
 * A denial from JSON: a CloudTrail record (alone, in `Records`, or as `lookup-events` prints it, each
 * event's record a string in `CloudTrailEvent`), or `aws sts decode-authorization-message` output
 * (`DecodedMessage`, or the decoded document itself).
 */
export function parseDenialJson(value: unknown, catalog: Catalog): ParsedDenial {
    if (isObject(value) && (typeof value.DecodedMessage === "string" || isObject(value.context)))
        return parseDecoded(value);
    const records = cloudTrailRecords(value);
    if (records.length === 0)
        return {ok: false, reason: "not an AccessDenied: this JSON is neither a CloudTrail record nor decode-authorization-message output"};
    const denied = records.filter((record) => DENIED_CODES.has(String(record.errorCode ?? "").toLowerCase()));
    if (denied.length === 0)
        return {ok: false, reason: `not an AccessDenied: no record has an AccessDenied error code${records[0]!.errorCode != null ? ` (found ${String(records[0]!.errorCode)})` : ""}`};
    if (denied.length > 1)
        return {ok: false, reason: `${denied.length} denied records: pass one at a time`};
    return parseCloudTrail(denied[0]!, catalog);
}

function cloudTrailRecords(value: unknown): Json[] {
    const items = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.Records) ? value.Records
        : isObject(value) && Array.isArray(value.Events) ? value.Events : [value];
    return items.flatMap((item): Json[] => {
        if (isObject(item) && typeof item.CloudTrailEvent === "string") {
            try {
                return cloudTrailRecords(JSON.parse(item.CloudTrailEvent));
            } catch {
                return [];
            }
        }
        return isObject(item) && (item.eventSource != null || item.errorCode != null) ? [item] : [];
    });
}

/**
 * The record's errorMessage when it is the full message (it names the action and why); otherwise the
 * action is the event's API named in the catalog (`s3.amazonaws.com` + `GetObject` is `s3:GetObject`),
 * never a guess: an API whose IAM action has another name (`ListObjectsV2`) is refused.
 */
function parseCloudTrail(record: Json, catalog: Catalog): ParsedDenial {
    const fromMessage = parseDenialMessage(text(record.errorMessage) ?? "");
    const principal = text(isObject(record.userIdentity) ? record.userIdentity.arn : undefined);
    const recordArns = Array.isArray(record.resources)
        ? record.resources.flatMap((resource) => isObject(resource) && typeof (resource.ARN ?? resource.arn) === "string" ? [String(resource.ARN ?? resource.arn)] : [])
        : [];
    if (fromMessage.ok) {
        const {denial} = fromMessage;
        const resources = denial.resources.length > 0 ? denial.resources : fittingResources(catalog, denial.action, recordArns);
        return {ok: true, denial: {...denial, resources, ...(denial.principal == null && principal != null ? {principal} : {}), source: "cloudtrail"}};
    }
    const service = text(record.eventSource)?.split(".")[0];
    const name = text(record.eventName);
    const action = service == null || name == null ? undefined : catalog.action(`${service}:${name}`);
    if (action == null)
        return {ok: false, reason: `the record's API ${service ?? "?"}:${name ?? "?"} is not an IAM action in the catalog, and its errorMessage names none: pass the error message the caller saw`};
    const actionName = `${action.service}:${action.name}`;
    const denial: DeniedRequest = {
        action: actionName, resources: fittingResources(catalog, actionName, recordArns),
        ...(principal != null ? {principal} : {}), cause: {kind: "implicit"}, source: "cloudtrail"
    };
    return {ok: true, denial};
}

/** The record's ARNs of a resource type the action authorizes (an object for s3:GetObject, not its bucket). */
function fittingResources(catalog: Catalog, actionName: string, arns: readonly string[]): string[] {
    const action = catalog.action(actionName);
    if (action == null)
        return [];
    const templates = action.resourceTypes.flatMap((reference) => catalog.resourceType(action.service, reference.name)?.arn ?? []);
    return arns.filter((arn) => templates.some((template) => readArn(template, arn) != null));
}

/** `aws sts decode-authorization-message` output: `{"DecodedMessage": "<JSON>"}`, or that JSON itself. */
function parseDecoded(value: Json): ParsedDenial {
    let decoded: unknown = value;
    if (typeof value.DecodedMessage === "string") {
        try {
            decoded = JSON.parse(value.DecodedMessage);
        } catch {
            return {ok: false, reason: "DecodedMessage is not JSON"};
        }
    }
    const context = isObject(decoded) && isObject(decoded.context) ? decoded.context : undefined;
    const action = text(context?.action);
    if (!isObject(decoded) || context == null || action == null)
        return {ok: false, reason: "the decoded message names no action (context.action)"};
    if (decoded.allowed === true)
        return {ok: false, reason: "the decoded message says the request was allowed: nothing to fix"};
    const resource = text(context.resource);
    const principal = text(isObject(context.principal) ? context.principal.arn : undefined);
    const statements = items(decoded.matchedStatements).flatMap((statement) => text(statement.statementId) ?? []);
    const requestContext = conditionContext(context.conditions);
    return {
        ok: true,
        denial: {
            action,
            resources: resource == null ? [] : [resource],
            ...(principal != null ? {principal} : {}),
            cause: decoded.explicitDeny === true ? {kind: "explicit", ...(statements.length > 0 ? {statements} : {})} : {kind: "implicit"},
            ...(Object.keys(requestContext).length > 0 ? {context: requestContext} : {}),
            source: "decoded"
        }
    };
}

/** AWS writes lists as `{"items": [...]}`. */
function items(value: unknown): Json[] {
    return isObject(value) && Array.isArray(value.items) ? value.items.filter(isObject) : [];
}

/** The decoded context's `conditions`: `{items: [{key, values: {items: [{value}]}}]}` as request context keys. */
function conditionContext(conditions: unknown): RequestContext {
    const context: Record<string, string | string[]> = {};
    for (const condition of items(conditions)) {
        const key = text(condition.key);
        const values = items(condition.values).flatMap((entry) => text(entry.value) ?? []);
        if (key != null && values.length > 0)
            context[key] = values.length === 1 ? values[0]! : values;
    }
    return context;
}
