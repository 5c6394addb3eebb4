import type {Catalog} from "./Catalog.js";
import type {CatalogAction} from "./types.js";

const allowedKeysCache = new WeakMap<CatalogAction, string[]>();

/** Every condition key IAM evaluates for `action`: its own keys, its resource types' keys and the global `aws:` keys. */
function allowedKeys(catalog: Catalog, action: CatalogAction): string[] {
    let keys = allowedKeysCache.get(action);
    if (keys == null) {
        const set = new Set(action.conditionKeys);
        for (const reference of action.resourceTypes) {
            for (const key of reference.conditionKeys ?? [])
                set.add(key);
            for (const key of catalog.resourceType(action.service, reference.name)?.conditionKeys ?? [])
                set.add(key);
        }
        keys = [...set];
        allowedKeysCache.set(action, keys);
    }
    return keys;
}

function matchesTemplate(template: string, key: string) {
    const lowerTemplate = template.toLowerCase();
    const lowerKey = key.toLowerCase();
    if (lowerTemplate === lowerKey)
        return true;
    // `aws:ResourceTag/${TagKey}`, `s3:ExistingObjectTag/<key>`: the variable part is any tag name.
    const variable = /\$\{[^}]+\}|<[^>]+>/.exec(template);
    if (variable == null)
        return false;
    const prefix = lowerTemplate.slice(0, variable.index);
    return lowerKey.startsWith(prefix) && lowerKey.length > prefix.length;
}

/** True when IAM evaluates `key` for `action` (service keys of the action or its resources, or a global `aws:` key). */
export function actionSupportsConditionKey(catalog: Catalog, action: CatalogAction, key: string): boolean {
    if (key.toLowerCase().startsWith("aws:"))
        return catalog.conditionKey(key) != null;
    return allowedKeys(catalog, action).some((template) => matchesTemplate(template, key));
}

/** True when `action` itself (not one of its resource types) evaluates `key`, or `key` is a global `aws:` key. */
export function isActionLevelKey(action: CatalogAction, key: string): boolean {
    return key.toLowerCase().startsWith("aws:") || action.conditionKeys.some((template) => matchesTemplate(template, key));
}

/** The names of the resource types of `action` for which IAM evaluates `key`. */
export function resourceTypesWithKey(catalog: Catalog, action: CatalogAction, key: string): string[] {
    return action.resourceTypes
        .filter((reference) => [...reference.conditionKeys ?? [], ...catalog.resourceType(action.service, reference.name)?.conditionKeys ?? []]
            .some((template) => matchesTemplate(template, key)))
        .map((reference) => reference.name);
}
