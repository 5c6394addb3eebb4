import {type Catalog} from "../catalog/Catalog.js";
import {loadCatalog} from "../catalog/loadCatalog.js";
import {type CatalogAction} from "../catalog/types.js";
import {suggestArn} from "./arnSuggestion.js";
import {CatalogLookups} from "./CatalogLookups.js";
import {childPath} from "./jsonPath.js";
import {isRecord} from "./PolicyView.js";
import {type ConditionBlock, type ConditionValue, type PolicyDocument, type PolicyStatement, type Repair} from "./types.js";

export interface NormalizeOptions {
    catalog?: Catalog;
    /** Also drop unknown actions (and statements left empty) and move `"*"`-only actions to their own statement. */
    repair?: boolean;
}

interface WorkingStatement {
    /** Where it came from, for the repair messages. */
    path: string;
    statement: PolicyStatement;
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
            repairEffect(statement, path, repairs);
            repairSidCharacters(statement, path, repairs);
        }
        const field = statement.NotAction !== undefined && statement.Action === undefined ? "NotAction" : "Action";
        if (statement[field] !== undefined) {
            const before = toList(statement[field]);
            const actions = normalizeActions(statement[field], childPath(path, field), lookups, repair, repairs);
            if (repair && before.length > 0 && actions.length === 0) {
                repairs.push({code: "STATEMENT_REMOVED", message: `removed the statement: none of its actions exists`, path});
                return;
            }
            statement[field] = actions;
        }
        for (const resourceField of ["Resource", "NotResource"] as const) {
            if (statement[resourceField] !== undefined)
                statement[resourceField] = sortedUnique(toList(statement[resourceField]));
        }
        if (isRecord(statement.Condition))
            statement.Condition = normalizeCondition(statement.Condition);
        working.push({path, statement});
        if (repair) {
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

function normalizeActions(field: string | string[] | undefined, path: string, lookups: CatalogLookups, repair: boolean, repairs: Repair[]): string[] {
    const kept: string[] = [];
    toList(field).forEach((value, index) => {
        const itemPath = Array.isArray(field) ? childPath(path, index) : path;
        if (typeof value !== "string")
            return;
        const separator = value.indexOf(":");
        if (value === "*" || separator < 0) {
            kept.push(value);
            return;
        }
        const wildcard = value.includes("*") || value.includes("?");
        const matched = lookups.expand(value);
        if (matched.length === 0) {
            if (repair) {
                const closest = wildcard ? undefined : lookups.closestAction(value.slice(0, separator), value.slice(separator + 1));
                repairs.push({
                    code: "UNKNOWN_ACTION_REMOVED",
                    message: `removed "${value}": ${wildcard ? "it matches no action" : "no such action"}${closest != null ? ` (did you mean ${closest.service}:${closest.name}?)` : ""}`,
                    path: itemPath
                });
            } else {
                kept.push(value);
            }
            return;
        }
        const canonical = wildcard ? `${value.slice(0, separator).toLowerCase()}${value.slice(separator)}` : `${matched[0]!.service}:${matched[0]!.name}`;
        if (canonical !== value)
            repairs.push({code: "ACTION_CASE", message: `wrote "${value}" as "${canonical}"`, path: itemPath});
        kept.push(canonical);
    });
    const unique = uniqueIgnoringCase(kept);
    if (unique.length < kept.length)
        repairs.push({code: "DUPLICATE_REMOVED", message: `removed ${kept.length - unique.length} duplicate action${kept.length - unique.length > 1 ? "s" : ""}`, path});
    return unique.sort(compareText);
}

/**
 * ARNs one level off for the statement's actions, the checker's RESOURCE_TYPE_MISMATCH suggestion
 * applied: an action with no ARN of its type gets the one derived from an ARN of the statement
 * (`s3:GetObject` on `arn:aws:s3:::reports` gets `arn:aws:s3:::reports/*`), and an ARN that none of
 * the actions works on goes once its derived ARN is in.
 */
function repairResourceLevels({statement, path}: WorkingStatement, lookups: CatalogLookups, repairs: Repair[]) {
    if (!Array.isArray(statement.Action) || !Array.isArray(statement.Resource) || statement.Resource.includes("*"))
        return;
    const actions = statement.Action.flatMap((action) => action === "*" ? [] : lookups.expand(action));
    if (actions.length === 0 || actions.length > MAX_REPAIRED_ACTIONS)
        return;
    const typeIds = new Map(actions.map((action) => [action, lookups.resourceTypeIds(action)]));
    const arns = statement.Resource.filter((arn) => lookups.arnProblem(arn) == null);
    const typesOf = new Map(arns.map((arn) => [arn, lookups.resourceTypesOfArn(arn)]));
    const worksOn = (action: CatalogAction, arn: string) => typeIds.get(action)!.some((id) => typesOf.get(arn)?.has(id) === true);
    const derived = new Map<string, string>();
    for (const action of actions) {
        const ids = typeIds.get(action)!;
        if (ids.length === 0 || arns.some((arn) => worksOn(action, arn)))
            continue;
        for (const arn of arns) {
            const fix = suggestArn(arn, typesOf.get(arn)!, new Set(ids), lookups);
            if (fix != null && !statement.Resource.includes(fix) && !derived.has(fix))
                derived.set(fix, arn);
        }
    }
    if (derived.size === 0)
        return;
    const sources = new Set(derived.values());
    const dropped = arns.filter((arn) => sources.has(arn) && !actions.some((action) => worksOn(action, arn)));
    statement.Resource = sortedUnique([...statement.Resource.filter((arn) => !dropped.includes(arn)), ...derived.keys()]);
    for (const [fix, from] of derived)
        repairs.push({
            code: "RESOURCE_LEVEL_FIXED",
            message: dropped.includes(from)
                ? `replaced "${from}" with "${fix}", the resource type its actions work on`
                : `added "${fix}" beside "${from}": some of its actions work on that resource type`,
            path: childPath(path, "Resource")
        });
}

/** Above this many expanded actions a statement is too broad to repair ARN by ARN. */
const MAX_REPAIRED_ACTIONS = 2000;

/** Moves actions that accept only `"*"` out of a statement with specific ARNs, into a statement of their own on `"*"`. */
function splitStarOnlyActions(working: WorkingStatement, lookups: CatalogLookups, repairs: Repair[]): WorkingStatement[] {
    const {statement, path} = working;
    if (!Array.isArray(statement.Action) || !Array.isArray(statement.Resource) || statement.Resource.includes("*"))
        return [];
    const expansions = statement.Action.map((action) => action === "*" ? [] : lookups.expand(action));
    const starOnly = statement.Action.filter((_, index) => expansions[index]!.length > 0 && expansions[index]!.every((action) => action.resourceTypes.length === 0));
    if (starOnly.length === 0)
        return [];
    if (starOnly.length === statement.Action.length) {
        repairs.push({code: "RESOURCE_SET_TO_STAR", message: `${starOnly.join(", ")} accept only "Resource": "*"; changed the resources to "*"`, path: childPath(path, "Resource")});
        statement.Resource = ["*"];
        return [];
    }
    statement.Action = statement.Action.filter((action) => !starOnly.includes(action));
    const moved: PolicyStatement = {
        ...(statement.Sid != null && statement.Sid !== "" ? {Sid: `${statement.Sid}AllResources`} : {}),
        Effect: statement.Effect,
        Action: starOnly,
        Resource: ["*"]
    };
    const condition = conditionFor(statement.Condition, starOnly.flatMap((action) => lookups.expand(action)), lookups);
    if (condition != null)
        moved.Condition = condition;
    repairs.push({code: "STAR_ONLY_ACTIONS_MOVED", message: `moved ${starOnly.join(", ")} to a statement of their own on "*": they accept no specific ARN`, path: childPath(path, "Action")});
    return [{path, statement: moved}];
}

/** The part of a Condition that still means something for the given actions: global keys and the keys they support. */
function conditionFor(condition: ConditionBlock | undefined, actions: CatalogAction[], lookups: CatalogLookups): ConditionBlock | undefined {
    if (condition == null)
        return undefined;
    const result: ConditionBlock = {};
    for (const [operator, block] of Object.entries(condition)) {
        for (const [key, value] of Object.entries(block)) {
            const definition = lookups.conditionKey(key);
            const applies = definition == null || lookups.isGlobalKey(definition)
                || actions.some((action) => lookups.keysOfAction(action).has(definition.key.toLowerCase()));
            if (applies)
                (result[operator] ??= {})[key] = value;
        }
    }
    return Object.keys(result).length > 0 ? result : undefined;
}

function repairEffect(statement: PolicyStatement, path: string, repairs: Repair[]) {
    const effect = statement.Effect as unknown;
    if (typeof effect === "string" && (effect.toLowerCase() === "allow" || effect.toLowerCase() === "deny") && effect !== "Allow" && effect !== "Deny") {
        statement.Effect = effect.toLowerCase() === "allow" ? "Allow" : "Deny";
        repairs.push({code: "EFFECT_CASE", message: `wrote Effect "${effect}" as "${statement.Effect}"`, path: childPath(path, "Effect")});
    }
}

/** Sids may hold only letters and digits. */
function repairSidCharacters(statement: PolicyStatement, path: string, repairs: Repair[]) {
    if (typeof statement.Sid !== "string" || /^[A-Za-z0-9]*$/.test(statement.Sid))
        return;
    const sid = statement.Sid.replace(/[^A-Za-z0-9]/g, "");
    repairs.push({code: "SID_FIXED", message: `changed Sid "${statement.Sid}" to "${sid}": letters and digits only`, path: childPath(path, "Sid")});
    statement.Sid = sid;
}

/** Sids must be unique in a policy: later duplicates get a number. */
function makeSidsUnique(working: WorkingStatement[], repairs: Repair[]) {
    const used = new Set<string>();
    for (const {statement, path} of working) {
        if (typeof statement.Sid !== "string" || statement.Sid === "")
            continue;
        let sid = statement.Sid;
        for (let suffix = 2; used.has(sid); suffix++)
            sid = `${statement.Sid}${suffix}`;
        if (sid !== statement.Sid) {
            repairs.push({code: "SID_FIXED", message: `changed Sid "${statement.Sid}" to "${sid}": Sids must be unique`, path: childPath(path, "Sid")});
            statement.Sid = sid;
        }
        used.add(sid);
    }
}

/** Merges statements that have the same Effect, resources and conditions (and compatible Sids) into the first of them. */
function mergeStatements(working: WorkingStatement[], repairs: Repair[]): WorkingStatement[] {
    const merged: WorkingStatement[] = [];
    const byShape = new Map<string, WorkingStatement>();
    for (const item of working) {
        const {statement} = item;
        const shape = Array.isArray(statement.Action) && Object.keys(statement).every((key) => STATEMENT_KEYS.includes(key))
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
    const result: ConditionBlock = {};
    for (const operator of Object.keys(condition).sort(compareText)) {
        const block = condition[operator];
        if (!isRecord(block)) {
            result[operator] = block as ConditionBlock[string];
            continue;
        }
        const keys: Record<string, ConditionValue | ConditionValue[]> = {};
        for (const key of Object.keys(block).sort(compareText)) {
            const value = block[key] as ConditionValue | ConditionValue[];
            keys[key] = Array.isArray(value) ? collapse(sortedUnique(value)) : value;
        }
        result[operator] = keys;
    }
    return result;
}

function orderStatement(statement: PolicyStatement): PolicyStatement {
    const ordered: Record<string, unknown> = {};
    for (const key of [...STATEMENT_KEYS, ...Object.keys(statement).filter((key) => !STATEMENT_KEYS.includes(key))]) {
        const value = (statement as unknown as Record<string, unknown>)[key];
        if (value !== undefined)
            ordered[key] = Array.isArray(value) && key !== "Condition" ? collapse(value) : value;
    }
    return ordered as unknown as PolicyStatement;
}

function orderDocument(policy: PolicyDocument): PolicyDocument {
    const {Version, Id, Statement, ...rest} = policy;
    return {...(Version !== undefined ? {Version} : {}), ...(Id !== undefined ? {Id} : {}), Statement, ...rest};
}

function toList<T>(value: T | T[] | undefined): T[] {
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function collapse<T>(values: T[]): T | T[] {
    return values.length === 1 ? values[0]! : values;
}

function sortedUnique<T>(values: T[]): T[] {
    const seen = new Set<string>();
    return values.filter((value) => {
        const key = JSON.stringify(value);
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    }).sort((a, b) => compareText(String(a), String(b)));
}

function uniqueIgnoringCase(values: string[]): string[] {
    const seen = new Set<string>();
    return values.filter((value) => {
        const key = value.toLowerCase();
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}

function compareText(a: string, b: string) {
    return a < b ? -1 : a > b ? 1 : 0;
}
