import {type CatalogAction} from "../catalog/types.js";
import {type AnalyzedStatement, type CheckContext, listNames, qualifiedName} from "./analyze.js";
import {ownServiceTypes, suggestArn} from "./arnSuggestion.js";
import {CoveringPatterns} from "./CoveringPatterns.js";

/** Above this many expanded actions a statement is too broad for per-ARN checks to say anything useful. */
const MAX_EXPANDED_ACTIONS = 2000;

/** Malformed ARNs, ARNs that match no resource type of the statement's actions, `"*"`-only actions given ARNs, redundant resources. */
export function checkResources(context: CheckContext) {
    for (const statement of context.statements) {
        const field = statement.resourceField ?? "Resource";
        for (const resource of statement.resources) {
            const problem = resource.value === "" ? undefined : context.lookups.arnProblem(resource.value); // "" is the schema's
            if (problem != null)
                context.report({code: "MALFORMED_ARN", severity: "ERROR", message: `"${resource.value}": ${problem}`, path: resource.path});
        }
        checkRedundantResources(statement, field, context);
        if (statement.resourceField === "Resource" && statement.actionField === "Action" && !statement.anyResource && !statement.anyAction) {
            checkStarOnlyActions(statement, context);
            checkResourceTypes(statement, context);
        }
    }
}

function checkRedundantResources(statement: AnalyzedStatement, field: string, {report}: CheckContext) {
    const seen = new Set<string>();
    const patterns = new CoveringPatterns(statement.resources.filter((resource) => /[*?]/.test(resource.value)).map((resource) => resource.value), false);
    for (const resource of statement.resources) {
        if (seen.has(resource.value)) {
            report({code: "REDUNDANT_RESOURCE", severity: "SUGGESTION", message: `"${resource.value}" is listed twice in ${field}`, path: resource.path, fix: "Remove the duplicate"});
            continue;
        }
        seen.add(resource.value);
        const covering = patterns.covering(resource.value)[0];
        if (covering != null)
            report({code: "REDUNDANT_RESOURCE", severity: "SUGGESTION", message: `"${resource.value}" is already covered by "${covering}"`, path: resource.path, fix: `Remove "${resource.value}"`});
    }
}

/** Actions that accept only `"*"` grant nothing when the statement names specific resources. */
function checkStarOnlyActions(statement: AnalyzedStatement, {lookups, report}: CheckContext) {
    for (const entry of statement.entries) {
        if (!lookups.traits(entry.actions).starOnly)
            continue;
        report({
            code: "STAR_ONLY_ACTION_WITH_ARN",
            severity: "WARNING",
            message: entry.wildcard
                ? `the actions "${entry.value}" matches accept only "Resource": "*", so they grant nothing on the ARNs of this statement`
                : `${entry.value} accepts only "Resource": "*", so it grants nothing on the ARNs of this statement`,
            path: entry.path,
            fix: `Move "${entry.value}" to its own statement with "Resource": "*"`
        });
    }
}

/** Each ARN must match a resource type of some action of the statement, and each action some ARN. */
function checkResourceTypes(statement: AnalyzedStatement, {lookups, report}: CheckContext) {
    const actions = new Set<CatalogAction>();
    for (const entry of statement.entries)
        for (const action of entry.actions)
            actions.add(action);
    if (actions.size === 0 || actions.size > MAX_EXPANDED_ACTIONS)
        return;
    const wantedTypes = new Set<string>();
    for (const action of actions)
        for (const id of lookups.resourceTypeIds(action))
            wantedTypes.add(id);
    if (wantedTypes.size === 0)
        return;

    const arns = statement.resources.filter((resource) => lookups.arnProblem(resource.value) == null);
    const typesByArn = arns.map((resource) => lookups.resourceTypesOfArn(resource.value));
    let someArnMatches = false;
    arns.forEach((resource, index) => {
        const types = typesByArn[index]!;
        if ([...types].some((id) => wantedTypes.has(id))) {
            someArnMatches = true;
            return;
        }
        const fix = suggestArn(resource.value, types, wantedTypes, lookups);
        const own = ownServiceTypes(resource.value, types);
        report({
            code: "RESOURCE_TYPE_MISMATCH",
            severity: "WARNING",
            message: own.size > 0
                ? `"${resource.value}" is of type ${describeTypes(own)}, but the actions here work on ${describeTypes(wantedTypes)}: the statement grants nothing on it`
                : `"${resource.value}" matches none of the resource types the actions here work on (${describeTypes(wantedTypes)}): the statement grants nothing on it`,
            path: resource.path,
            ...(fix != null ? {fix: `Did you mean "${fix}"?`, replacement: fix} : {})
        });
    });
    if (!someArnMatches)
        return;
    for (const entry of statement.entries) {
        if (entry.wildcard || entry.actions.length !== 1)
            continue;
        const ids = lookups.resourceTypeIds(entry.actions[0]!);
        if (ids.length === 0 || typesByArn.some((types) => ids.some((id) => types.has(id))))
            continue;
        report({
            code: "ACTION_RESOURCE_MISMATCH",
            severity: "WARNING",
            message: `${qualifiedName(entry.actions[0]!)} works on ${describeTypes(new Set(ids))}, and no resource of this statement is one: it grants nothing here`,
            path: entry.path,
            fix: `Add the ARN of the ${ids.map((id) => id.slice(id.indexOf("/") + 1)).join(" or ")} it needs, or move it to a statement that has it`
        });
    }
}

function describeTypes(ids: ReadonlySet<string>) {
    return listNames([...ids].map((id) => id.replace("/", " ")), 5);
}
