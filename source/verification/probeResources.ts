import type {Catalog, CatalogAction} from "../catalog/index.js";
import {fillArnTemplate, readArn} from "../catalog/arnTemplates.js";
import {PROBE_NAME} from "./conditionContexts.js";

/** Where generic ARNs are: the request's partition, and its region and account when it names them. */
export interface ArnPlace {
    partition: string;
    region?: string;
    account?: string;
}

const DEFAULT_PLACE = {region: "us-east-1", account: "123456789012"};

/** One resource a pattern covers: each variable and wildcard filled with the probe name. */
export function concreteArn(pattern: string): string {
    return pattern.replace(/\$\{[^}]*\}/g, PROBE_NAME).replace(/\*/g, PROBE_NAME).replace(/\?/g, "p");
}

/** True when the ARN is one of the action's resource types. */
export function fitsAction(catalog: Catalog, action: CatalogAction, arn: string): boolean {
    return action.resourceTypes.some((reference) => {
        const type = catalog.resourceType(action.service, reference.name);
        return type != null && readArn(type.arn, arn) != null;
    });
}

/**
 * An ARN of one of the action's resource types, in the given place; `*` for an action that names
 * none. Preferred: a type in `preferred` (one that carries the request's condition keys), then a
 * required one, then the plainest template (a bucket's object before an access point's).
 */
export function genericArn(catalog: Catalog, action: CatalogAction, place: ArnPlace, preferred: readonly string[] = []): string {
    const types = action.resourceTypes.flatMap((reference) => {
        const type = catalog.resourceType(action.service, reference.name);
        return type == null ? [] : [{type, rank: [preferred.includes(reference.name) ? 0 : 1, reference.required ? 0 : 1, type.arn.length]}];
    }).sort((a, b) => a.rank[0]! - b.rank[0]! || a.rank[1]! - b.rank[1]! || a.rank[2]! - b.rank[2]!);
    const type = types[0]?.type;
    if (type == null)
        return "*";
    const values = new Map([["Partition", place.partition], ["Region", place.region ?? DEFAULT_PLACE.region], ["Account", place.account ?? DEFAULT_PLACE.account]]);
    return concreteArn(fillArnTemplate(type.arn, values));
}
