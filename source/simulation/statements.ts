import {hasWildcard} from "../policy/arn.js";
import {policyStatements} from "../policy/statements.js";
import type {PolicyDocument, PolicyStatement} from "../policy/types.js";
import {compileWildcard, matchWildcard, type WildcardPattern} from "../catalog/wildcardMatch.js";
import {compileConditions, conditionsHold, evaluateConditions, type CompiledCondition} from "./conditions.js";
import {compileResourceEntry, matchResourceEntry, type ResourceEntry} from "./resources.js";
import type {ElementMatch, StatementEvaluation} from "./types.js";
import type {ContextMap} from "./variables.js";

/** A statement read once: its entries as lists, action patterns compiled (case-insensitive), conditions parsed. */
export interface CompiledStatement {
    index: number;
    sid?: string;
    effect?: "Allow" | "Deny";
    actions?: ActionEntries;
    resources?: {entries: string[]; compiled: ResourceEntry[]; negated: boolean};
    conditions: CompiledCondition[];
}

/** Action entries split for speed: literal names in a map by lower case, wildcard patterns compiled lower-cased. */
interface ActionEntries {
    entries: string[];
    literals: Map<string, string>;
    patterns: Array<{entry: string; pattern: WildcardPattern}>;
    negated: boolean;
}

function compileActions(entries: string[], negated: boolean): ActionEntries {
    const literals = new Map<string, string>();
    const patterns: ActionEntries["patterns"] = [];
    for (const entry of entries) {
        if (hasWildcard(entry))
            patterns.push({entry, pattern: compileWildcard(entry.toLowerCase())});
        else if (!literals.has(entry.toLowerCase()))
            literals.set(entry.toLowerCase(), entry);
    }
    return {entries, literals, patterns, negated};
}

/** The last action lower-cased, kept: one request's action is compared with every statement. */
let lastAction = {action: "", lower: ""};

/** The Action/NotAction entry that names or matches the action, if any; IAM compares action names case-insensitively. */
function matchingActionEntry(actions: ActionEntries, action: string): string | undefined {
    if (lastAction.action !== action)
        lastAction = {action, lower: action.toLowerCase()};
    const {lower} = lastAction;
    return actions.literals.get(lower) ?? actions.patterns.find(({pattern}) => matchWildcard(pattern, lower))?.entry;
}

/** The document's statements, read once for the evaluations that follow. */
export function compileStatements(document: PolicyDocument): CompiledStatement[] {
    const raw = document != null && typeof document === "object" && document.Statement != null ? policyStatements(document) : [];
    return raw.map((statement, index) => compileStatement(statement ?? ({} as PolicyStatement), index));
}

function entries(value: unknown): string[] {
    return (Array.isArray(value) ? value : [value]).filter((entry): entry is string => typeof entry === "string");
}

function compileStatement(statement: PolicyStatement, index: number): CompiledStatement {
    const actionEntries = statement.Action != null ? entries(statement.Action) : statement.NotAction != null ? entries(statement.NotAction) : undefined;
    const resourceEntries = statement.Resource != null ? entries(statement.Resource) : statement.NotResource != null ? entries(statement.NotResource) : undefined;
    return {
        index,
        ...(typeof statement.Sid === "string" ? {sid: statement.Sid} : {}),
        ...(statement.Effect === "Allow" || statement.Effect === "Deny" ? {effect: statement.Effect} : {}),
        ...(actionEntries != null
            ? {actions: compileActions(actionEntries, statement.Action == null)}
            : {}),
        ...(resourceEntries != null ? {resources: {entries: resourceEntries, compiled: resourceEntries.map(compileResourceEntry), negated: statement.Resource == null}} : {}),
        conditions: compileConditions(statement.Condition)
    };
}

/** Whether Action or NotAction matches the request's action (case-insensitively), without the evidence. */
export function actionMatched(statement: CompiledStatement, action: string): boolean {
    const {actions} = statement;
    return actions != null && (matchingActionEntry(actions, action) != null) !== actions.negated;
}

/** Action or NotAction against the request's action, case-insensitively. */
function matchActions(statement: CompiledStatement, action: string): ElementMatch {
    const {actions} = statement;
    if (actions == null)
        return {matched: false, reason: "the statement has neither Action nor NotAction"};
    const entry = matchingActionEntry(actions, action);
    if (actions.negated)
        return entry != null
            ? {matched: false, entry, reason: `NotAction ${entry} excludes ${action}`}
            : {matched: true, reason: `${action} is not in NotAction`};
    return entry != null
        ? {matched: true, entry, reason: `Action ${entry} matches ${action}`}
        : {matched: false, reason: `no Action entry matches ${action}`};
}

/** Resource or NotResource against the request's resource; an entry whose variable has no value matches nothing and makes NotResource fail. */
function matchResources(statement: CompiledStatement, resource: string, context: ContextMap): ElementMatch {
    const {resources} = statement;
    if (resources == null)
        return {matched: false, reason: "the statement has neither Resource nor NotResource"};
    let missing: {entry: string; key: string} | undefined;
    for (const compiledEntry of resources.compiled) {
        const entry = compiledEntry.text;
        const result = matchResourceEntry(compiledEntry, resource, context);
        if ("missing" in result) {
            missing ??= {entry, key: result.missing};
        } else if (result.matched) {
            return resources.negated
                ? {matched: false, entry, reason: `NotResource ${entry} excludes ${resource}`}
                : {matched: true, entry, reason: `Resource ${entry} matches ${resource}`};
        }
    }
    if (resources.negated && missing != null)
        return {matched: false, entry: missing.entry, reason: `NotResource ${missing.entry}: variable \${${missing.key}} has no value`};
    if (resources.negated)
        return {matched: true, reason: `${resource} is not in NotResource`};
    return {matched: false, reason: missing != null
        ? `no Resource entry matches ${resource} (in ${missing.entry}, variable \${${missing.key}} has no value)`
        : `no Resource entry matches ${resource}`};
}

/** Whether the statement applies, without the evidence: the path for comparisons and many requests. */
export function statementApplies(statement: CompiledStatement, action: string, resource: string, context: ContextMap): boolean {
    return statement.effect != null
        && actionMatched(statement, action)
        && matchResources(statement, resource, context).matched
        && conditionsHold(statement.conditions, context);
}

/** Why the statement did or did not apply; stops after the first element that does not match. */
export function evaluateStatement(statement: CompiledStatement, document: string, action: string, resource: string, context: ContextMap): StatementEvaluation {
    const base = {document, index: statement.index, ...(statement.sid != null ? {sid: statement.sid} : {}), effect: statement.effect ?? "Allow" as const};
    const actionMatch = matchActions(statement, action);
    if (statement.effect == null)
        return {...base, applies: false, action: {matched: false, reason: "the statement's Effect is neither Allow nor Deny"}};
    if (!actionMatch.matched)
        return {...base, applies: false, action: actionMatch};
    const resourceMatch = matchResources(statement, resource, context);
    if (!resourceMatch.matched)
        return {...base, applies: false, action: actionMatch, resource: resourceMatch};
    const conditions = evaluateConditions(statement.conditions, context);
    return {...base, applies: conditions.every((condition) => condition.satisfied), action: actionMatch, resource: resourceMatch, conditions};
}
