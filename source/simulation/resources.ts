import {compileWildcard, matchWildcard, type WildcardPattern} from "../catalog/wildcardMatch.js";
import {hasVariables, resolvePattern, type ContextMap} from "./variables.js";

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
type EntryMatch = {matched: boolean} | {missing: string};

const ARN_PARTS = 6;

/** A Resource entry read once: its segments, each a compiled pattern, or its text when it holds a variable. */
export interface ResourceEntry {
    text: string;
    segments: ReadonlyArray<WildcardPattern | string>;
}

export function compileResourceEntry(text: string): ResourceEntry {
    const segments = text === "*" ? [] : splitSegments(text, ARN_PARTS);
    return {text, segments: segments.map((segment) => hasVariables(segment) ? segment : compileWildcard(segment))};
}

/** The last request resource split, kept: one request is matched against many entries with the same number of segments. */
let lastSplit = {resource: "", limit: 0, segments: [] as string[]};

function requestSegments(resource: string, limit: number): string[] {
    if (lastSplit.resource !== resource || lastSplit.limit !== limit)
        lastSplit = {resource, limit, segments: splitSegments(resource, limit)};
    return lastSplit.segments;
}

/**
 * Whether a Resource/NotResource entry matches the request's resource, case-sensitively. AWS checks
 * an ARN segment by segment, so a `*` in the region does not reach into the account; the last
 * segment holds the rest, so a short pattern ending in `*` (`arn:aws:s3:*`) covers what follows.
 */
export function matchResourceEntry(entry: ResourceEntry, resource: string, context: ContextMap): EntryMatch {
    const {segments} = entry;
    if (segments.length === 0)
        return {matched: true};
    const resourceSegments = requestSegments(resource, segments.length);
    if (resourceSegments.length < segments.length)
        return {matched: false};
    for (let index = 0; index < segments.length; index++) {
        const segment = segments[index]!;
        const resolved = typeof segment === "string" ? resolvePattern(segment, context) : {pattern: segment};
        if ("missing" in resolved)
            return resolved;
        if (!matchWildcard(resolved.pattern, resourceSegments[index]!))
            return {matched: false};
    }
    return {matched: true};
}
