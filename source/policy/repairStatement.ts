import {type CatalogAction} from "../catalog/types.js";
import {suggestArn} from "./arnSuggestion.js";
import {type CatalogLookups} from "./CatalogLookups.js";
import {childPath} from "./jsonPath.js";
import {isStringList, objectFrom, sortedUnique, toList} from "./lists.js";
import {isRecord} from "./PolicyView.js";
import {type ConditionBlock, type PolicyDocument, type PolicyStatement, type Repair} from "./types.js";

/** A statement being normalised, with where it came from for the repair messages. */
export interface WorkingStatement {
    path: string;
    statement: PolicyStatement;
}

/**
 * The corrections whose meaning is not in doubt: Effect's letter case, and misspelt action names with
 * one close catalog name (`s3:GetObjct` → `s3:GetObject`). Never in a Deny's NotAction: there the
 * misspelt name excludes nothing, the Deny covers every action, and the correction would deny less.
 */
export function correctStatement(statement: PolicyStatement, path: string, lookups: CatalogLookups, repairs: Repair[]) {
    const effect = statement.Effect as unknown;
    if (typeof effect === "string" && effect !== "Allow" && effect !== "Deny" && /^(allow|deny)$/i.test(effect)) {
        statement.Effect = effect.toLowerCase() === "allow" ? "Allow" : "Deny";
        repairs.push({code: "EFFECT_CASE", message: `wrote Effect "${effect}" as "${statement.Effect}"`, path: childPath(path, "Effect")});
    }
    for (const field of ["Action", "NotAction"] as const) {
        const value = statement[field];
        if (value === undefined || (field === "NotAction" && statement.Effect === "Deny"))
            continue;
        const corrected = toList(value).map((item, index) => {
            const fix = typeof item === "string" ? lookups.spellingFix(item) : undefined;
            if (fix == null)
                return item;
            repairs.push({code: "ACTION_SPELLING_FIXED", message: `wrote "${fix}" for "${item}", the one catalog name close to it`, path: Array.isArray(value) ? childPath(childPath(path, field), index) : childPath(path, field)});
            return fix;
        });
        statement[field] = Array.isArray(value) ? corrected : corrected[0];
    }
}

/** The policy with correctStatement applied to each statement, and nothing else changed: what a repair is compared with. */
export function correctPolicy(policy: PolicyDocument, lookups: CatalogLookups): PolicyDocument {
    const correct = (raw: unknown, path: string) => {
        if (!isRecord(raw))
            return raw;
        const statement = {...raw} as unknown as PolicyStatement;
        correctStatement(statement, path, lookups, []);
        return statement;
    };
    const statements = Array.isArray(policy.Statement) ? policy.Statement.map((raw, index) => correct(raw, `$.Statement[${index}]`)) : correct(policy.Statement, "$.Statement");
    return {...policy, Statement: statements as PolicyDocument["Statement"]};
}

/** Sids may hold only letters and digits. */
export function repairSidCharacters(statement: PolicyStatement, path: string, repairs: Repair[]) {
    if (typeof statement.Sid !== "string" || /^[A-Za-z0-9]*$/.test(statement.Sid))
        return;
    const sid = statement.Sid.replace(/[^A-Za-z0-9]/g, "");
    repairs.push({code: "SID_FIXED", message: `changed Sid "${statement.Sid}" to "${sid}": letters and digits only`, path: childPath(path, "Sid")});
    statement.Sid = sid;
}

/** Sids must be unique in a policy: later duplicates get a number. */
export function makeSidsUnique(working: WorkingStatement[], repairs: Repair[]) {
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

/** Above this many expanded actions a statement is too broad to repair ARN by ARN. */
const MAX_REPAIRED_ACTIONS = 2000;

/**
 * ARNs one level off for the statement's actions, the checker's RESOURCE_TYPE_MISMATCH suggestion
 * applied: an action with no ARN of its type gets the one derived from an ARN of the statement
 * (`s3:GetObject` on `arn:aws:s3:::reports` gets `arn:aws:s3:::reports/*`), and an ARN that none of
 * the actions works on goes once its derived ARN is in. A draft's repair: it can grant more.
 */
export function repairResourceLevels({statement, path}: WorkingStatement, lookups: CatalogLookups, repairs: Repair[]) {
    if (!isStringList(statement.Action) || !isStringList(statement.Resource) || statement.Resource.includes("*"))
        return;
    const actions = statement.Action.flatMap((action) => action === "*" ? [] : lookups.expand(action));
    if (actions.length === 0 || actions.length > MAX_REPAIRED_ACTIONS)
        return;
    const typeIds = new Map(actions.map((action) => [action, lookups.resourceTypeIds(action)]));
    const arns = statement.Resource.filter((arn) => lookups.arnProblem(arn) == null);
    const typesOf = new Map(arns.map((arn) => [arn, lookups.resourceTypesOfArn(arn)]));
    const worksOn = (action: CatalogAction, arn: string) => typeIds.get(action)!.some((id) => typesOf.get(arn)?.has(id) === true);
    const existing = new Set(statement.Resource);
    const derived = new Map<string, string>();
    for (const action of actions) {
        const ids = typeIds.get(action)!;
        if (ids.length === 0 || arns.some((arn) => worksOn(action, arn)))
            continue;
        for (const arn of arns) {
            const fix = suggestArn(arn, typesOf.get(arn)!, new Set(ids), lookups);
            if (fix != null && !existing.has(fix) && !derived.has(fix))
                derived.set(fix, arn);
        }
    }
    if (derived.size === 0)
        return;
    const sources = new Set(derived.values());
    const dropped = new Set(arns.filter((arn) => sources.has(arn) && !actions.some((action) => worksOn(action, arn))));
    statement.Resource = sortedUnique([...statement.Resource.filter((arn) => !dropped.has(arn)), ...derived.keys()]);
    for (const [fix, from] of derived)
        repairs.push({
            code: "RESOURCE_LEVEL_FIXED",
            message: dropped.has(from)
                ? `replaced "${from}" with "${fix}", the resource type its actions work on`
                : `added "${fix}" beside "${from}": some of its actions work on that resource type`,
            path: childPath(path, "Resource")
        });
}

/**
 * Moves actions that accept only `"*"` out of a statement with specific ARNs, into a statement of
 * their own on `"*"`. A draft's repair: it can grant more.
 */
export function splitStarOnlyActions(working: WorkingStatement, lookups: CatalogLookups, repairs: Repair[]): WorkingStatement[] {
    const {statement, path} = working;
    if (!isStringList(statement.Action) || !isStringList(statement.Resource) || statement.Resource.includes("*"))
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
    if (!isRecord(condition))
        return undefined;
    const blocks = Object.entries(condition).flatMap(([operator, block]) => {
        if (!isRecord(block))
            return [];
        const kept = Object.entries(block).filter(([key]) => {
            const definition = lookups.conditionKey(key);
            return definition == null || lookups.isGlobalKey(definition) || actions.some((action) => lookups.keysOfAction(action).has(definition.key.toLowerCase()));
        });
        return kept.length > 0 ? [[operator, objectFrom(kept)] as const] : [];
    });
    return blocks.length > 0 ? objectFrom(blocks) as ConditionBlock : undefined;
}
