import {matchWildcard} from "../policy/wildcardMatch.js";
import {resolvePattern, type ContextMap} from "./variables.js";

/**
 * Splits an ARN (or ARN pattern) at its colons, at most `limit` parts, the last holding the rest
 * (resource ids may hold colons). Colons inside `${…}` (`${aws:username}`) do not split.
 */
export function splitSegments(text: string, limit: number): string[] {
    const segments: string[] = [];
    let start = 0;
    let depth = 0;
    for (let index = 0; index < text.length && segments.length < limit - 1; index++) {
        const char = text[index];
        if (char === "$" && text[index + 1] === "{")
            depth++;
        else if (char === "}" && depth > 0)
            depth--;
        else if (char === ":" && depth === 0) {
            segments.push(text.slice(start, index));
            start = index + 1;
        }
    }
    segments.push(text.slice(start));
    return segments;
}

/**
 * The result of one Resource entry: `missing` names a variable without a value. AWS: "if AWS cannot
 * resolve a variable, this might cause the entire statement to be invalid": such an entry matches
 * nothing in Resource and makes a NotResource statement not apply.
 */
export type EntryMatch = {matched: boolean} | {missing: string};

const ARN_PARTS = 6;

/**
 * Whether a Resource/NotResource entry matches the request's resource, case-sensitively. AWS checks
 * an ARN segment by segment, so a `*` in the region does not reach into the account; the last
 * segment holds the rest, so a short pattern ending in `*` (`arn:aws:s3:*`) covers what follows.
 */
export function matchResourceEntry(entry: string, resource: string, context: ContextMap): EntryMatch {
    if (entry === "*")
        return {matched: true};
    const patternSegments = splitSegments(entry, ARN_PARTS);
    const resourceSegments = splitSegments(resource, patternSegments.length);
    if (resourceSegments.length < patternSegments.length)
        return {matched: false};
    for (let index = 0; index < patternSegments.length; index++) {
        const resolved = resolvePattern(patternSegments[index]!, context);
        if ("missing" in resolved)
            return resolved;
        if (!matchWildcard(resolved.pattern, resourceSegments[index]!))
            return {matched: false};
    }
    return {matched: true};
}
