import {loadManagedPolicies, type ManagedPolicy} from "../managed/index.js";
import type {RetrievalContext} from "../retrieval/types.js";
import type {PolicyExample} from "./prompt.js";
import {policyStatements} from "../policy/statements.js";

/** Longer documents cost more prompt tokens than they teach. */
const MAX_EXAMPLE_CHARS = 1_200;
/** An example must share at least this many actions with the candidates to be about the same thing. */
const MIN_SHARED_ACTIONS = 2;

interface IndexedPolicy {
    policy: ManagedPolicy;
    actionCount: number;
}

let index: {policies: IndexedPolicy[]; byAction: Map<string, number[]>} | undefined;

/** Short managed policies, indexed by the (lower-case) actions they name. */
function managedIndex() {
    if (index != null)
        return index;
    const policies: IndexedPolicy[] = [];
    const byAction = new Map<string, number[]>();
    for (const policy of loadManagedPolicies()) {
        if (JSON.stringify(policy.document).length > MAX_EXAMPLE_CHARS)
            continue;
        const statements = policyStatements(policy.document);
        const actions = new Set(statements.flatMap((statement) => [statement.Action ?? []].flat().map((action) => action.toLowerCase())));
        if (actions.size === 0)
            continue;
        const position = policies.push({policy, actionCount: actions.size}) - 1;
        for (const action of actions) {
            const list = byAction.get(action) ?? [];
            list.push(position);
            byAction.set(action, list);
        }
    }
    index = {policies, byAction};
    return index;
}

/**
 * The AWS managed policies closest to the retrieval's candidate actions (Jaccard overlap of their
 * action lists), as examples of how AWS itself writes such a policy.
 */
export function similarManagedPolicies(context: RetrievalContext, count: number): PolicyExample[] {
    if (count <= 0 || context.candidates.length === 0)
        return [];
    const {policies, byAction} = managedIndex();
    const candidates = new Set(context.candidates.map((candidate) => candidate.action.toLowerCase()));
    const shared = new Map<number, number>();
    for (const action of candidates) {
        for (const position of byAction.get(action) ?? [])
            shared.set(position, (shared.get(position) ?? 0) + 1);
    }
    return [...shared]
        .filter(([, overlap]) => overlap >= MIN_SHARED_ACTIONS)
        .map(([position, overlap]) => ({entry: policies[position]!, score: overlap / (policies[position]!.actionCount + candidates.size - overlap)}))
        .sort((a, b) => b.score - a.score || (a.entry.policy.name < b.entry.policy.name ? -1 : 1))
        .slice(0, count)
        .map(({entry}) => ({name: entry.policy.name, document: entry.policy.document}));
}
