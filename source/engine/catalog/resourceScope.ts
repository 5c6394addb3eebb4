import type {Catalog} from "../../catalog/index.js";
import type {CatalogAction, CatalogResourceType} from "../../catalog/types.js";
import type {ConditionHint, ResourceHint} from "../../retrieval/types.js";
import {childWildcardArns, deriveArn, readArn, resourceTypeOfArn} from "../../catalog/arnTemplates.js";
import type {ConditionEntry} from "./conditions.js";
import {actionSupportsConditionKey} from "../../catalog/conditionKeys.js";

const SELF_USER = "${aws:username}";
/** Placeholders that name the calling user in IAM's ARN templates (`user/${UserNameWithPath}`, `mfa/${MfaTokenIdWithPath}`). */
const USER_PLACEHOLDER = /^(UserName|MfaTokenId)/;
/** The placeholder of an S3 object key: a prefix narrows it. */
const OBJECT_KEY_PLACEHOLDER = "ObjectName";

export interface ActionScope {
    resources: string[];
    /** Conditions the scope needs beyond the ARN: `s3:prefix` for listing a prefix. */
    conditions: ConditionEntry[];
}

/** Resource hints and the path prefixes (`reports/2024/`, `${aws:username}/`) that narrow object keys. */
export interface ScopeHints {
    resources: readonly ResourceHint[];
    prefixes: string[];
    selfUser: boolean;
}

// A doubled object wildcard ("bucket/" then "*/*") says no more than one.
function tidyArn(arn: string) {
    return arn.replace(/(\/\*)+$/, "/*");
}

export function scopeHints(resources: readonly ResourceHint[], conditions: readonly ConditionHint[]): ScopeHints {
    const selfUser = conditions.some((hint) => hint.kind === "selfUser");
    const prefixes = conditions.filter((hint) => hint.kind === "s3Prefix").flatMap((hint) => hint.values)
        .map((prefix) => prefix.replace(/\*+$/, "").replace(/^\/+/, ""))
        .filter((prefix) => prefix.length > 0);
    if (selfUser && prefixes.length === 0)
        prefixes.push(`${SELF_USER}/`);
    const tidy = resources.map((hint) => ({...hint, arn: tidyArn(hint.arn)}));
    return {resources: tidy.filter((hint, index) => tidy.findIndex((other) => other.arn === hint.arn) === index), prefixes: [...new Set(prefixes)], selfUser};
}

function hintType(catalog: Catalog, hint: ResourceHint) {
    return resourceTypeOfArn(catalog, hint.service, hint.arn, hint.type);
}

/** An object ARN ending in a bare `*` key narrowed to each prefix (`bucket/*` → `bucket/reports/2024/*`). */
function narrowToPrefixes(type: CatalogResourceType, arn: string, prefixes: readonly string[]): string[] {
    if (prefixes.length === 0 || !type.arn.endsWith(`\${${OBJECT_KEY_PLACEHOLDER}}`))
        return [arn];
    const key = readArn(type.arn, arn)?.get(OBJECT_KEY_PLACEHOLDER);
    if (key !== "*")
        return [arn];
    return prefixes.map((prefix) => `${arn.slice(0, -1)}${prefix}*`);
}

function selfUserArn(type: CatalogResourceType, partition: string): string | undefined {
    const placeholders = [...type.arn.matchAll(/\$\{([^}]+)\}/g)].map((match) => match[1]!);
    if (!placeholders.some((name) => USER_PLACEHOLDER.test(name)))
        return undefined;
    return type.arn.replace(/\$\{([^}]+)\}/g, (_, name: string) =>
        USER_PLACEHOLDER.test(name) ? SELF_USER : name === "Partition" ? partition : "*");
}

/**
 * The ARNs `action` gets: for each resource type it supports, the named resources of that type,
 * or resources derived from related named ones (a bucket's objects, an object's bucket, a
 * table's stream); the caller's own user for self-service; `"*"` when nothing named applies or
 * the action accepts only `"*"`.
 */
export function scopeForAction(catalog: Catalog, action: CatalogAction, hints: ScopeHints, partition = "aws"): ActionScope {
    const conditions: ConditionEntry[] = [];
    if (action.resourceTypes.length === 0)
        return {resources: ["*"], conditions};

    const arns = new Set<string>();
    for (const reference of action.resourceTypes) {
        const type = catalog.resourceType(action.service, reference.name);
        if (type == null)
            continue;
        for (const hint of hints.resources) {
            // Retrieval names the type; a bucket's template would also read "bucket/key" as a bucket name.
            if (hintType(catalog, hint)?.arn === type.arn && readArn(type.arn, hint.arn) != null) {
                for (const arn of narrowToPrefixes(type, hint.arn, hints.prefixes))
                    arns.add(arn);
            }
        }
    }
    if (arns.size === 0) {
        for (const reference of action.resourceTypes) {
            const type = catalog.resourceType(action.service, reference.name);
            if (type == null)
                continue;
            for (const hint of hints.resources) {
                const from = hintType(catalog, hint);
                const derived = from == null ? undefined : deriveArn(from, hint.arn, type);
                if (derived != null)
                    for (const arn of narrowToPrefixes(type, derived, hints.prefixes))
                        arns.add(arn);
            }
        }
    }
    if (arns.size === 0 && hints.selfUser) {
        for (const reference of action.resourceTypes) {
            const type = catalog.resourceType(action.service, reference.name);
            const arn = type == null ? undefined : selfUserArn(type, partition);
            if (arn != null)
                arns.add(arn);
        }
    }
    if (arns.size === 0)
        return {resources: ["*"], conditions};

    // Listing a bucket is narrowed by the key prefix the listing asks for, not by the ARN.
    if (hints.prefixes.length > 0 && actionSupportsConditionKey(catalog, action, "s3:prefix"))
        conditions.push({operator: "StringLike", key: "s3:prefix", values: hints.prefixes.map((prefix) => `${prefix}*`)});
    return {resources: [...new Set([...arns].map(tidyArn))].sort(), conditions};
}

/** The ARNs a service wildcard (`s3:*`) gets: the named resources of that service with their children (`bucket`, `bucket/*`), or `"*"`. */
export function scopeForServiceWildcard(catalog: Catalog, service: string, hints: ScopeHints): string[] {
    const arns = new Set<string>();
    for (const hint of hints.resources) {
        if (hint.service !== service)
            continue;
        const type = hintType(catalog, hint);
        arns.add(hint.arn);
        if (type == null)
            continue;
        for (const child of childWildcardArns(catalog, type, hint.arn))
            for (const arn of narrowToPrefixes(catalog.service(service)!.resourceTypes.find((candidate) => readArn(candidate.arn, child) != null && candidate.name !== type.name) ?? type, child, hints.prefixes))
                arns.add(arn);
        // An object or path named alone still needs its bucket for listing.
        for (const parent of catalog.service(service)?.resourceTypes.filter((candidate) => type.parents.includes(candidate.name)) ?? []) {
            if (type.arn.startsWith(parent.arn) && /^[/:]/.test(type.arn.slice(parent.arn.length))) {
                const derived = deriveArn(type, hint.arn, parent);
                if (derived != null)
                    arns.add(derived);
            }
        }
    }
    return arns.size === 0 ? ["*"] : [...arns].sort();
}
