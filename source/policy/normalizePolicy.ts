import {type Catalog} from "../catalog/Catalog.js";
import {loadCatalog} from "../catalog/loadCatalog.js";
import {CatalogLookups} from "./CatalogLookups.js";
import {childPath} from "./jsonPath.js";
import {collapse, compareText, isStringList, objectFrom, sortedUnique, toList, uniqueIgnoringCase} from "./lists.js";
import {isRecord} from "./PolicyView.js";
import {
    correctStatement, makeSidsUnique, repairResourceLevels, repairSidCharacters, splitStarOnlyActions, type WorkingStatement
} from "./repairStatement.js";
import {type ConditionBlock, type ConditionValue, type PolicyDocument, type PolicyStatement, type Repair} from "./types.js";

export interface NormalizeOptions {
    catalog?: Catalog;
    /**
     * Also repair: Effect case, misspelt actions with one close catalog name, unknown actions of an
     * Allow's Action removed (and an Allow left with none), Sids; a Deny is never weakened.
     */
    repair?: boolean;
    /**
     * Only repairs that cannot let the policy allow more (for a policy someone wrote, `validate --fix`):
     * leaves out the ARN-level fixes and the move of `"*"`-only actions to `"*"`, which a generated draft gets.
     */
    onlyNarrowing?: boolean;
}

const STATEMENT_KEYS = ["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"];

/**
 * The canonical form of a policy: Statement always an array, keys in AWS's order, arrays
 * de-duplicated and sorted (one item becomes a plain string), actions in the catalog's letter case,
 * and statements that differ only in their actions merged. With `repair`, also fixes what would
 * make the policy wrong. Every change beyond ordering is reported.
 */
export function normalizePolicy(policy: PolicyDocument, options: NormalizeOptions = {}): {policy: PolicyDocument; repairs: Repair[]} {
    const lookups = CatalogLookups.for(options.catalog ?? loadCatalog());
    const repairs: Repair[] = [];
    const repair = options.repair === true;
    const rawStatements: unknown[] = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
    const statementPath = (index: number) => Array.isArray(policy.Statement) ? `$.Statement[${index}]` : "$.Statement";

    let working: WorkingStatement[] = [];
    rawStatements.forEach((raw, index) => {
        if (!isRecord(raw))
            return;
        const path = statementPath(index);
        const statement = {...raw} as unknown as PolicyStatement;
        if (repair) {
            correctStatement(statement, path, lookups, repairs);
            repairSidCharacters(statement, path, repairs);
        }
        const field = statement.NotAction !== undefined && statement.Action === undefined ? "NotAction" : "Action";
        if (statement[field] !== undefined) {
            // Only an Allow's Action loses unknown names: elsewhere a name that matches nothing narrows, or is a Deny's.
            const removeUnknown = repair && field === "Action" && statement.Effect === "Allow";
            const before = toList(statement[field]);
            const actions = normalizeActions(statement[field], childPath(path, field), lookups, removeUnknown, repairs);
            if (removeUnknown && before.length > 0 && actions.length === 0) {
                repairs.push({code: "STATEMENT_REMOVED", message: "removed the statement: none of its actions exists", path});
                return;
            }
            statement[field] = actions as string[]; // malformed items stay as written, for the checker to report
        }
        for (const resourceField of ["Resource", "NotResource"] as const) {
            if (statement[resourceField] !== undefined)
                statement[resourceField] = sortedUnique(toList(statement[resourceField]));
        }
        if (isRecord(statement.Condition))
            statement.Condition = normalizeCondition(statement.Condition);
        working.push({path, statement});
        if (repair && options.onlyNarrowing !== true) {
            working.push(...splitStarOnlyActions({path, statement}, lookups, repairs));
            repairResourceLevels({path, statement}, lookups, repairs);
        }
    });

    if (repair)
        makeSidsUnique(working, repairs);
    working = mergeStatements(working, repairs);

    const result: PolicyDocument = {
        ...(policy.Version !== undefined ? {Version: policy.Version} : repair ? {Version: "2012-10-17"} : {}),
        ...(policy.Id !== undefined ? {Id: policy.Id} : {}),
        Statement: working.map(({statement}) => orderStatement(statement))
    };
    if (policy.Version === undefined && repair)
        repairs.push({code: "VERSION_ADDED", message: "added \"Version\": \"2012-10-17\"", path: "$"});
    return {policy: orderDocument(result), repairs};
}

/** The canonical pretty text of a policy: AWS's key order, 2-space JSON. */
export function formatPolicy(policy: PolicyDocument): string {
    const statements = Array.isArray(policy.Statement) ? policy.Statement.map(orderStatement) : orderStatement(policy.Statement);
    return JSON.stringify(orderDocument({...policy, Statement: statements}), null, 2);
}

/** Canonical case, duplicates removed, sorted; with `removeUnknown`, names that match no action go. Malformed items are kept as written. */
function normalizeActions(field: unknown, path: string, lookups: CatalogLookups, removeUnknown: boolean, repairs: Repair[]): unknown[] {
    const kept: string[] = [];
    const malformed: unknown[] = [];
    toList(field).forEach((value, index) => {
        const itemPath = Array.isArray(field) ? childPath(path, index) : path;
        if (typeof value !== "string") {
            malformed.push(value);
            return;
        }
        const separator = value.indexOf(":");
        if (value === "*" || separator < 0) {
            kept.push(value);
            return;
        }
        const wildcard = value.includes("*") || value.includes("?");
        const matched = lookups.expand(value);
        if (matched.length === 0) {
            if (removeUnknown) {
                const closest = wildcard ? undefined : lookups.closestAction(value.slice(0, separator), value.slice(separator + 1));
                repairs.push({
                    code: "UNKNOWN_ACTION_REMOVED",
                    message: `removed "${value}": ${wildcard ? "it matches no action" : closest != null ? `no such action, and no single close name (${lookups.qualifiedName(closest)}?)` : "no such action, nor one close to it"}`,
                    path: itemPath
                });
            } else {
                kept.push(value);
            }
            return;
        }
        const canonical = wildcard ? `${value.slice(0, separator).toLowerCase()}${value.slice(separator)}` : lookups.qualifiedName(matched[0]!);
        if (canonical !== value)
            repairs.push({code: "ACTION_CASE", message: `wrote "${value}" as "${canonical}"`, path: itemPath});
        kept.push(canonical);
    });
    const unique = uniqueIgnoringCase(kept);
    if (unique.length < kept.length)
        repairs.push({code: "DUPLICATE_REMOVED", message: `removed ${kept.length - unique.length} duplicate action${kept.length - unique.length > 1 ? "s" : ""}`, path});
    return [...unique.sort(compareText), ...malformed];
}

/** Merges statements that have the same Effect, resources and conditions (and compatible Sids) into the first of them. */
function mergeStatements(working: WorkingStatement[], repairs: Repair[]): WorkingStatement[] {
    const merged: WorkingStatement[] = [];
    const byShape = new Map<string, WorkingStatement>();
    for (const item of working) {
        const {statement} = item;
        const shape = isStringList(statement.Action) && statement.NotAction === undefined && Object.keys(statement).every((key) => STATEMENT_KEYS.includes(key))
            ? JSON.stringify([statement.Effect, statement.Resource ?? null, statement.NotResource ?? null, statement.Condition ?? null])
            : undefined;
        const target = shape == null ? undefined : byShape.get(shape);
        if (target != null && (target.statement.Sid == null || statement.Sid == null || target.statement.Sid === statement.Sid)) {
            target.statement.Action = uniqueIgnoringCase([...toList(target.statement.Action), ...toList(statement.Action)]).sort(compareText);
            target.statement.Sid ??= statement.Sid;
            if (target.statement.Sid == null)
                delete target.statement.Sid;
            repairs.push({code: "STATEMENTS_MERGED", message: `merged ${item.path} into ${target.path}: same effect, resources and conditions`, path: item.path});
            continue;
        }
        if (shape != null)
            byShape.set(shape, item);
        merged.push(item);
    }
    return merged;
}

function normalizeCondition(condition: ConditionBlock): ConditionBlock {
    return objectFrom(Object.keys(condition).sort(compareText).map((operator) => {
        const block = condition[operator];
        if (!isRecord(block))
            return [operator, block] as const;
        return [operator, objectFrom(Object.keys(block).sort(compareText).map((key) => {
            const value = block[key] as ConditionValue | ConditionValue[];
            return [key, Array.isArray(value) ? collapse(sortedUnique(value)) : value] as const;
        }))] as const;
    })) as ConditionBlock;
}

function orderStatement(statement: PolicyStatement): PolicyStatement {
    const record = statement as unknown as Record<string, unknown>;
    const keys = [...STATEMENT_KEYS, ...Object.keys(statement).filter((key) => !STATEMENT_KEYS.includes(key))];
    return objectFrom(keys.flatMap((key) => {
        const value = record[key];
        return value === undefined ? [] : [[key, Array.isArray(value) && key !== "Condition" ? collapse(value) : value] as const];
    })) as unknown as PolicyStatement;
}

function orderDocument(policy: PolicyDocument): PolicyDocument {
    const {Version, Id, Statement, ...rest} = policy;
    return {...(Version !== undefined ? {Version} : {}), ...(Id !== undefined ? {Id} : {}), Statement, ...rest};
}
