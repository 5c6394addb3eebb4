/** Control characters: C0 (newline and tab included), DEL and C1, which terminals read as commands. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
/** A colour sequence (SGR) as chalk writes it, else any control character but newline. */
const COLOUR_OR_CONTROL = /(\u001b\[[0-9;]*m)|[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

function escaped(char: string) {
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * Text that came from input (a policy, a request, a model file's metadata) made safe to print: each
 * control character becomes a `\u001b`-style escape, so an escape sequence in it cannot rename the
 * terminal or move the cursor. `keepNewlines` for multi-line text such as JSON, where the escape means
 * the same character (JSON.stringify escapes C0 in strings, but not DEL and C1).
 */
export function printable(text: string, {keepNewlines = false} = {}): string {
    return text.replace(keepNewlines ? CONTROL_BUT_NEWLINE : CONTROL, escaped);
}

/**
 * What the TUI writes: newlines and the colours its views add (chalk's SGR sequences) stay, every
 * other control character is escaped as `printable` does, wherever the text came from (an error
 * quoting a model file, a file name, a streamed token).
 */
export function terminalText(text: string): string {
    return text.replace(COLOUR_OR_CONTROL, (match, colour: string | undefined) => colour ?? escaped(match));
}
