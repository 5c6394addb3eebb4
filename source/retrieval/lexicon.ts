import {readFileSync} from "node:fs";
import path from "node:path";
import {packageRoot} from "../catalog/paths.js";
import {tokenize, type Token} from "./text.js";

/** A phrase as its lower-case words ("the following" → ["the", "following"]). */
export type Phrase = string[];

/** catalog/lexicon/framing.json: how requests are framed around the policy itself (see its $comment). */
export interface FramingLexicon {
    determiners: Phrase[];
    modifiers: Phrase[];
    heads: Phrase[];
    subjectVerbs: Phrase[];
    placementVerbs: Phrase[];
    addressees: Phrase[];
    openers: Phrase[];
    concessions: Phrase[];
    principalBrands: Phrase[];
    principalNouns: Phrase[];
    principalVerbs: Phrase[];
    slotOpeners: Phrase[];
    slotDeterminers: Phrase[];
}

/** catalog/lexicon/followUps.json: how a follow-up says what to change (see its $comment). */
export interface FollowUpLexicon {
    flipToDeny: Phrase[];
    flipToAllow: Phrase[];
    readOnly: Phrase[];
    remove: Phrase[];
    notNeeded: Phrase[];
    prohibit: Phrase[];
    add: Phrase[];
    narrow: Phrase[];
    restrict: Phrase[];
}

/** catalog/lexicon/scope.json: how a request says how far it reaches (see its $comment). */
export interface ScopeLexicon {
    quantifiers: Phrase[];
    scopeNouns: Phrase[];
    everything: Phrase[];
    exceptions: Phrase[];
    regionExclusions: Phrase[];
    resourceExclusions: Phrase[];
    denyVerbs: Phrase[];
    requestNouns: Phrase[];
}

export interface Lexicon {
    framing: FramingLexicon;
    followUps: FollowUpLexicon;
    scope: ScopeLexicon;
}

export const LEXICON_FOLDER = path.join(packageRoot, "catalog", "lexicon");

let loaded: Lexicon | undefined;

/** The lexicon's data files, checked and with every phrase split into words; read once per process. */
export function lexicon(): Lexicon {
    loaded ??= {
        framing: readPhraseLists("framing.json") as unknown as FramingLexicon,
        followUps: readPhraseLists("followUps.json") as unknown as FollowUpLexicon,
        scope: readPhraseLists("scope.json") as unknown as ScopeLexicon
    };
    return loaded;
}

/**
 * Reads a lexicon file whose fields (other than `$comment`) are lists of phrases. A file that breaks
 * that shape is a packaging error, reported with the file and field rather than as a wrong reading later.
 */
export function readPhraseLists(file: string): Record<string, Phrase[]> {
    const location = path.join(LEXICON_FOLDER, file);
    const data = JSON.parse(readFileSync(location, "utf8")) as unknown;
    if (data == null || typeof data !== "object" || Array.isArray(data))
        throw new Error(`${location}: expected an object of phrase lists`);
    const lists: Record<string, Phrase[]> = {};
    for (const [field, value] of Object.entries(data)) {
        if (field === "$comment")
            continue;
        if (!Array.isArray(value) || value.some((phrase) => typeof phrase !== "string" || phrase.trim() === "" || phrase !== phrase.toLowerCase()))
            throw new Error(`${location}: "${field}" must be a list of non-empty lower-case phrases`);
        // Split as requests are tokenised, so "read-only" matches the words "read", "only".
        lists[field] = value.map((phrase: string) => tokenize(phrase).map((token) => token.lower));
    }
    return lists;
}

/**
 * A pattern true of text that ends in one of `phrases` and then any of `fillers` (and, last, one of
 * `lastWords`): what comes right before a word says about it ("except for the ", "not in the region ").
 */
export function endingIn(phrases: readonly Phrase[], fillers: readonly string[], lastWords: readonly string[] = []): RegExp {
    const alternatives = phrases.map((words) => words.join("\\s+")).sort((a, b) => b.length - a.length).join("|");
    const last = lastWords.length === 0 ? "" : `(?:(?:${lastWords.join("|")})\\s+)?`;
    return new RegExp(`\\b(?:${alternatives})\\s+(?:(?:${fillers.join("|")})\\s+)*${last}$`, "i");
}

/** The index after the longest of `phrases` that starts at token `i` within its sentence, else -1. */
export function phraseEndAt(tokens: readonly Token[], i: number, phrases: readonly Phrase[]): number {
    let best = -1;
    for (const words of phrases) {
        if (words.every((word, k) => tokens[i + k]?.lower === word && tokens[i + k]!.sentence === tokens[i]!.sentence))
            best = Math.max(best, i + words.length);
    }
    return best;
}

/** The first place one of `phrases` occurs, as written, or undefined. */
export function findPhrase(tokens: readonly Token[], text: string, phrases: readonly Phrase[]): string | undefined {
    for (let i = 0; i < tokens.length; i++) {
        const end = phraseEndAt(tokens, i, phrases);
        if (end > i)
            return text.slice(tokens[i]!.start, tokens[end - 1]!.end);
    }
    return undefined;
}

/** catalog/lexicon/phrases.json: [phrase, reading] pairs, the phrase split as requests are tokenised. */
export function readPhraseReadings(): Array<{words: string[]; reading: string}> {
    const location = path.join(LEXICON_FOLDER, "phrases.json");
    const data = JSON.parse(readFileSync(location, "utf8")) as {readings?: unknown};
    if (!Array.isArray(data.readings) || data.readings.some((entry) => !Array.isArray(entry) || entry.length !== 2 || entry.some((part) => typeof part !== "string")))
        throw new Error(`${location}: "readings" must be a list of [phrase, reading] pairs`);
    return (data.readings as Array<[string, string]>).map(([phrase, reading]) => ({words: tokenize(phrase).map((token) => token.lower), reading}));
}
