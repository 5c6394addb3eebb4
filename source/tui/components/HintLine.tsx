import {Text} from "ink";
import {terminalText} from "../../text/printable.js";
import type {SessionState} from "../state/sessionState.js";
import {fitParts} from "../view/wrapText.js";

/** The keys that matter now, as many as the width holds, the most useful first. */
export function HintLine({state, interruptArmed, columns}: {state: SessionState; interruptArmed: boolean; columns: number}) {
    if (state.confirm != null)
        return <Text color="yellow" bold wrap="truncate-end">{terminalText(state.confirm)}</Text>;
    if (interruptArmed)
        return <Text color="yellow" wrap="truncate-end">press Ctrl+C again to quit</Text>;
    const hints = state.pending != null
        ? ["Esc stop", "what you type now runs when the turn ends"]
        : state.overlay != null
            ? ["Esc back to the policy", "PgUp/PgDn scroll", "/help"]
            : ["Enter send", "↑↓ history", "PgUp/PgDn scroll", "Ctrl+S save", "/help", "Ctrl+C twice quits"];
    return <Text dimColor wrap="truncate-end">{fitParts(hints, columns)}</Text>;
}
