import type {Catalog, CatalogAction} from "../catalog/index.js";
import {hasWildcard} from "../policy/arn.js";
import {wildcardMatch} from "../catalog/wildcardMatch.js";
import type {CompiledCondition} from "./conditions.js";
import type {CompiledStatement} from "./statements.js";
import type {RequestContext} from "./types.js";
import {variablesIn} from "./variables.js";

/** Placeholder values for probe ARNs built from the catalog's templates. */
const TEMPLATE_VALUES: Record<string, string> = {Partition: "aws", Region: "us-east-1", Account: "123456789012"};
const FILLER = "x";
/** The value a probe context gives each policy variable, and so what a variable in a probe ARN stands for. */
const VARIABLE_VALUE = "probe";

/**
 * The actions the policies mention or match: literal names, and wildcard patterns expanded over the
 * catalog with the linear-time matcher (Catalog.expand builds a RegExp from the pattern). A NotAction
 * statement matches nearly everything, so then every catalog action is a probe.
 */
export function probeActions(catalog: Catalog, statements: readonly CompiledStatement[]): string[] {
    const names = new Set<string>();
    const add = (action: CatalogAction) => names.add(`${action.service}:${action.name}`);
    for (const statement of statements) {
        if (statement.actions == null)
            continue;
        if (statement.actions.negated) {
            catalog.allActions.forEach(add);
            continue;
        }
        for (const pattern of statement.actions.entries) {
            if (!hasWildcard(pattern)) {
                const known = catalog.action(pattern);
                if (known != null)
                    add(known);
                else if (pattern.includes(":"))
                    names.add(pattern);
            } else {
                expandPattern(catalog, pattern).forEach(add);
            }
        }
    }
    return [...names];
}

function expandPattern(catalog: Catalog, pattern: string): CatalogAction[] {
    const separator = pattern.indexOf(":");
    const prefix = separator < 0 ? pattern : pattern.slice(0, separator);
    const services = hasWildcard(prefix)
        ? catalog.services.filter((service) => wildcardMatch(prefix, service.prefix, true))
        : [catalog.service(prefix)].filter((service) => service != null);
    return services.flatMap((service) => service.actions.filter((action) => wildcardMatch(pattern, `${service.prefix}:${action.name}`, true)));
}

/** A generic ARN for each resource type the action accepts, its placeholders filled in. */
export function genericResources(catalog: Catalog, actionName: string): string[] {
    const action = catalog.action(actionName);
    if (action == null)
        return [];
    return action.resourceTypes.flatMap((reference) => {
        const type = catalog.resourceType(action.service, reference.name);
        return type == null ? [] : [type.arn.replace(/\$\{([^}]+)\}/g, (_, name: string) => TEMPLATE_VALUES[name] ?? FILLER).replace(/[*?]/g, FILLER)];
    });
}

/**
 * The ARNs the policies name, each twice: as written (a probe that only as broad a pattern matches)
 * and with its wildcards filled in (one resource it covers). Variables take the probe contexts' value.
 */
export function namedResources(statements: readonly CompiledStatement[]): string[] {
    const resources = new Set<string>();
    for (const statement of statements)
        for (const entry of statement.resources?.entries ?? []) {
            if (entry === "*")
                continue;
            const concrete = entry.replace(/\$\{([^}]*)\}/g, (_, inner: string) => ["*", "?", "$"].includes(inner) ? inner : VARIABLE_VALUE);
            resources.add(concrete);
            resources.add(concrete.replace(/[*?]/g, FILLER));
        }
    return [...resources];
}

/**
 * Request contexts to probe with: none at all, the policy variables set, and for each condition
 * one that satisfies its positive form (so a negated condition fails), then all of them at once.
 * Adding a condition thus shows as narrowing, removing one as widening.
 */
export function probeContexts(statements: readonly CompiledStatement[]): RequestContext[] {
    const variables: Record<string, string> = {};
    for (const statement of statements) {
        const texts = [...statement.resources?.entries ?? [], ...statement.conditions.flatMap((condition) => condition.values)];
        for (const text of texts)
            for (const variable of variablesIn(text))
                variables[variable.key] = VARIABLE_VALUE;
    }
    const conditionContexts = statements.flatMap((statement) => statement.conditions.flatMap((condition) => {
        const context = satisfyingContext(condition);
        return context == null ? [] : [context];
    }));
    const contexts: RequestContext[] = [{}, variables, ...conditionContexts.map((context) => ({...variables, ...context}))];
    contexts.push(Object.assign({}, variables, ...conditionContexts.slice().reverse()) as RequestContext);
    const seen = new Set<string>();
    return contexts.filter((context) => {
        const key = JSON.stringify(Object.entries(context).sort(([left], [right]) => left.localeCompare(right)));
        return !seen.has(key) && seen.add(key) != null;
    });
}

/** The context key and value that satisfy the condition's positive operator (a list for a set operator), if one can be built. */
export function satisfyingContext(condition: CompiledCondition): RequestContext | undefined {
    const value = satisfyingValue(condition);
    return value == null ? undefined : {[condition.key]: condition.parsed?.setOperator != null ? [value] : value};
}

/** A request value that satisfies the condition's positive operator, built from its first value. */
function satisfyingValue(condition: CompiledCondition): string | undefined {
    const base = condition.parsed?.base;
    const first = condition.values[0];
    if (base == null || first == null)
        return undefined;
    if (base === "Null")
        return condition.values.some((value) => value.toLowerCase() === "false") ? FILLER : undefined;
    const text = first.replace(/\$\{([^}]*)\}/g, (_, inner: string) => ["*", "?", "$"].includes(inner) ? inner : VARIABLE_VALUE);
    switch (condition.parsed!.family) {
        case "Numeric":
            return shifted(base, Number(text), 1, String);
        case "Date":
            return shifted(base, dateMilliseconds(text), 86_400_000, (milliseconds) => new Date(milliseconds).toISOString());
        case "IpAddress":
            return text.split("/")[0];
        case "String":
        case "Arn":
            // Only the Like operators (and the ARN ones, which all take wildcards) read * and ? as wildcards.
            return base.endsWith("Like") || condition.parsed!.family === "Arn" ? text.replace(/[*?]/g, FILLER) : text;
        default:
            return text;
    }
}

/** For LessThan one step below the policy's value, for GreaterThan one above, otherwise the value itself. */
function shifted(base: string, value: number, step: number, format: (value: number) => string): string | undefined {
    if (Number.isNaN(value))
        return undefined;
    if (base.endsWith("LessThan"))
        return format(value - step);
    if (base.endsWith("GreaterThan"))
        return format(value + step);
    return format(value);
}

function dateMilliseconds(text: string): number {
    return /^-?\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text);
}
