// eslint-disable-next-line no-control-regex
const ESCAPE = /\u001b\[[0-9;]*m/y;
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\[[0-9;]*m/g;
const RESET = "\u001b[0m";

/**
 * Breaks `text` into lines of at most `width` columns: at spaces where it can, inside a word only when
 * the word is longer than a line. Continuation lines start with `indent` spaces. Colour escapes count no
 * columns and carry over a break, so that each line renders alone (Ink draws every line separately).
 */
export function wrapText(text: string, width: number, indent = 0): string[] {
    return text.split("\n").flatMap((line) => wrapLine(line, Math.max(1, width), Math.max(0, Math.min(indent, width - 1))));
}

/**
 * `parts` joined by `separator` in lines of at most `width` columns, broken between parts: a part that
 * does not fit on the current line starts the next; only a part longer than a line is wrapped itself.
 */
export function wrapParts(parts: string[], width: number, indent = 0, separator = " · "): string[] {
    const room = Math.max(1, width - indent);
    const lines: string[] = [];
    let line = "";
    for (const part of parts) {
        const joined = line === "" ? part : `${line}${separator}${part}`;
        if (textWidth(joined) <= (lines.length === 0 ? width : room)) {
            line = joined;
            continue;
        }
        if (line !== "")
            lines.push(line);
        const wrapped = wrapText(part, room);
        lines.push(...wrapped.slice(0, -1));
        line = wrapped.at(-1)!;
    }
    lines.push(line);
    return lines.map((text, index) => index === 0 ? text : " ".repeat(indent) + text);
}

/** `parts` joined by " · ", leaving out the last ones rather than cutting one in half. */
export function fitParts(parts: string[], width: number) {
    for (let count = parts.length; count > 1; count--) {
        const text = parts.slice(0, count).join(" · ");
        if (textWidth(text) <= width)
            return text;
    }
    return parts[0] ?? "";
}

/** `text` without its colour escapes. */
export function plainText(text: string) {
    return text.replace(ESCAPES, "");
}

/** A line wrapped with its continuations `extra` columns deeper than the line's own indentation. */
export function wrapIndented(line: string, width: number, extra: number): string[] {
    return wrapText(line, width, /^ */.exec(plainText(line))![0].length + extra);
}

/** Columns of `text` on a terminal, escapes not counted. */
export function textWidth(text: string) {
    let width = 0;
    for (const cell of cells(text))
        width += cell.width;
    return width;
}

interface Cell {
    /** Colour escapes just before the character. */
    escapes: string;
    character: string;
    width: number;
}

function wrapLine(line: string, width: number, indent: number): string[] {
    const rows: Cell[][] = [];
    let row: Cell[] = [];
    let used = 0;
    for (const cell of cells(line)) {
        const room = width - (rows.length === 0 ? 0 : indent);
        if (used + cell.width > room && row.length > 0) {
            // Break at the last space of the row (dropping it), else inside the word that does not fit.
            const space = cell.character === " " ? row.length : row.findLastIndex((candidate) => candidate.character === " ");
            const breakAt = space > 0 ? space : row.length;
            rows.push(row.slice(0, breakAt));
            row = row.slice(breakAt);
            if (row[0]?.character === " ")
                row[0] = {...row[0], character: "", width: 0};
            used = row.reduce((sum, candidate) => sum + candidate.width, 0);
            if (cell.character === " ") {
                row.push({...cell, character: "", width: 0});
                continue;
            }
        }
        row.push(cell);
        used += cell.width;
    }
    rows.push(row);
    return renderRows(rows, indent);
}

/** Each row with the colours in force where it starts, reset at its end, and no trailing spaces. */
function renderRows(rows: Cell[][], indent: number): string[] {
    let styles = "";
    return rows.map((row, index) => {
        const prefix = index === 0 ? "" : " ".repeat(indent) + styles;
        const text = row.map((cell) => cell.escapes + cell.character).join("");
        styles += row.map((cell) => cell.escapes).join("");
        return (prefix + text).replace(/ +((?:\u001b\[[0-9;]*m)*)$/, "$1") + (styles !== "" && index < rows.length - 1 ? RESET : "");
    });
}

function* cells(text: string): Generator<Cell> {
    let escapes = "";
    let index = 0;
    while (index < text.length) {
        ESCAPE.lastIndex = index;
        const escape = ESCAPE.exec(text);
        if (escape != null) {
            escapes += escape[0];
            index += escape[0].length;
            continue;
        }
        const character = String.fromCodePoint(text.codePointAt(index)!);
        index += character.length;
        yield {escapes, character, width: characterWidth(character)};
        escapes = "";
    }
    if (escapes !== "")
        yield {escapes, character: "", width: 0};
}

/** 2 for wide East Asian characters and emoji, 0 for combining marks, else 1: close enough for a terminal. */
function characterWidth(character: string) {
    const code = character.codePointAt(0)!;
    if (/\p{Mn}|\p{Me}|\p{Cf}/u.test(character))
        return 0;
    const wide = (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3)
        || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60)
        || (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x1f300 && code <= 0x1faff) || (code >= 0x20000 && code <= 0x3fffd);
    return wide ? 2 : 1;
}
