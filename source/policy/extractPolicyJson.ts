import {parseJsonStrict} from "./strictJson.js";

/**
 * Recovers a JSON object from a model's raw text. `exact` is true when the whole text (trimmed) is
 * the JSON; otherwise the object came from a code fence, or from the first balanced top-level `{...}` in prose.
 * Returns null when no object can be recovered (truncated output, no braces at all).
 */
export function extractPolicyJson(text: string): {value: unknown; exact: boolean} | null {
    const whole = parseObject(text.trim());
    if (whole !== undefined)
        return {value: whole, exact: true};

    for (const fence of text.matchAll(/```[A-Za-z0-9_-]*[ \t]*\r?\n?([\s\S]*?)```/g)) {
        const value = parseObject(fence[1]!.trim());
        if (value !== undefined)
            return {value, exact: false};
    }

    // Only top-level objects: inside a truncated policy, a balanced statement is not the policy.
    for (let start = text.indexOf("{"); start >= 0;) {
        const end = balancedEnd(text, start);
        if (end < 0)
            return null;
        const value = parseObject(text.slice(start, end + 1));
        if (value !== undefined)
            return {value, exact: false};
        start = text.indexOf("{", end + 1);
    }
    return null;
}

/** The parsed value when `text` is exactly one JSON object, else undefined; prototype keys are left out (see parseJsonStrict). */
function parseObject(text: string): object | undefined {
    if (!text.startsWith("{"))
        return undefined;
    try {
        const {value} = parseJsonStrict(text);
        return typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
    } catch {
        return undefined;
    }
}

/** Index of the `}` closing the `{` at `start`, skipping braces inside JSON strings; -1 when unbalanced. */
function balancedEnd(text: string, start: number): number {
    let depth = 0;
    let inString = false;
    for (let index = start; index < text.length; index++) {
        const char = text[index];
        if (inString) {
            if (char === "\\")
                index++;
            else if (char === "\"")
                inString = false;
        } else if (char === "\"") {
            inString = true;
        } else if (char === "{") {
            depth++;
        } else if (char === "}") {
            depth--;
            if (depth === 0)
                return index;
        }
    }
    return -1;
}
