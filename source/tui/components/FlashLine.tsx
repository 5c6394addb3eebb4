import {Text} from "ink";
import {terminalText} from "../../text/printable.js";
import type {NoticeLevel, SessionState} from "../state/sessionState.js";

const LEVEL_COLOR: Record<NoticeLevel, string> = {info: "blue", success: "green", warning: "yellow", error: "red"};

/** One line under the panes: engine load progress, the generation's progress, or the latest notice. */
export function FlashLine({state, columns}: {state: SessionState; columns: number}) {
    if (state.loading != null)
        return <ProgressLine label={state.loading.label} progress={state.loading.progress} columns={columns}/>;
    if (state.pending != null) {
        const queued = state.queue.length > 0 ? ` · ${state.queue.length} queued` : "";
        return <Text color="yellow" wrap="truncate-end">{`● generating (${state.pending.text.length} characters so far${queued}) · Esc stops`}</Text>;
    }
    if (state.busy != null)
        return <Text color="yellow" wrap="truncate-end">{`● ${state.busy}…`}</Text>;
    if (state.flash != null)
        return <Text color={LEVEL_COLOR[state.flash.level]} wrap="truncate-end">{terminalText(state.flash.text.replace(/\s+/g, " "))}</Text>;
    return <Text> </Text>;
}

export function ProgressLine({label, progress, columns}: {label: string; progress?: number; columns: number}) {
    if (progress == null)
        return <Text color="yellow" wrap="truncate-end">{`● ${terminalText(label)}…`}</Text>;
    const percent = `${Math.round(progress * 100)}%`.padStart(4);
    const barWidth = Math.max(10, Math.min(40, columns - label.length - 10));
    const filled = Math.round(Math.max(0, Math.min(1, progress)) * barWidth);
    return (
        <Text wrap="truncate-end">
            <Text color="yellow">{`${terminalText(label)} `}</Text>
            <Text color="green">{"█".repeat(filled)}</Text>
            <Text dimColor>{"░".repeat(barWidth - filled)}</Text>
            {` ${percent}`}
        </Text>
    );
}
