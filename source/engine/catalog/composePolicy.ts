import type {Catalog} from "../../catalog/index.js";
import type {AccessLevel} from "../../catalog/types.js";
import type {PolicyDocument, PolicyStatement} from "../../policy/types.js";
import type {Effect, RetrievalContext} from "../../retrieval/types.js";
import {conditionSetsFor, toConditionBlock, type ConditionEntry} from "./conditions.js";
import {scopeForAction, scopeForServiceWildcard, scopeHints} from "./resourceScope.js";
import {selectActions} from "./selectActions.js";
import {statementSid} from "./statementSid.js";

interface StatementDraft {
    effect: Effect;
    resources: string[];
    conditions: ConditionEntry[];
    actions: string[];
    levels: Set<AccessLevel | "Full">;
    services: string[];
}

function conditionKey(entries: readonly ConditionEntry[]) {
    return JSON.stringify([...entries].map((entry) => [entry.operator, entry.key, [...entry.values].sort()]).sort());
}

/**
 * Turns a retrieval result into a least-privilege policy: one statement per effect, resource
 * scope and condition set, so that actions on the named resources get their ARNs, actions that
 * accept only `"*"` get their own statement, and conditions go only where IAM evaluates their
 * keys. Returns null when the request names nothing to grant.
 */
export function composePolicy(context: RetrievalContext, catalog: Catalog): PolicyDocument | null {
    const hints = scopeHints(context.resources, context.conditions);
    const drafts = new Map<string, StatementDraft>();
    const add = (effect: Effect, service: string, action: string, resources: string[], conditions: ConditionEntry[], level: AccessLevel | "Full") => {
        const key = `${effect}|${[...resources].sort().join(",")}|${conditionKey(conditions)}`;
        let draft = drafts.get(key);
        if (draft == null) {
            draft = {effect, resources: [...resources].sort(), conditions, actions: [], levels: new Set(), services: []};
            drafts.set(key, draft);
        }
        if (!draft.actions.includes(action))
            draft.actions.push(action);
        if (!draft.services.includes(service))
            draft.services.push(service);
        draft.levels.add(level);
    };

    for (const selection of selectActions(context, catalog)) {
        for (const name of selection.actions) {
            const action = selection.fullAccess ? undefined : catalog.action(name);
            const scope = action == null
                ? {resources: scopeForServiceWildcard(catalog, selection.service, hints), conditions: []}
                : scopeForAction(catalog, action, hints, context.partition);
            const level = action == null ? "Full" : action.accessLevels[0]!;
            for (const conditions of conditionSetsFor(catalog, action, selection.effect, context.conditions))
                add(selection.effect, selection.service, name, scope.resources, [...scope.conditions, ...conditions], level);
        }
    }
    if (drafts.size === 0)
        return null;

    const usedSids = new Set<string>();
    const statements: PolicyStatement[] = [...drafts.values()]
        // Allows first, then Denies; within each, the order in which the request named things.
        .sort((a, b) => (a.effect === b.effect ? 0 : a.effect === "Allow" ? -1 : 1))
        .map((draft) => {
            const condition = toConditionBlock(draft.conditions);
            return {
                Sid: statementSid(draft, usedSids),
                Effect: draft.effect,
                Action: draft.actions.length === 1 ? draft.actions[0]! : [...draft.actions].sort(),
                Resource: draft.resources.length === 1 ? draft.resources[0]! : draft.resources,
                ...(condition != null ? {Condition: condition} : {})
            };
        });
    return {Version: "2012-10-17", Statement: statements};
}
