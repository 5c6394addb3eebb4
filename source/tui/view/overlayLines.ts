import chalk from "chalk";
import type {TranscriptEntry} from "../state/sessionState.js";
import {compareLines} from "./compareLines.js";
import {plainText, wrapText} from "./wrapText.js";

/** A command's output as the lines the main area shows in place of the policy, wrapped at `columns`. */
export function overlayLines(entry: TranscriptEntry | undefined, columns: number): string[] {
    if (entry?.kind === "block") {
        const lines = [...entry.title === "" ? [] : [chalk.bold.underline(entry.title)], ...entry.text.split("\n")];
        return lines.flatMap((line) => wrapText(line, columns, continuationIndent(line, columns)));
    }
    if (entry?.kind === "compare")
        return compareLines(entry.withRag, entry.withoutRag, columns);
    return [];
}

/**
 * Where a wrapped line goes on: under the second column of a two-column table line ("/save [path]  write
 * the…", "●  3  request"), found as its last gap of two or more spaces in the first half; else a little
 * deeper than the line's own indentation.
 */
function continuationIndent(line: string, columns: number) {
    const plain = plainText(line);
    const columnStarts = [...plain.matchAll(/\S {2,}(?=\S)/g)].map((gap) => gap.index + gap[0].length).filter((start) => start <= columns / 2);
    return columnStarts.at(-1) ?? /^ */.exec(plain)![0].length + 2;
}
