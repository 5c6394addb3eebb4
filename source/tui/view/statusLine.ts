import {describeProbe, verificationSummary} from "../../verification/index.js";
import {currentRevision, type SessionState} from "../state/sessionState.js";
import {wrapText} from "./wrapText.js";

/** `iam-gen · catalog engine · no model · CPU · RAG on · TTFT 120 ms · 35.2 tok/s`, as plain text. */
export function statusLineText(state: SessionState): string {
    return statusLineParts(state).join(" · ");
}

/** The status line's parts, most important first, so that a narrow terminal can leave out the last ones. */
export function statusLineParts(state: SessionState): string[] {
    const parts = ["iam-gen"];
    if (state.engine == null)
        // Retrieval's setting is not known before the settings are read: say nothing rather than flip.
        return [...parts, state.loading != null ? "starting" : "no engine"];
    else {
        parts.push(`${state.engine.name} engine`);
        parts.push(state.engine.model ?? "no model");
        if (state.engine.device != null)
            parts.push(state.engine.device);
    }
    parts.push(`RAG ${state.rag ? "on" : "off"}`);
    const last = [...state.transcript].reverse().find((entry) => entry.kind === "turn");
    if (last?.kind === "turn") {
        const {timings} = last.result;
        if (timings.timeToFirstTokenMs != null)
            parts.push(`TTFT ${formatMs(timings.timeToFirstTokenMs)}`);
        if (timings.tokensPerSecond != null)
            parts.push(`${timings.tokensPerSecond.toFixed(1)} tok/s`);
        parts.push(`last ${formatMs(timings.totalMs)}`);
    }
    return parts;
}

/**
 * The shown policy's verification, at most `width` columns: `verified 7/7`, or the count and the
 * first failing probe (`failing` tells the status line to show it in red).
 */
export function statusLineVerification(state: SessionState, width: number): {text: string; failing: boolean} | undefined {
    const verification = (state.shown ?? currentRevision(state))?.verification;
    if (verification == null)
        return undefined;
    const failing = verification.failed.length > 0;
    const more = verification.failed.length > 1 ? ` (+${verification.failed.length - 1} more)` : "";
    const text = failing ? `${verificationSummary(verification)}: ${describeProbe(verification.failed[0]!)}${more}` : verificationSummary(verification);
    const [first = "", ...rest] = wrapText(text, Math.max(width - 1, 1));
    return {text: rest.length > 0 ? `${first}…` : first, failing};
}

export function formatMs(ms: number) {
    return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
