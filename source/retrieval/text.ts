import {tableForms} from "../catalog/lemmaTable.js";
import {camelWords, ruleLemmas, ruleSingular} from "../text/inflection.js";
import {lexiconWords} from "./words.js";
/** One word of a request, with where it is and the forms retrieval compares. */
export interface Token {
    /** As written. */
    text: string;
    lower: string;
    /** Lower case with a plural folded to its singular (`buckets` → `bucket`), the form phrases are matched on. */
    norm: string;
    index: number;
    start: number;
    end: number;
    /** Sentence number: sentences end at `.`, `!`, `?`, `;`, `:`, new lines and list markers such as `2)`. */
    sentence: number;
    /** Clause number: clauses also end at commas and at "but". */
    clause: number;
    /** Part of a word joined by `-`, `_` or `/` (`data-uploads`, `read-only`, `/app/config`). */
    compound: boolean;
}

const WORD = /[A-Za-z0-9]+(?:[._][A-Za-z0-9]+)*/g;
// A sentence ends at punctuation followed by a space or the end, at a line break, or before a list marker ("2)", "(3)").
const SENTENCE_END = /[.!?;:](?=\s|$)|\n|(?:^|\s)\(?\d{1,2}\)\s/g;
const CLAUSE_END = /,|\bbut\b|\bexcept\b|\bwhile\b/gi;

/** Expands contractions so that negations are plain words ("don't" → "do not", "cannot" → "can not"). */
export function expandContractions(text: string): string {
    return text
        .replace(/\bcan['’]t\b/gi, "can not")
        .replace(/\bwon['’]t\b/gi, "will not")
        .replace(/n['’]t\b/gi, " not")
        .replace(/\bcannot\b/gi, "can not");
}

export function tokenize(text: string): Token[] {
    const sentenceStarts = boundaries(text, SENTENCE_END);
    const clauseStarts = [...new Set([...sentenceStarts, ...boundaries(text, CLAUSE_END)])].sort((a, b) => a - b);
    const tokens: Token[] = [];
    let sentence = 0;
    let clause = 0;
    for (const match of text.matchAll(WORD)) {
        const start = match.index;
        while (sentence < sentenceStarts.length && sentenceStarts[sentence]! <= start)
            sentence++;
        while (clause < clauseStarts.length && clauseStarts[clause]! <= start)
            clause++;
        const lower = match[0].toLowerCase();
        const end = start + match[0].length;
        // A trailing slash makes a path too: "uploads/" is a folder, not the verb.
        const compound = /[-_/]/.test(text[start - 1] ?? "") || /^(?:[-_/][A-Za-z0-9]|\/)/.test(text.slice(end, end + 2));
        tokens.push({text: match[0], lower, norm: singular(lower), index: tokens.length, start, end, sentence, clause, compound});
    }
    return tokens;
}

function boundaries(text: string, pattern: RegExp): number[] {
    return [...text.matchAll(pattern)].map((match) => match.index + match[0].length - (match[0].endsWith(" ") ? 1 : 0));
}

/** Whether the word is joined to the next by a hyphen, underscore or slash ("key-pair", "VPC-connected"). */
export function hyphenedToNext(tokens: readonly Token[], index: number): boolean {
    const [token, next] = [tokens[index], tokens[index + 1]];
    return token != null && next != null && token.compound && next.compound && next.start === token.end + 1;
}

/** For each token, the index of the span that covers it, or -1: constant-time "is this word inside a mention?". */
export function spanOwners(count: number, spans: ReadonlyArray<{start: number; end: number}>): Int32Array {
    const owners = new Int32Array(count).fill(-1);
    spans.forEach((span, index) => owners.fill(index, span.start, span.end));
    return owners;
}

/** Groups items by a key, keeping their order. */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
    const groups = new Map<K, T[]>();
    for (const item of items) {
        const group = groups.get(key(item));
        if (group == null)
            groups.set(key(item), [item]);
        else
            group.push(item);
    }
    return groups;
}

/*
 * The project's one normaliser: requests and vocabulary (catalog, lexicon) go through these same two
 * functions. A word's forms come from catalog/lemmas.json, built with wink-nlp's English model when
 * the catalog is built (not at run time: loading the model costs a fresh process 0.2–0.5 s); the
 * hand-written rules of text/inflection.ts are only the fallback for words the table lacks (a user's
 * own names, words the model does not know).
 */

/** Folds a plural to its singular (`buckets` → bucket, `indices` → index, `aliases` → alias); other words stay as they are. */
export function singular(word: string): string {
    return tableForms(word)?.[0] ?? ruleSingular(word);
}

/** The word first, then the base forms it may have as a verb or a plural: `stopped` → stop, `creating` → create, `queries` → query. */
export function lemmas(word: string): string[] {
    const forms = tableForms(word);
    return forms == null ? ruleLemmas(word) : [word, ...forms.slice(1)];
}

/** "role" → "Role": how a word starts an action name. */
export function capitalise(word: string): string {
    return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The words of a CamelCase action name, lower case and singular: `GetObjectTagging` → get, object, tagging. */
export function nameWords(name: string): string[] {
    let words = nameWordsCache.get(name);
    if (words == null) {
        words = camelWords(name).map(singular);
        nameWordsCache.set(name, words);
    }
    return words;
}

const nameWordsCache = new Map<string, string[]>();

/** The words of a resource type's name: `log-group` → log, group; `eventSourceMapping` → event, source, mapping. */
export function typeWords(typeName: string): string[] {
    let words = typeWordsCache.get(typeName);
    if (words == null) {
        words = typeName.split(/[-_\s/]+/).flatMap((part) => nameWords(part));
        typeWordsCache.set(typeName, words);
    }
    return words;
}

const typeWordsCache = new Map<string, string[]>();

/** Splits a phrase the way requests are tokenised, returning the matching forms. */
export function phraseNorms(phrase: string): string[] {
    return [...phrase.matchAll(WORD)].map((match) => singular(match[0].toLowerCase()));
}

export const STOPWORDS = lexiconWords("stopwords");
