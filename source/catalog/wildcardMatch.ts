/**
 * IAM wildcard matching without regular expressions: `*` is any run of characters, `?` is one.
 * Policy text never becomes a RegExp, so a pattern such as `s3:*?*?*?*?*?*?*?!` cannot make
 * matching backtrack exponentially; the loop below is O(pattern × text) at worst and usually linear.
 */

const STAR = -1;
const ANY = -2;

/** A pattern compiled once: character codes (lower-cased when `ignoreCase`), STAR and ANY. */
export interface WildcardPattern {
    readonly tokens: Int32Array;
    readonly ignoreCase: boolean;
}

/** One piece of a pattern: wildcard text, or literal text whose `*` and `?` are plain characters (a variable's value). */
export interface WildcardPart {
    text: string;
    literal: boolean;
}

export function compileWildcard(pattern: string | readonly WildcardPart[], ignoreCase = false): WildcardPattern {
    const parts = typeof pattern === "string" ? [{text: pattern, literal: false}] : pattern;
    const length = parts.reduce((sum, part) => sum + part.text.length, 0);
    const tokens = new Int32Array(length);
    let index = 0;
    for (const part of parts) {
        const text = ignoreCase ? part.text.toLowerCase() : part.text;
        for (let position = 0; position < text.length; position++) {
            const code = text.charCodeAt(position);
            tokens[index++] = part.literal ? code : code === 42 ? STAR : code === 63 ? ANY : code;
        }
    }
    return {tokens, ignoreCase};
}

/** Whether `text` matches the compiled pattern (the greedy two-pointer walk that remembers only the last `*`). */
export function matchWildcard(pattern: WildcardPattern, text: string): boolean {
    const {tokens} = pattern;
    const subject = pattern.ignoreCase ? text.toLowerCase() : text;
    let p = 0;
    let t = 0;
    let starAt = -1;
    let resumeAt = 0;
    while (t < subject.length) {
        const token = p < tokens.length ? tokens[p] : undefined;
        if (token === ANY || token === subject.charCodeAt(t)) {
            p++;
            t++;
        } else if (token === STAR) {
            starAt = p++;
            resumeAt = t;
        } else if (starAt >= 0) {
            p = starAt + 1;
            t = ++resumeAt;
        } else {
            return false;
        }
    }
    while (p < tokens.length && tokens[p] === STAR)
        p++;
    return p === tokens.length;
}

/** Whether `text` matches the IAM wildcard `pattern`; action names compare with `ignoreCase`, ARNs without. */
export function wildcardMatch(pattern: string, text: string, ignoreCase = false): boolean {
    return matchWildcard(compileWildcard(pattern, ignoreCase), text);
}

