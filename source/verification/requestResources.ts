import type {Catalog, CatalogAction, CatalogResourceType} from "../catalog/index.js";
import {deriveArn, readArn, resourceTypeOfArn} from "../catalog/arnTemplates.js";
import type {ConditionHint, ResourceHint} from "../retrieval/types.js";
import {exactHints} from "../retrieval/exactResourceArns.js";
import {PROBE_NAME} from "./conditionContexts.js";
import {concreteArn, genericArn, type ArnPlace} from "./probeResources.js";

/** Named resources probed per action: enough to tell a policy scoped to one of them from one scoped elsewhere. */
const MAX_RESOURCES_PER_ACTION = 3;
/** The placeholder of an S3 object key, which a prefix ("under reports/2024/") narrows. */
const OBJECT_KEY = "ObjectName";

/**
 * The resources a request's actions act on: its named resources, those derived from them (a
 * bucket's objects, an object's bucket) and object keys under the prefixes it names ("under
 * 2024/", "their own folder"). Which named resource goes with which verb is not known here, so an
 * action's probe holds them all: an Allow must hold on one of them, a denial on each.
 */
export class RequestResources {
    private readonly hints: Array<ResourceHint & {resourceType?: CatalogResourceType}>;
    private readonly prefixes: string[];

    constructor(private readonly catalog: Catalog, resources: readonly ResourceHint[], conditions: readonly ConditionHint[], private readonly place: ArnPlace) {
        // What the request rules out ("every bucket except reports") is no resource its grants act on.
        this.hints = exactHints(resources.filter((hint) => hint.excluded !== true)).map((hint) => {
            const resourceType = resourceTypeOfArn(catalog, hint.service, hint.arn, hint.type);
            return {...hint, ...(resourceType != null ? {resourceType} : {})};
        });
        this.prefixes = [
            ...conditions.filter((hint) => hint.kind === "s3Prefix").flatMap((hint) => hint.values).map((prefix) => prefix.replace(/\*+$/, "").replace(/^\/+/, "")),
            ...conditions.some((hint) => hint.kind === "selfUser") ? [`${PROBE_NAME}/`] : []
        ].filter((prefix) => prefix !== "");
    }

    /** Concrete ARNs for the action, most specific first; a generic ARN of its type (preferring `preferredTypes`) when none is named; `*` for an action without resource types. */
    of(action: CatalogAction, preferredTypes: readonly string[] = []): string[] {
        if (action.resourceTypes.length === 0)
            return ["*"];
        const named = this.named(action);
        return named.length > 0 ? named.slice(0, MAX_RESOURCES_PER_ACTION) : [genericArn(this.catalog, action, this.place, preferredTypes)];
    }

    /** True when the request names a resource the action acts on. */
    namesResourceOf(action: CatalogAction): boolean {
        return this.named(action).length > 0;
    }

    private named(action: CatalogAction): string[] {
        const types = action.resourceTypes.flatMap((reference) => this.catalog.resourceType(action.service, reference.name) ?? []);
        const own = this.hints.filter((hint) => hint.service === action.service);
        const direct = types.flatMap((type) => own.filter((hint) => hint.resourceType?.name === type.name).map((hint) => ({type, arn: hint.arn})));
        const derived = direct.length > 0 ? [] : types.flatMap((type) => own.flatMap((hint) => {
            const arn = hint.resourceType == null ? undefined : deriveArn(hint.resourceType, hint.arn, type);
            return arn == null ? [] : [{type, arn}];
        }));
        const arns = [...direct, ...derived].flatMap(({type, arn}) => this.underPrefixes(type, arn)).map(concreteArn);
        // Longest first: "bucket/reports/2024/x" says more about the request than "bucket/x".
        return [...new Set(arns)].sort((a, b) => b.length - a.length);
    }

    /** An object ARN whose whole key is `*`, narrowed to each prefix the request names. */
    private underPrefixes(type: CatalogResourceType, arn: string): string[] {
        if (this.prefixes.length === 0 || !type.arn.endsWith(`\${${OBJECT_KEY}}`) || readArn(type.arn, arn)?.get(OBJECT_KEY) !== "*")
            return [arn];
        return this.prefixes.map((prefix) => `${arn.slice(0, -1)}${prefix}*`);
    }
}
