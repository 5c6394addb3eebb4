import {CliError} from "./CliError.js";
import {readInput} from "./readInput.js";

/** A request is a sentence or a few; a megabyte is plenty for any paste. */
const MAX_REQUEST_BYTES = 1 << 20;

/** Above this share of characters that are not text (undecodable bytes, control characters), the input is binary data. */
const MAX_NON_TEXT_SHARE = 0.05;

const NON_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/g;

/**
 * Why the text cannot be a request, or undefined when it can. Binary data read as text is mostly
 * noise, but a few bytes spell service names by chance ("MQ" granted mq:CreateUser): it is refused
 * before retrieval sees it.
 */
export function requestProblem(text: string): string | undefined {
    if (text.includes("\u0000"))
        return "is binary data, not a request";
    const nonText = text.match(NON_TEXT)?.length ?? 0;
    return nonText > 0 && nonText / text.length > MAX_NON_TEXT_SHARE ? "is mostly not text, not a request" : undefined;
}

/** The request: the words given, or standard input (read as a stream) for `-`. Junk is "nothing to grant", exit 1. */
export async function readRequest(words: string[]): Promise<string> {
    const fromInput = words.length === 1 && words[0] === "-";
    const text = fromInput
        ? new TextDecoder("utf-8", {fatal: false}).decode(await readInput({file: "-", maxBytes: MAX_REQUEST_BYTES}))
        : words.join(" ");
    const problem = requestProblem(text);
    if (problem != null)
        throw new CliError(`Nothing to grant: ${fromInput ? "standard input" : "the request"} ${problem}`, 1);
    return text;
}
