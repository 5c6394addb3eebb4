import type {Key} from "ink";
import type {TextBufferAction} from "./textBuffer.js";

/** What one keypress (or one burst of pasted text) asks the assistant to do. */
export type KeyIntent =
    | {type: "edit"; action: TextBufferAction}
    | {type: "submit"}
    | {type: "abort"}
    | {type: "interrupt"}
    | {type: "save"}
    | {type: "redraw"}
    | {type: "historyPrevious"}
    | {type: "historyNext"}
    | {type: "scroll"; pages: number}
    | {type: "pasteStart"}
    | {type: "pasteEnd"};

// Bracketed paste markers as Ink delivers them (the leading ESC stripped).
const PASTE_START = "[200~";
const PASTE_END = "[201~";

/**
 * Maps Ink's `(input, key)` to intents. A burst of text (keys typed faster than the terminal is read)
 * arrives as one `input`: each line break in it is an Enter, so every typed line is submitted on its own,
 * in order. Inside a bracketed paste every line break is text: a pasted multi-line request stays one
 * request until Enter.
 */
export function keyIntents(input: string, key: Key, pasting: boolean): KeyIntent[] {
    // eslint-disable-next-line no-control-regex
    if (input.length > 1 && /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(input))
        return burstIntents(input, pasting);
    if (input === PASTE_START)
        return [{type: "pasteStart"}];
    if (input === PASTE_END)
        return [{type: "pasteEnd"}];
    if (key.ctrl) {
        switch (input) {
            case "c": return [{type: "interrupt"}];
            case "s": return [{type: "save"}];
            case "l": return [{type: "redraw"}];
            case "a": return [{type: "edit", action: {type: "home"}}];
            case "e": return [{type: "edit", action: {type: "end"}}];
            case "w": return [{type: "edit", action: {type: "deleteWordBefore"}}];
            case "u": return [{type: "edit", action: {type: "deleteToStart"}}];
            default: return [];
        }
    }
    if (key.escape)
        return [{type: "abort"}];
    if (key.return)
        return pasting ? [{type: "edit", action: {type: "insert", text: "\n"}}] : [{type: "submit"}];
    // Terminals send DEL (0x7f) for Backspace, which Ink names `delete`.
    if (key.backspace || key.delete)
        return [{type: "edit", action: {type: "backspace"}}];
    if (key.leftArrow)
        return [{type: "edit", action: {type: "left"}}];
    if (key.rightArrow)
        return [{type: "edit", action: {type: "right"}}];
    if (key.home)
        return [{type: "edit", action: {type: "home"}}];
    if (key.end)
        return [{type: "edit", action: {type: "end"}}];
    if (key.upArrow)
        return [{type: "historyPrevious"}];
    if (key.downArrow)
        return [{type: "historyNext"}];
    if (key.pageUp)
        return [{type: "scroll", pages: -1}];
    if (key.pageDown)
        return [{type: "scroll", pages: 1}];
    if (key.tab || input === "")
        return [];

    return pasting ? [{type: "edit", action: {type: "insert", text: input}}] : typedLineIntents(input);
}

/** Typed text with its Enters: every line break submits the line before it, so no typed line joins the next. */
function typedLineIntents(input: string): KeyIntent[] {
    const intents: KeyIntent[] = [];
    const lines = input.split(/\r\n?|\n/);
    lines.forEach((text, index) => {
        if (text !== "")
            intents.push({type: "edit", action: {type: "insert", text}});
        if (index < lines.length - 1)
            intents.push({type: "submit"});
    });
    return intents;
}

/** A key with no modifier and no name: what a burst of typed text is. */
export const PLAIN_KEY: Key = {
    upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
    return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
    super: false, hyper: false, capsLock: false, numLock: false
};

/**
 * Ink splits a burst only at escape sequences, so control keys typed quickly arrive inside the text
 * (Ctrl+C twice as one chunk, a Backspace after letters): each becomes its own key, never text.
 */
function burstIntents(input: string, pasting: boolean): KeyIntent[] {
    const intents: KeyIntent[] = [];
    let text = "";
    const flushText = () => {
        if (text !== "")
            intents.push(...keyIntents(text, PLAIN_KEY, pasting));
        text = "";
    };
    for (const character of input) {
        const code = character.charCodeAt(0);
        if (code === 0x7f || code === 0x08) {
            flushText();
            intents.push({type: "edit", action: {type: "backspace"}});
        } else if (code < 0x20 && character !== "\r" && character !== "\n" && character !== "\t") {
            flushText();
            intents.push(...keyIntents(String.fromCharCode(code + 0x60), {...PLAIN_KEY, ctrl: true}, pasting));
        } else
            text += character;
    }
    flushText();
    return intents;
}
