import type {Catalog} from "./Catalog.js";
import type {CatalogResourceType} from "./types.js";

/**
 * Placeholders that never make two resource types related: where (partition, region, account), and
 * names so generic that two types share them by chance (Route 53's hosted zone and change both end
 * in `${Id}`; a zone's id is no change's).
 */
const UNRELATING_PLACEHOLDERS = new Set(["Partition", "Region", "Account", "Id", "Name", "ResourceId", "ResourceName"]);

const templatePatternCache = new Map<string, {regExp: RegExp; names: string[]}>();

function templatePattern(template: string) {
    let cached = templatePatternCache.get(template);
    if (cached == null) {
        const names: string[] = [];
        const source = template
            .split(/(\$\{[^}]+\})/)
            .map((part) => {
                const placeholder = /^\$\{([^}]+)\}$/.exec(part);
                if (placeholder == null)
                    return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
                names.push(placeholder[1]!);
                // The last placeholder takes the rest (object keys and paths hold "/" and ":").
                return "(.*?)";
            })
            .join("");
        cached = {regExp: new RegExp(`^${source}$`), names};
        templatePatternCache.set(template, cached);
    }
    return cached;
}

/** The placeholder values of `arn` read through `template`, or undefined when it does not fit. */
export function readArn(template: string, arn: string): Map<string, string> | undefined {
    const {regExp, names} = templatePattern(template);
    const match = regExp.exec(arn);
    if (match == null)
        return undefined;
    return new Map(names.map((name, index) => [name, match[index + 1]!]));
}

export function fillArnTemplate(template: string, values: ReadonlyMap<string, string>): string {
    return template.replace(/\$\{([^}]+)\}/g, (_, name: string) => values.get(name) ?? "*");
}

function resourcePlaceholders(template: string) {
    return templatePattern(template).names.filter((name) => !UNRELATING_PLACEHOLDERS.has(name));
}

/**
 * Rewrites a resource named as one type into the ARN of a related type of the same service:
 * a bucket into its objects (`bucket/*`), an object path back to its bucket, a table into its
 * indexes. Types are related when the target's template uses a resource placeholder of the
 * source's; unknown parts become `*`. Unrelated types give undefined, so that a bucket's name
 * never turns into "every S3 job".
 */
export function deriveArn(from: CatalogResourceType, arn: string, to: CatalogResourceType): string | undefined {
    // An ECR repository is no CodeCommit repository, though both templates hold a ${RepositoryName}.
    if (from.service !== to.service)
        return undefined;
    if (from.name === to.name)
        return arn;
    const values = readArn(from.arn, arn);
    if (values == null)
        return undefined;
    const shared = resourcePlaceholders(to.arn).filter((name) => values.has(name));
    if (shared.length === 0)
        return undefined;
    const derived = fillArnTemplate(to.arn, values);
    // Filling a parent from a child can leave a trailing path wildcard ("bucket/*" → "bucket"), never an empty name.
    return shared.some((name) => values.get(name) !== "") ? derived : undefined;
}

/**
 * The resource type of a service whose template `arn` fits. A bucket's template also reads
 * "bucket/key", so the template with the most fixed text wins; the type retrieval named (`hint`)
 * breaks ties.
 */
export function resourceTypeOfArn(catalog: Catalog, service: string, arn: string, hint?: string): CatalogResourceType | undefined {
    const types = catalog.service(service)?.resourceTypes ?? [];
    const literalLength = (template: string) => template.replace(/\$\{[^}]+\}/g, "").length;
    const fitting = types.filter((type) => readArn(type.arn, arn) != null)
        .sort((a, b) => literalLength(b.arn) - literalLength(a.arn) || Number(b.name === hint) - Number(a.name === hint));
    return fitting[0] ?? types.find((type) => type.name === hint);
}

/** `arn` with its trailing wildcard widened for the children of the resource ("bucket" → "bucket/*"), used with service wildcards. */
export function childWildcardArns(catalog: Catalog, type: CatalogResourceType, arn: string): string[] {
    const children = new Set<string>();
    for (const candidate of catalog.childTypes(type)) {
        // Only a child whose ARN extends the parent's can be written as the parent's ARN and a wildcard.
        if (!candidate.arn.startsWith(type.arn))
            continue;
        const separator = candidate.arn.charAt(type.arn.length);
        if (separator === "/" || separator === ":")
            children.add(`${arn}${separator}*`);
    }
    return [...children];
}
