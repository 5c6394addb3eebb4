import type {Catalog} from "../../catalog/index.js";
import {readArn, resourceTypeOfArn} from "../../catalog/arnTemplates.js";
import {joinPhrases} from "./actionPhrases.js";

const MAX_RESOURCES = 3;
/** Placeholders that say where a resource is, not which it is. */
const LOCATION = new Set(["Partition", "Region", "Account"]);

/** "on all resources", "on bucket reports and objects under reports/2024/", "on every resource except …". */
export function resourcesPhrase(catalog: Catalog, entries: readonly string[], negated: boolean): string {
    if (entries.length === 0)
        return "";
    const named = entries.slice(0, MAX_RESOURCES).map((entry) => resourcePhrase(catalog, entry));
    const more = entries.length > MAX_RESOURCES ? [`${entries.length - MAX_RESOURCES} more`] : [];
    if (negated)
        return `on every resource except ${joinPhrases([...named, ...more])}`;
    return entries.includes("*") ? "on all resources" : `on ${joinPhrases([...named, ...more])}`;
}

/** One ARN in words, by the catalog's resource type it fits: "bucket reports", "objects under reports/2024/", "every table". */
function resourcePhrase(catalog: Catalog, arn: string): string {
    const service = /^arn:[^:]*:([^:]*):/.exec(arn)?.[1];
    const type = service == null || service === "" || service.includes("*") ? undefined : resourceTypeOfArn(catalog, service, arn);
    const values = type == null ? undefined : readArn(type.arn, arn);
    if (type == null || values == null)
        return arn;
    const name = [...values].filter(([placeholder]) => !LOCATION.has(placeholder)).map(([, value]) => value).join("/");
    if (name === "" || /^[*/]+$/.test(name))
        return `every ${type.name}`;
    const wildcard = name.indexOf("*");
    if (wildcard === name.length - 1)
        return `${type.name}s under ${name.slice(0, -1)}`;
    return wildcard >= 0 ? `${type.name}s matching ${name}` : `${type.name} ${name}`;
}
