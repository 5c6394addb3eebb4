/** The input line's text and cursor, changed only through `textBufferReducer` so every key is a pure step. */
export interface TextBuffer {
    value: string;
    /** Index into `value`, 0..value.length. */
    cursor: number;
}

export type TextBufferAction =
    | {type: "insert"; text: string}
    | {type: "backspace"}
    | {type: "delete"}
    | {type: "left"}
    | {type: "right"}
    | {type: "home"}
    | {type: "end"}
    | {type: "deleteWordBefore"}
    | {type: "deleteToStart"}
    | {type: "set"; value: string};

export const EMPTY_BUFFER: TextBuffer = {value: "", cursor: 0};

export function textBufferReducer(buffer: TextBuffer, action: TextBufferAction): TextBuffer {
    const {value, cursor} = buffer;
    switch (action.type) {
        case "insert": {
            // Terminals send Enter inside a paste as CR; keep a pasted line break as a newline in the request.
            // A tab is a space; any other control character (ESC, BEL, C1) is no text and never echoed.
            // eslint-disable-next-line no-control-regex
            const text = action.text.replace(/\r\n?/g, "\n").replace(/\t/g, " ").replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, "");
            return {value: value.slice(0, cursor) + text + value.slice(cursor), cursor: cursor + text.length};
        }
        case "backspace":
            return cursor === 0 ? buffer : {value: value.slice(0, cursor - 1) + value.slice(cursor), cursor: cursor - 1};
        case "delete":
            return cursor === value.length ? buffer : {value: value.slice(0, cursor) + value.slice(cursor + 1), cursor};
        case "left":
            return {value, cursor: Math.max(0, cursor - 1)};
        case "right":
            return {value, cursor: Math.min(value.length, cursor + 1)};
        case "home":
            return {value, cursor: 0};
        case "end":
            return {value, cursor: value.length};
        case "deleteWordBefore": {
            const start = value.slice(0, cursor).replace(/\S+\s*$|\s+$/, "").length;
            return {value: value.slice(0, start) + value.slice(cursor), cursor: start};
        }
        case "deleteToStart":
            return {value: value.slice(cursor), cursor: 0};
        case "set":
            return {value: action.value, cursor: action.value.length};
    }
}
