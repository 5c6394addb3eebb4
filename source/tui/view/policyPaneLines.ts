import chalk from "chalk";
import {partSizes} from "../../packing/index.js";
import type {SessionState} from "../state/sessionState.js";
import {packedParts} from "../../generator/turnExtras.js";
import {highlightJson} from "./highlightJson.js";
import {scrollWindow} from "./layout.js";
import {wrapIndented, wrapParts, wrapText} from "./wrapText.js";

export interface PolicyPaneView {
    /** The header's parts, joined by " · " and wrapped at the pane's width. */
    titleParts: string[];
    /** What the user must read, under the header: caveats, managed-policy notes, why nothing was granted. */
    notes: string[];
    /** Every line of the highlighted text; the pane shows a window of them. */
    lines: string[];
    streaming: boolean;
}

/** The pane as lines: the wrapped header and notes, then the window of the body that fits under them. */
export interface PaneLayout {
    header: string[];
    body: string[];
    /** Lines the body window has, what PgUp/PgDn page by. */
    bodyHeight: number;
    /** The body's lines once wrapped, all of them. */
    total: number;
}

const WELCOME = [
    "Describe what a role or user needs, for example:",
    "",
    "  Allow a Lambda function to read from DynamoDB table users",
    "  and write logs to CloudWatch",
    "",
    "Then refine it: \"also allow deleting items\", \"restrict it to",
    "us-east-1\", \"require MFA\". /help lists the commands."
];

/** What the policy pane shows: the stream in progress, else the shown result, else how to start. */
export function policyPaneView(state: SessionState): PolicyPaneView {
    const {pending, shown, revisions, revision} = state;
    if (pending != null) {
        const tokens = pending.text.length > 0 ? [] : [chalk.dim("waiting for the first token")];
        return {titleParts: [`${chalk.bold("Policy")} ${chalk.yellow("● generating")}`, ...tokens], notes: [], lines: highlightJson(pending.text).split("\n"), streaming: true};
    }
    if (shown == null)
        return {titleParts: [chalk.bold("Policy")], notes: [], lines: WELCOME.map((line) => chalk.dim(line)), streaming: false};
    const parts = [chalk.bold("Policy")];
    if (shown.policy != null && revisions[revision] === shown)
        parts.push(chalk.dim(`revision ${revision + 1}/${revisions.length}`));
    if (shown.aborted)
        parts.push(chalk.red("■ aborted: kept what streamed"));
    if (shown.truncated)
        parts.push(chalk.red("■ truncated"));
    // Over a managed policy's limit but packed into several that fit: valid as those policies, which /save writes.
    const packed = packedParts(shown);
    if (shown.check != null)
        parts.push(shown.check.valid || packed != null ? chalk.green("✔ valid") : chalk.red("✖ not valid"));
    if (packed != null)
        parts.push(chalk.cyan(`${packed.length} policies (${partSizes(packed)})`));
    if (shown.changeSummary != null)
        parts.push(chalk.cyan(shown.changeSummary));
    const empty = shown.policy == null && shown.text === "";
    const message = shown.message ?? (empty ? "Nothing was generated." : undefined);
    return {titleParts: parts, notes: message == null ? [] : [message], lines: empty ? [] : highlightJson(shown.text).split("\n"), streaming: false};
}

/**
 * Lays the pane out in `height` lines of `width` columns: the header and the notes wrapped (the notes
 * take at most a third of the pane when there is a body to show), the body's window under them.
 */
export function paneLayout(view: PolicyPaneView, paneWidth: number, height: number, scroll: number | null): PaneLayout {
    // One column of margin: text never touches the side panel's rule.
    const width = Math.max(1, paneWidth - 1);
    // A long ARN is wrapped, not cut: its end is often what matters. Continuations sit deeper than any child line.
    const lines = view.lines.flatMap((line) => wrapIndented(line, width, 4));
    const noteLines = view.notes.flatMap((note) => wrapText(chalk.yellow(note), width, 2));
    const header = (range: string) => wrapParts([...view.titleParts, ...range === "" ? [] : [chalk.dim(range)]], width, 2);
    const maxNotes = lines.length === 0 ? height : Math.max(2, Math.floor(height / 3));
    const notes = noteLines.length <= maxNotes ? noteLines : [...noteLines.slice(0, maxNotes - 1), chalk.dim("  … (the rest is above, in the transcript)")];
    // The range ("lines 1–11 of 39") is part of the header, whose height decides the range: settle the two
    // (a shorter range can wrap into fewer header lines and leave room for one more body line).
    let title = header("");
    let bodyHeight = Math.max(0, height - title.length - notes.length);
    let first = 0;
    for (let attempt = 0; attempt < 3 && lines.length > bodyHeight; attempt++) {
        first = scrollWindow(lines.length, bodyHeight, scroll, view.streaming).first;
        title = header(`lines ${first + 1}–${Math.min(lines.length, first + bodyHeight)} of ${lines.length}`);
        const fits = Math.max(0, height - title.length - notes.length);
        if (fits === bodyHeight)
            break;
        bodyHeight = fits;
    }
    bodyHeight = Math.min(bodyHeight, Math.max(0, height - title.length - notes.length));
    return {header: [...title, ...notes].slice(0, height), body: lines.slice(first, first + bodyHeight), bodyHeight, total: lines.length};
}
