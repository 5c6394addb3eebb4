/** Access levels as AWS's Service Authorization Reference names them; combined strings ("Tagging, Write") are split. */
export type AccessLevel = "List" | "Read" | "Write" | "Permissions management" | "Tagging";

export const ACCESS_LEVELS: readonly AccessLevel[] = ["List", "Read", "Write", "Permissions management", "Tagging"];

export type ConditionKeyType =
    | "String" | "ArrayOfString" | "ARN" | "ArrayOfARN" | "Bool" | "ArrayOfBool"
    | "Numeric" | "ArrayOfNumeric" | "Date" | "ArrayOfDate" | "IPAddress" | "ArrayOfIPAddress" | "Binary";

export interface ActionResourceRef {
    /** Name of a resource type of the same service (`object`, `table`). */
    name: string;
    required: boolean;
    /** Condition keys that apply only when the action targets this resource type. */
    conditionKeys?: string[];
}

export interface CatalogAction {
    service: string;
    /** Canonical case, e.g. `GetObject`. */
    name: string;
    accessLevels: AccessLevel[];
    description: string;
    /** Empty when the action only accepts `"*"` as resource. */
    resourceTypes: ActionResourceRef[];
    conditionKeys: string[];
}

export interface CatalogResourceType {
    service: string;
    name: string;
    /** ARN template with `${Partition}`, `${Region}`, `${Account}` and resource placeholders. */
    arn: string;
    conditionKeys: string[];
    /** The service's types this one lives inside: their own name comes before its own in its ARN (an object's bucket, a service's cluster). */
    parents: string[];
}

export interface CatalogConditionKey {
    /** Canonical case, e.g. `s3:prefix`, `aws:RequestTag/${TagKey}`. */
    key: string;
    type: ConditionKeyType;
    description: string;
}

export interface CatalogService {
    prefix: string;
    name: string;
    actions: CatalogAction[];
    resourceTypes: CatalogResourceType[];
    conditionKeys: CatalogConditionKey[];
}

/**
 * catalog/index.json, written by `npm run catalog`. Compact because it is parsed at every start:
 * actions are tuples, a resource reference is its name with `*` appended when required, and
 * descriptions live in catalog/descriptions.json, read only when first asked for.
 */
export interface CatalogIndexFile {
    formatVersion: number;
    dataPackage: string;
    dataVersion: string;
    dataUpdatedAt: string;
    services: CatalogServiceRecord[];
    globalConditionKeys: CatalogConditionKeyRecord[];
    /** The first word of action names (lower case) → the access level most of those actions have. */
    verbLevels: Record<string, AccessLevel>;
}

export interface CatalogServiceRecord {
    prefix: string;
    name: string;
    actions: CatalogActionRecord[];
    resourceTypes: Array<[name: string, arn: string, conditionKeys: string[], parents: string[]]>;
    conditionKeys: CatalogConditionKeyRecord[];
}

/** [name, access levels joined by ",", resource references, condition keys] */
export type CatalogActionRecord = [
    name: string,
    accessLevels: string,
    resources: Array<string | [reference: string, conditionKeys: string[]]>,
    conditionKeys: string[]
];

export type CatalogConditionKeyRecord = [key: string, type: ConditionKeyType];

/** catalog/descriptions.json: service prefix → action name → description, and condition key → description. */
export interface CatalogDescriptionsFile {
    actions: Record<string, Record<string, string>>;
    conditionKeys: Record<string, string>;
}

/**
 * catalog/lemmas.json, built with the catalog by wink-nlp (catalog/build/buildLemmaTable.ts): for each
 * word of the project's vocabulary whose forms the hand-written rules would get otherwise, its
 * singular first, then its other base forms (as a verb, as a plural).
 */
export interface LemmaTableFile {
    formatVersion: number;
    library: string;
    forms: Record<string, string[]>;
}
