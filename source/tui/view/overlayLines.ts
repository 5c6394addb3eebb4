import chalk from "chalk";
import type {TranscriptEntry} from "../state/sessionState.js";
import {compareLines} from "./compareLines.js";

/** A command's output as the lines the main area shows in place of the policy. */
export function overlayLines(entry: TranscriptEntry | undefined, columns: number): string[] {
    if (entry?.kind === "block")
        return [...entry.title === "" ? [] : [chalk.bold.underline(entry.title)], ...entry.text.split("\n")];
    if (entry?.kind === "compare")
        return compareLines(entry.withRag, entry.withoutRag, columns);
    return [];
}
