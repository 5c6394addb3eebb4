import {lexicon, phraseEndAt} from "./lexicon.js";
import {singular, type Token} from "./text.js";
import type {DetectedService, RequestScope} from "./types.js";
import {isSaidUnused} from "./serviceEvidence.js";

/**
 * How far the request reaches, read once here so that engines never re-read its text: all actions,
 * the services it leaves out after "except", a deny of requests in general, and its words.
 */
export function readScope(tokens: readonly Token[], services: readonly DetectedService[]): RequestScope {
    const words = lexicon().scope;
    const exceptAt = tokens.findIndex((_, index) => phraseEndAt(tokens, index, words.exceptions) > index);
    const exceptStart = exceptAt < 0 ? Number.POSITIVE_INFINITY : tokens[exceptAt]!.start;
    const excepted = services
        .filter((service) => service.role === "target")
        .filter((service) => service.matched.some((word) => tokens.some((token) => token.start > exceptStart && token.lower === word.split(/\s+/)[0]!.toLowerCase())))
        .map((service) => service.prefix);
    return {
        allActions: tokens.some((_, index) => allActionsAt(tokens, index)),
        exceptServices: [...new Set(excepted)],
        broadDeny: tokens.some((_, index) => broadDenyAt(tokens, index)),
        // "does not use AWS KMS": what is said to be unneeded is not among the words that ask for something.
        words: [...new Set(tokens.filter((_, index) => !isSaidUnused(tokens, index)).map((token) => singular(token.lower)))]
    };
}

function allActionsAt(tokens: readonly Token[], index: number): boolean {
    const words = lexicon().scope;
    if (phraseEndAt(tokens, index, words.everything) > index)
        return true;
    let k = phraseEndAt(tokens, index, words.quantifiers);
    if (k < 0)
        return false;
    if (tokens[k]?.lower === "aws")
        k++;
    return phraseEndAt(tokens, k, words.scopeNouns) > k;
}

function broadDenyAt(tokens: readonly Token[], index: number): boolean {
    const words = lexicon().scope;
    const afterVerb = phraseEndAt(tokens, index, words.denyVerbs);
    const afterQuantifier = afterVerb < 0 ? -1 : phraseEndAt(tokens, afterVerb, words.quantifiers);
    if (afterQuantifier < 0)
        return false;
    return phraseEndAt(tokens, afterQuantifier, words.requestNouns) > 0 || phraseEndAt(tokens, afterQuantifier + 1, words.requestNouns) > 0;
}
