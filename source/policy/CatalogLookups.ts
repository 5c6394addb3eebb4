import {type Catalog} from "../catalog/Catalog.js";
import {type CatalogAction, type CatalogConditionKey, type CatalogResourceType} from "../catalog/types.js";
import {arnProblem, globsIntersect, parseArn, patternTokens, templateTokens} from "./arn.js";
import {closestByEditDistance, closestCandidates} from "./editDistance.js";
import {memoPerCatalog} from "../catalog/memoPerCatalog.js";

/** What the checks ask about a set of actions (an expansion), computed once per distinct pattern. */
export interface ActionTraits {
    permissionsManagement: CatalogAction[];
    writes: CatalogAction[];
    /** Every action accepts only `"*"`. */
    starOnly: boolean;
    /** Actions that read the data itself (objects, secrets, parameters, items, decryption). */
    dataReads: CatalogAction[];
}

/** Actions whose use on every resource is a data-exfiltration risk, by service. */
const DATA_READS = new Map<string, ReadonlySet<string>>([
    ["s3", new Set(["GetObject", "GetObjectVersion"])],
    ["secretsmanager", new Set(["GetSecretValue"])],
    ["ssm", new Set(["GetParameter", "GetParameters", "GetParametersByPath"])],
    ["kms", new Set(["Decrypt"])],
    ["dynamodb", new Set(["Scan", "Query", "GetItem", "BatchGetItem"])]
]);

interface TemplateEntry {
    /** `service/name`, the key used in the sets below. */
    id: string;
    resourceType: CatalogResourceType;
    partsTokens: number[][];
    /** The resource part's text before its first placeholder, e.g. `table/`: a quick way to rule templates out. */
    resourcePrefix: string;
}

/**
 * Everything the checks ask the catalog, computed on first use and kept for the catalog's lifetime:
 * validating thousands of policies repeats the same expansions, ARNs and keys over and over.
 */
export class CatalogLookups {
    static readonly for = memoPerCatalog((catalog) => new CatalogLookups(catalog));

    private readonly expansions = new Map<string, CatalogAction[]>();
    private readonly keyDefinitions = new Map<string, CatalogConditionKey | null>();
    private readonly arnTypes = new Map<string, ReadonlySet<string>>();
    private readonly unrestrictedArns = new Map<string, boolean>();
    private readonly arnProblems = new Map<string, string | null>();
    private readonly traitsByExpansion = new WeakMap<CatalogAction[], ActionTraits>();
    private readonly qualifiedNames = new WeakMap<CatalogAction, string>();
    private readonly closestActions = new Map<string, CatalogAction | null>();
    private readonly closestServices = new Map<string, string | null>();
    private readonly spellingFixes = new Map<string, string | null>();
    private readonly actionKeys = new WeakMap<CatalogAction, ReadonlySet<string>>();
    private readonly actionTypes = new WeakMap<CatalogAction, readonly string[]>();
    private templatesByService?: Map<string, TemplateEntry[]>;
    private templatesWithVariableService?: TemplateEntry[];
    private actionsByLowerName?: Map<string, CatalogAction[]>;

    private constructor(readonly catalog: Catalog) {}

    /** catalog.expand, remembered (the same array for the same pattern, so that traits can be kept per array). */
    expand(pattern: string): CatalogAction[] {
        let actions = this.expansions.get(pattern);
        if (actions == null) {
            const lower = pattern.toLowerCase();
            actions = this.expansions.get(lower) ?? this.catalog.expand(pattern);
            this.expansions.set(lower, actions);
            this.expansions.set(pattern, actions);
        }
        return actions;
    }

    traits(actions: CatalogAction[]): ActionTraits {
        let traits = this.traitsByExpansion.get(actions);
        if (traits == null) {
            traits = {
                permissionsManagement: actions.filter((action) => action.accessLevels.includes("Permissions management")),
                writes: actions.filter((action) => action.accessLevels.includes("Write")),
                starOnly: actions.length > 0 && actions.every((action) => action.resourceTypes.length === 0),
                dataReads: actions.filter((action) => DATA_READS.get(action.service)?.has(action.name) === true)
            };
            this.traitsByExpansion.set(actions, traits);
        }
        return traits;
    }

    /** `service:Name` in the catalog's spelling. */
    qualifiedName(action: CatalogAction): string {
        let name = this.qualifiedNames.get(action);
        if (name == null) {
            name = `${action.service}:${action.name}`;
            this.qualifiedNames.set(action, name);
        }
        return name;
    }

    /** Why the resource is not a well-formed ARN (see arnProblem), remembered. */
    arnProblem(resource: string): string | undefined {
        let problem = this.arnProblems.get(resource);
        if (problem === undefined) {
            problem = arnProblem(resource) ?? null;
            this.arnProblems.set(resource, problem);
        }
        return problem ?? undefined;
    }

    /** The definition of a condition key: a global key (any prefix, e.g. `aws:SourceIp`, `ec2:SourceInstanceArn`) or a service key. */
    conditionKey(key: string): CatalogConditionKey | undefined {
        const lower = key.toLowerCase();
        let definition = this.keyDefinitions.get(lower);
        if (definition === undefined) {
            definition = this.catalog.conditionKey(key) ?? null;
            this.keyDefinitions.set(lower, definition);
        }
        return definition ?? undefined;
    }

    isGlobalKey(definition: CatalogConditionKey) {
        return this.catalog.isGlobalConditionKey(definition);
    }

    /** Lower-cased condition keys an action supports: its own and those of its resource types. */
    keysOfAction(action: CatalogAction): ReadonlySet<string> {
        let keys = this.actionKeys.get(action);
        if (keys == null) {
            const set = new Set(action.conditionKeys.map((key) => key.toLowerCase()));
            for (const reference of action.resourceTypes) {
                for (const key of reference.conditionKeys ?? [])
                    set.add(key.toLowerCase());
                for (const key of this.catalog.resourceType(action.service, reference.name)?.conditionKeys ?? [])
                    set.add(key.toLowerCase());
            }
            keys = set;
            this.actionKeys.set(action, keys);
        }
        return keys;
    }

    /** `service/name` of each resource type the action accepts. */
    resourceTypeIds(action: CatalogAction): readonly string[] {
        let ids = this.actionTypes.get(action);
        if (ids == null) {
            ids = action.resourceTypes.map((reference) => `${action.service}/${reference.name}`);
            this.actionTypes.set(action, ids);
        }
        return ids;
    }

    /** `service/name` of every catalog resource type whose ARN template the ARN (pattern) can match. */
    resourceTypesOfArn(arn: string): ReadonlySet<string> {
        let types = this.arnTypes.get(arn);
        if (types == null) {
            types = this.matchTemplates(arn);
            this.arnTypes.set(arn, types);
        }
        return types;
    }

    /**
     * Whether the ARN pattern covers every resource of some type of its service: `arn:aws:s3:::*`,
     * `arn:aws:secretsmanager:*:*:secret:*`, `arn:aws:dynamodb:*:*:table/*`, but not `arn:aws:s3:::reports/*`.
     */
    isUnrestrictedArn(arn: string): boolean {
        if (arn === "*")
            return true;
        let unrestricted = this.unrestrictedArns.get(arn);
        if (unrestricted == null) {
            const parts = parseArn(arn);
            this.indexTemplates();
            const templates = parts == null ? [] : this.templatesByService!.get(parts.service) ?? [];
            unrestricted = parts != null && (/^\*+$/.test(parts.resource) || templates.some((template) =>
                parts.resource.startsWith(template.resourcePrefix) && /^\*[*/:]*$/.test(parts.resource.slice(template.resourcePrefix.length))));
            this.unrestrictedArns.set(arn, unrestricted);
        }
        return unrestricted;
    }

    resourceTypeById(id: string): CatalogResourceType | undefined {
        const separator = id.indexOf("/");
        return this.catalog.resourceType(id.slice(0, separator), id.slice(separator + 1));
    }

    /** The catalog's closest action to a misspelt one: same service first, then the same name in another service. */
    closestAction(service: string, name: string): CatalogAction | undefined {
        const key = `${service}:${name}`.toLowerCase();
        let closest = this.closestActions.get(key);
        if (closest === undefined) {
            closest = this.findClosestAction(service, name) ?? null;
            this.closestActions.set(key, closest);
        }
        return closest ?? undefined;
    }

    private findClosestAction(service: string, name: string): CatalogAction | undefined {
        const serviceEntry = this.catalog.service(service);
        const lowerName = name.toLowerCase();
        if (serviceEntry != null) {
            const closest = closestByEditDistance(lowerName, serviceEntry.actions, (action) => action.name.toLowerCase());
            if (closest != null)
                return closest;
        }
        this.actionsByLowerName ??= this.buildActionsByLowerName();
        return this.actionsByLowerName.get(lowerName)?.[0];
    }

    /**
     * The one catalog action a misspelt name means (`s3:GetObjct` → `s3:GetObject`, `s4:GetObject` →
     * `s3:GetObject`): a name that matches nothing, with a single closest name in its service (or a
     * single closest service that has the name). Undefined for wildcards, and when two names tie.
     */
    spellingFix(value: string): string | undefined {
        let fix = this.spellingFixes.get(value);
        if (fix === undefined) {
            fix = this.findSpellingFix(value) ?? null;
            this.spellingFixes.set(value, fix);
        }
        return fix ?? undefined;
    }

    private findSpellingFix(value: string): string | undefined {
        const separator = value.indexOf(":");
        if (separator <= 0 || /[*?]/.test(value) || this.expand(value).length > 0)
            return undefined;
        const prefix = value.slice(0, separator).toLowerCase();
        const name = value.slice(separator + 1).toLowerCase();
        const service = this.catalog.service(prefix);
        if (service != null) {
            const actions = closestCandidates(name, service.actions, (action) => action.name.toLowerCase());
            return actions.length === 1 ? this.qualifiedName(actions[0]!) : undefined;
        }
        const services = closestCandidates(prefix, this.catalog.services, (candidate) => candidate.prefix);
        const action = services.length === 1 ? this.catalog.action(`${services[0]!.prefix}:${name}`) : undefined;
        return action == null ? undefined : this.qualifiedName(action);
    }

    closestService(prefix: string): string | undefined {
        const lower = prefix.toLowerCase();
        let closest = this.closestServices.get(lower);
        if (closest === undefined) {
            closest = closestByEditDistance(lower, this.catalog.services, (service) => service.prefix)?.prefix ?? null;
            this.closestServices.set(lower, closest);
        }
        return closest ?? undefined;
    }

    private matchTemplates(arn: string): ReadonlySet<string> {
        const parts = parseArn(arn);
        const matched = new Set<string>();
        if (parts == null)
            return matched;
        this.indexTemplates();
        const candidates = parts.service.includes("*") || parts.service.includes("?")
            ? [...this.templatesByService!.values()].flat()
            : this.templatesByService!.get(parts.service) ?? [];
        const policyParts = [parts.partition, parts.service, parts.region, parts.account, parts.resource].map(patternTokens);
        const literal = parts.resource.split(/[*?]/)[0]!;
        for (const template of [...candidates, ...this.templatesWithVariableService!]) {
            const common = Math.min(literal.length, template.resourcePrefix.length);
            if (literal.slice(0, common) !== template.resourcePrefix.slice(0, common))
                continue;
            if (template.partsTokens.every((tokens, index) => globsIntersect(policyParts[index]!, tokens)))
                matched.add(template.id);
        }
        return matched;
    }

    private indexTemplates() {
        if (this.templatesByService != null)
            return;
        this.templatesByService = new Map();
        this.templatesWithVariableService = [];
        const templates = this.catalog.services.flatMap((service) => service.resourceTypes.map((resourceType) => ({service, resourceType})));
        const arns = new Set(templates.map(({resourceType}) => resourceType.arn));
        const extendedWithSlash = new Set([...arns].flatMap((arn) => {
            const parent = /^(.*\$\{[^}]+\})\//.exec(arn)?.[1];
            return parent != null && arns.has(parent) ? [parent] : [];
        }));
        for (const {service, resourceType} of templates) {
            const parts = resourceType.arn.split(":");
            if (parts.length < 6)
                continue;
            const split = [parts[1]!, parts[2]!, parts[3]!, parts[4]!, parts.slice(5).join(":")];
            const lastHoldsNoSlash = extendedWithSlash.has(resourceType.arn);
            const entry: TemplateEntry = {
                id: `${service.prefix}/${resourceType.name}`,
                resourceType,
                partsTokens: split.map((part, index) => templateTokens(part, index === 4 && lastHoldsNoSlash)),
                resourcePrefix: split[4]!.split("${")[0]!
            };
            if (split[1]!.includes("${"))
                this.templatesWithVariableService.push(entry);
            else
                this.templatesByService.set(split[1]!, [...this.templatesByService.get(split[1]!) ?? [], entry]);
        }
    }

    private buildActionsByLowerName() {
        const map = new Map<string, CatalogAction[]>();
        for (const action of this.catalog.allActions) {
            const lower = action.name.toLowerCase();
            map.set(lower, [...map.get(lower) ?? [], action]);
        }
        return map;
    }
}
