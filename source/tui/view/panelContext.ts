import type {RetrievalContext} from "../../retrieval/types.js";
import type {SessionState} from "../state/sessionState.js";

/**
 * The retrieval context the side panel shows. A follow-up ("restrict it to us-east-1") names no service
 * of its own: the panel keeps the conversation's services and actions and adds the follow-up's conditions.
 */
export function panelContext(state: SessionState): RetrievalContext | null {
    const latest = state.pending != null ? state.pending.context : state.shown?.context ?? null;
    if (latest == null || latest.services.length > 0)
        return latest;
    const base = state.revisions.slice(0, state.revision + 1).reverse().find((result) => (result.context?.services.length ?? 0) > 0)?.context;
    return base == null ? latest : {...base, conditions: [...base.conditions, ...latest.conditions]};
}
