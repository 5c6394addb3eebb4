import {type CatalogLookups} from "./CatalogLookups.js";

/**
 * The matched types of the ARN's own service: an S3 bucket, not also the SSM "bucket" that shares its
 * template, nor the Backup recovery point whose template matches any service.
 */
export function ownServiceTypes(arn: string, types: ReadonlySet<string>): ReadonlySet<string> {
    const service = arn.split(":")[2];
    return new Set([...types].filter((id) => id.startsWith(`${service}/`)));
}

/**
 * When the ARN is a parent of a wanted type (a bucket where objects are wanted, a table where its
 * indexes are), the ARN extended with the rest of that type's template: `arn:aws:s3:::bucket` → `arn:aws:s3:::bucket/*`.
 * When it is a child (objects where the bucket is wanted), the ARN cut back to the parent:
 * `arn:aws:s3:::bucket/*` → `arn:aws:s3:::bucket`.
 */
export function suggestArn(arn: string, actualTypes: ReadonlySet<string>, wantedTypes: ReadonlySet<string>, lookups: CatalogLookups): string | undefined {
    for (const actual of ownServiceTypes(arn, actualTypes)) {
        const actualTemplate = lookups.resourceTypeById(actual)?.arn;
        if (actualTemplate == null)
            continue;
        for (const wanted of wantedTypes) {
            const wantedTemplate = lookups.resourceTypeById(wanted)?.arn;
            if (wantedTemplate == null || wantedTemplate.length === actualTemplate.length)
                continue;
            if (wantedTemplate.startsWith(actualTemplate))
                return arn + wantedTemplate.slice(actualTemplate.length).replace(/\$\{[^}]+\}/g, "*");
            if (actualTemplate.startsWith(wantedTemplate)) {
                // The text that separates the parent from the child part, e.g. "/" or "/index/".
                const separator = actualTemplate.slice(wantedTemplate.length).split("${")[0]!;
                const resourceStart = arn.split(":", 5).join(":").length + 1;
                const cut = separator === "" ? -1 : arn.indexOf(separator, resourceStart);
                if (cut > resourceStart)
                    return arn.slice(0, cut);
            }
        }
    }
    return undefined;
}
