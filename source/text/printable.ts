/** Control characters: C0 (newline and tab included), DEL and C1, which terminals read as commands. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text that came from input (a policy, a request, a model file's metadata) made safe to print: each
 * control character becomes a `\u001b`-style escape, so an escape sequence in it cannot rename the
 * terminal or move the cursor. `keepNewlines` for multi-line text such as JSON, where the escape means
 * the same character (JSON.stringify escapes C0 in strings, but not DEL and C1).
 */
export function printable(text: string, {keepNewlines = false} = {}): string {
    return text.replace(keepNewlines ? CONTROL_BUT_NEWLINE : CONTROL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
