import type {Catalog} from "../../catalog/index.js";
import type {AccessLevel} from "../../catalog/types.js";
import type {ConditionValue, PolicyDocument, PolicyStatement} from "../../policy/types.js";
import type {Effect} from "../../retrieval/types.js";
import {toConditionBlock, type ConditionEntry} from "./conditions.js";
import {statementSid} from "./statementSid.js";
import {policyStatements} from "../../policy/statements.js";

/**
 * One action (or pattern such as `s3:*`) with its effect, resources and conditions: the unit the
 * composer produces and refinement edits, before grants are grouped into statements.
 */
export interface Grant {
    effect: Effect;
    action: string;
    resources: string[];
    conditions: ConditionEntry[];
}

/** A statement that does not fit the grant model (NotAction, NotResource): kept as written. */
export interface OpaqueStatement {
    statement: PolicyStatement;
}

export interface PolicyPlan {
    grants: Grant[];
    opaque: OpaqueStatement[];
}

function list(value: string | string[] | undefined): string[] {
    return value == null ? [] : Array.isArray(value) ? value : [value];
}

function conditionEntries(statement: PolicyStatement): ConditionEntry[] {
    const entries: ConditionEntry[] = [];
    for (const [operator, keys] of Object.entries(statement.Condition ?? {}))
        for (const [key, value] of Object.entries(keys))
            entries.push({operator, key, values: (Array.isArray(value) ? value : [value]).map((item: ConditionValue) => String(item))});
    return entries;
}

/** Reads a policy back into grants; statements with NotAction or NotResource stay whole. */
export function planOfPolicy(policy: PolicyDocument): PolicyPlan {
    const statements = policyStatements(policy);
    const plan: PolicyPlan = {grants: [], opaque: []};
    for (const statement of statements) {
        if (statement.NotAction != null || statement.NotResource != null || statement.Action == null) {
            plan.opaque.push({statement});
            continue;
        }
        const conditions = conditionEntries(statement);
        for (const action of list(statement.Action))
            plan.grants.push({effect: statement.Effect, action, resources: list(statement.Resource), conditions});
    }
    return plan;
}

function conditionSignature(entries: readonly ConditionEntry[]) {
    return JSON.stringify([...entries].map((entry) => [entry.operator, entry.key, [...entry.values].sort()]).sort());
}

export function grantKey(grant: Grant) {
    return `${grant.effect}|${grant.action.toLowerCase()}|${[...grant.resources].sort().join(",")}|${conditionSignature(grant.conditions)}`;
}

export function serviceOf(action: string) {
    return action.slice(0, action.indexOf(":")).toLowerCase();
}

function levelOf(catalog: Catalog, action: string): AccessLevel | "Full" {
    const entry = catalog.action(action);
    if (entry != null)
        return entry.accessLevels[0]!;
    const expanded = catalog.expand(action);
    if (action.endsWith(":*"))
        return "Full";
    return expanded[0]?.accessLevels[0] ?? "Full";
}

/**
 * The Sid of a statement of these actions (see statementSid), with their services and access levels;
 * `except`: the resources are its NotResource.
 */
export function sidOfActions(
    catalog: Catalog, statement: {effect: Effect; actions: readonly string[]; resources: string[]; conditions: readonly ConditionEntry[]; except?: boolean}, used: Set<string>
): string {
    const services = [...new Set(statement.actions.map(serviceOf))];
    const levels = new Set(statement.actions.map((action) => levelOf(catalog, action)));
    return statementSid({...statement, services, levels}, used);
}

/**
 * Groups grants into statements, one per (effect, resource scope, condition set), Allows first,
 * each with a Sid that says what it is for. Duplicate grants collapse into one.
 */
export function policyOfPlan(plan: PolicyPlan, catalog: Catalog): PolicyDocument | null {
    interface Draft {effect: Effect; resources: string[]; conditions: ConditionEntry[]; actions: string[]}
    const drafts = new Map<string, Draft>();
    for (const grant of plan.grants) {
        const resources = [...new Set(grant.resources)].sort();
        const key = `${grant.effect}|${resources.join(",")}|${conditionSignature(grant.conditions)}`;
        let draft = drafts.get(key);
        if (draft == null) {
            draft = {effect: grant.effect, resources, conditions: grant.conditions, actions: []};
            drafts.set(key, draft);
        }
        if (!draft.actions.some((action) => action.toLowerCase() === grant.action.toLowerCase()))
            draft.actions.push(grant.action);
    }
    if (drafts.size === 0 && plan.opaque.length === 0)
        return null;

    const usedSids = new Set(plan.opaque.map(({statement}) => statement.Sid).filter((sid) => sid != null));
    const statements: PolicyStatement[] = [...drafts.values()]
        .sort((a, b) => (a.effect === b.effect ? 0 : a.effect === "Allow" ? -1 : 1))
        .map((draft) => {
            const condition = toConditionBlock(draft.conditions);
            const actions = [...draft.actions].sort();
            return {
                Sid: sidOfActions(catalog, {effect: draft.effect, actions: draft.actions, resources: draft.resources, conditions: draft.conditions}, usedSids),
                Effect: draft.effect,
                Action: actions.length === 1 ? actions[0]! : actions,
                Resource: draft.resources.length === 1 ? draft.resources[0]! : draft.resources,
                ...(condition != null ? {Condition: condition} : {})
            };
        });
    return {Version: "2012-10-17", Statement: [...statements, ...plan.opaque.map(({statement}) => statement)]};
}
