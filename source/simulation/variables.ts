import {compileWildcard, type WildcardPart, type WildcardPattern} from "../catalog/wildcardMatch.js";
import type {ContextValue, RequestContext} from "./types.js";

/** A request context with lower-cased keys: IAM compares context key names case-insensitively. */
export type ContextMap = ReadonlyMap<string, ContextValue>;

export function contextMap(context: RequestContext | undefined): ContextMap {
    const map = new Map<string, ContextValue>();
    for (const [key, value] of Object.entries(context ?? {}))
        map.set(key.toLowerCase(), value);
    return map;
}

/** A piece of policy text: plain text (wildcards stay wildcards) or a `${…}` variable. */
type Piece = {text: string} | {variable: string; fallback?: string};

/** `${*}`, `${?}` and `${$}` stand for the literal characters, so that a policy can name them. */
const ESCAPES: Record<string, string> = {"*": "*", "?": "?", "$": "$"};
/** `${aws:PrincipalTag/team, 'company-wide'}`: a variable with a default used when the key has no value. */
const WITH_DEFAULT = /^\s*([^,]*?)\s*,\s*'([^']*)'\s*$/;

const piecesCache = new Map<string, readonly Piece[]>();

function pieces(text: string): readonly Piece[] {
    let cached = piecesCache.get(text);
    if (cached == null) {
        cached = splitPieces(text);
        if (piecesCache.size > 10_000)
            piecesCache.clear();
        piecesCache.set(text, cached);
    }
    return cached;
}

function splitPieces(text: string): Piece[] {
    const result: Piece[] = [];
    let start = 0;
    let open = text.indexOf("${");
    while (open >= 0) {
        const close = text.indexOf("}", open + 2);
        if (close < 0)
            break;
        if (open > start)
            result.push({text: text.slice(start, open)});
        const inner = text.slice(open + 2, close);
        const withDefault = WITH_DEFAULT.exec(inner);
        if (ESCAPES[inner] != null)
            result.push({variable: inner});
        else if (withDefault != null)
            result.push({variable: withDefault[1]!, fallback: withDefault[2]!});
        else
            result.push({variable: inner.trim()});
        start = close + 1;
        open = text.indexOf("${", start);
    }
    if (start < text.length)
        result.push({text: text.slice(start)});
    return result;
}

export function hasVariables(text: string): boolean {
    return pieces(text).some((piece) => "variable" in piece);
}

/** The policy variables a text refers to (not the `${*}` escapes), e.g. `aws:username`. */
export function variablesIn(text: string): Array<{key: string; fallback?: string}> {
    return pieces(text).flatMap((piece) => "variable" in piece && ESCAPES[piece.variable] == null
        ? [{key: piece.variable, ...(piece.fallback != null ? {fallback: piece.fallback} : {})}]
        : []);
}

/**
 * The text with its variables replaced by the request's values, as wildcard parts (a value's `*`
 * is a plain character), or a `missing` key when a variable has no single value and no default:
 * AWS then treats the entry as not matching.
 */
function resolveParts(text: string, context: ContextMap): {parts: WildcardPart[]} | {missing: string} {
    const parts: WildcardPart[] = [];
    for (const piece of pieces(text)) {
        if ("text" in piece) {
            parts.push({text: piece.text, literal: false});
            continue;
        }
        const escaped = ESCAPES[piece.variable];
        const value = escaped ?? context.get(piece.variable.toLowerCase());
        // A multivalued key cannot stand in for a variable.
        if (typeof value === "string")
            parts.push({text: value, literal: true});
        else if (piece.fallback != null)
            parts.push({text: piece.fallback, literal: true});
        else
            return {missing: piece.variable};
    }
    return {parts};
}

/** The resolved text as a plain string (for equality operators), or the missing key. */
export function resolveText(text: string, context: ContextMap): {text: string} | {missing: string} {
    const resolved = resolveParts(text, context);
    return "missing" in resolved ? resolved : {text: resolved.parts.map((part) => part.text).join("")};
}

/** The text as a wildcard pattern with its variables resolved; compiled once when it has none. */
export function resolvePattern(text: string, context: ContextMap, ignoreCase = false): {pattern: WildcardPattern} | {missing: string} {
    if (!hasVariables(text))
        return {pattern: staticPattern(text, ignoreCase)};
    const resolved = resolveParts(text, context);
    return "missing" in resolved ? resolved : {pattern: compileWildcard(resolved.parts, ignoreCase)};
}

const patternCache = new Map<string, WildcardPattern>();

function staticPattern(text: string, ignoreCase: boolean): WildcardPattern {
    const key = `${ignoreCase ? "i" : "s"}${text}`;
    let cached = patternCache.get(key);
    if (cached == null) {
        cached = compileWildcard(text, ignoreCase);
        if (patternCache.size > 10_000)
            patternCache.clear();
        patternCache.set(key, cached);
    }
    return cached;
}
