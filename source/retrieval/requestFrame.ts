import {lexicon, phraseEndAt, readPhraseReadings} from "./lexicon.js";
import {lemmas, tokenize, type Token} from "./text.js";
import {intentVocabulary} from "./vocabulary.js";
import {lexiconWords} from "./words.js";

/** Why a span of the request was set aside before reading. */
export type FrameKind = "policySubject" | "policyOpening" | "placement" | "opener" | "principalBrand" | "receiver" | "concession" | "aside";

export interface FrameSpan {
    kind: FrameKind;
    /** The words removed, as written. */
    text: string;
}

/** A request with the words about the policy document itself removed, and the evidence of what was removed. */
export interface UnframedRequest {
    text: string;
    frames: FrameSpan[];
}

interface Edit {
    start: number;
    end: number;
    kind: FrameKind;
    replacement: string;
}

/**
 * Descriptions are requests: "The following policy allows a user to …", "To grant a user permission
 * to …, you could include the following statement in the IAM policy", "In this policy, a user is
 * allowed to …", "Allow an IAM principal to …". The words that name the policy document, where it
 * goes or who receives it ask for nothing: they are removed (and reported) so that reading sees the
 * request alone. Offsets are not kept; the evidence is the list of removed spans.
 */
export function unframeRequest(written: string): UnframedRequest {
    const request = readPhrases(written);
    const tokens = tokenize(request);
    const edits: Edit[] = [];
    for (let i = 0; i < tokens.length; i++) {
        const edit = policySubject(tokens, i) ?? policyOpening(request, tokens, i) ?? placementClause(request, tokens, i)
            ?? opener(tokens, i) ?? principalBrand(tokens, i) ?? receiverSlot(tokens, i) ?? concession(request, tokens, i) ?? aside(request, tokens, i);
        if (edit == null)
            continue;
        edits.push(edit);
        while (i + 1 < tokens.length && tokens[i + 1]!.start < edit.end)
            i++;
    }
    if (edits.length === 0)
        return {text: request, frames: []};
    let text = "";
    let at = 0;
    for (const edit of edits) {
        text += request.slice(at, edit.start) + edit.replacement;
        at = edit.end;
    }
    text += request.slice(at);
    const frames = edits.map((edit) => ({kind: edit.kind, text: request.slice(edit.start, edit.end).trim()}));
    return {text: text.replace(/[ \t]{2,}/g, " ").trim().replace(/^[,;]\s*/, ""), frames};
}

const ASIDE_OPENERS = lexiconWords("asideOpeners");

/** "(see GET Bucket (List Objects))": a parenthesised cross-reference, to its closing parenthesis. */
function aside(request: string, tokens: readonly Token[], i: number): Edit | undefined {
    const open = request.slice(0, tokens[i]!.start).search(/\(\s*$/);
    if (open < 0 || !ASIDE_OPENERS.has(tokens[i]!.lower))
        return undefined;
    let depth = 0;
    for (let at = open; at < request.length; at++) {
        depth += request[at] === "(" ? 1 : request[at] === ")" ? -1 : 0;
        if (depth === 0)
            return {start: open, end: at + 1, kind: "aside", replacement: " "};
    }
    return undefined;
}

/** The lexicon's multi-word readings ("restricts the ability to" → "denies"), applied word by word. */
function readPhrases(text: string): string {
    const tokens = tokenize(text);
    const readings = phraseReadings();
    let out = "";
    let at = 0;
    for (let i = 0; i < tokens.length; i++) {
        const match = readings.find(({words}) => phraseEndAt(tokens, i, [words]) > i);
        if (match == null)
            continue;
        const end = i + match.words.length - 1;
        out += text.slice(at, tokens[i]!.start) + match.reading;
        at = tokens[end]!.end;
        i = end;
    }
    return out + text.slice(at);
}

let readingsCache: Array<{words: string[]; reading: string}> | undefined;

function phraseReadings() {
    readingsCache ??= readPhraseReadings().sort((a, b) => b.words.length - a.words.length);
    return readingsCache;
}

/** "the following example IAM policy statement": the index after it, else -1. */
function policyPhraseEnd(tokens: readonly Token[], i: number): number {
    const words = lexicon().framing;
    let k = Math.max(i, phraseEndAt(tokens, i, words.determiners));
    // The longest phrase: a word may be a modifier or the head ("a Deny policy", "the explicit deny").
    let longest = -1;
    for (;;) {
        const end = phraseEndAt(tokens, k, words.heads);
        // "policy statement block": heads may follow each other.
        if (end >= 0)
            longest = Math.max(longest, end, phraseEndAt(tokens, end, words.heads));
        const next = phraseEndAt(tokens, k, words.modifiers);
        if (next <= k)
            return longest;
        k = next;
    }
}

function startsClause(tokens: readonly Token[], i: number): boolean {
    return i === 0 || tokens[i - 1]!.clause !== tokens[i]!.clause;
}

/** "The following policy allows …" → "allows …". */
function policySubject(tokens: readonly Token[], i: number): Edit | undefined {
    if (!startsClause(tokens, i))
        return undefined;
    const end = policyPhraseEnd(tokens, i);
    if (end < 0)
        return undefined;
    const verbAt = ["that", "which"].includes(tokens[end]?.lower ?? "") ? end + 1 : end;
    if (phraseEndAt(tokens, verbAt, lexicon().framing.subjectVerbs) < 0 || tokens[verbAt]!.sentence !== tokens[i]!.sentence)
        return undefined;
    return {start: tokens[i]!.start, end: tokens[verbAt]!.start, kind: "policySubject", replacement: ""};
}

/** "In the following policy, a user is allowed to …" → "a user is allowed to …". */
function policyOpening(request: string, tokens: readonly Token[], i: number): Edit | undefined {
    if (tokens[i]!.lower !== "in" || !startsClause(tokens, i))
        return undefined;
    const end = policyPhraseEnd(tokens, i + 1);
    const next = tokens[end];
    if (end < 0 || next == null || next.clause === tokens[end - 1]!.clause)
        return undefined;
    return {start: tokens[i]!.start, end: next.start, kind: "policyOpening", replacement: request.slice(tokens[end - 1]!.end, next.start).includes(",") ? "" : " "};
}

/** ", you could include the following statement in the IAM policy." → removed to the end of the sentence. */
function placementClause(request: string, tokens: readonly Token[], i: number): Edit | undefined {
    if (!startsClause(tokens, i))
        return undefined;
    const opensSentence = i === 0 || tokens[i - 1]!.sentence !== tokens[i]!.sentence;
    const words = lexicon().framing;
    let k = Math.max(i, phraseEndAt(tokens, i, words.addressees));
    // "Attach an IAM permissions policy to users that allows them to …": at a sentence's start, an order needs no addressee.
    if (k === i && !opensSentence)
        return undefined;
    while (k < tokens.length && ["could", "can", "might", "may", "would", "should", "must", "then", "need", "to", "also"].includes(tokens[k]!.lower))
        k++;
    if (phraseEndAt(tokens, k, words.placementVerbs) < 0)
        return undefined;
    let last = k;
    let policyEnd = -1;
    while (last + 1 < tokens.length && tokens[last + 1]!.sentence === tokens[i]!.sentence) {
        last++;
        if (policyEnd < 0)
            policyEnd = policyPhraseEnd(tokens, last);
    }
    if (policyEnd < 0)
        return undefined;
    const commaAt = opensSentence ? -1 : request.lastIndexOf(",", tokens[i]!.start);
    const start = !opensSentence && commaAt > tokens[i - 1]!.end - 1 ? commaAt : tokens[i]!.start;
    // "…, you can use a policy that allows the Get and List actions", "You can create a Deny policy that
    // denies …": what the policy does is the request.
    const connector = contentConnector(tokens, policyEnd, last);
    if (connector != null)
        return {start, end: connector.end, kind: "placement", replacement: opensSentence ? "" : ". "};
    // A sentence that only says where the policy goes asks for nothing; at the start it needs a connector.
    return opensSentence ? undefined : {start, end: tokens[last]!.end, kind: "placement", replacement: ""};
}

const PLACEMENT_CONNECTORS = lexiconWords("placementConnectors");
/** How far past the policy phrase its destination may reach ("to the IAM user that allows …"). */
const DESTINATION_REACH = 6;

/**
 * The word after which a placement clause says what its policy does: a connector right after the policy
 * or after where it goes ("to the IAM user that allows …"), or the "to" of "to allow her …".
 */
function contentConnector(tokens: readonly Token[], policyEnd: number, last: number): Token | undefined {
    const {allowWords, denyWords} = intentVocabulary();
    const grants = (token: Token) => [...allowWords, ...denyWords].includes(token.lower);
    if (policyEnd >= last)
        return undefined;
    if (PLACEMENT_CONNECTORS.has(tokens[policyEnd]!.lower))
        return tokens[policyEnd];
    // Past where it goes, only words that grant say what it does ("the role that runs them" describes the role).
    for (let j = policyEnd + 1; tokens[policyEnd]!.lower === "to" && j < last && j <= policyEnd + DESTINATION_REACH; j++)
        if ((PLACEMENT_CONNECTORS.has(tokens[j]!.lower) || tokens[j]!.lower === "to") && grants(tokens[j + 1]!))
            return tokens[j];
    return undefined;
}

/** ", no matter what other permission the user gets": a concession grants nothing; removed to the end of its clause. */
function concession(request: string, tokens: readonly Token[], i: number): Edit | undefined {
    if (!startsClause(tokens, i) || phraseEndAt(tokens, i, lexicon().framing.concessions) < 0)
        return undefined;
    let last = i;
    while (last + 1 < tokens.length && tokens[last + 1]!.clause === tokens[i]!.clause)
        last++;
    const commaAt = request.lastIndexOf(",", tokens[i]!.start);
    const start = i > 0 && commaAt > tokens[i - 1]!.end - 1 ? commaAt : tokens[i]!.start;
    return {start, end: tokens[last]!.end, kind: "concession", replacement: ""};
}

/** "To grant a user permission to …" → "grant a user permission to …": an instruction, not a purpose. */
function opener(tokens: readonly Token[], i: number): Edit | undefined {
    if (i > 0 && tokens[i - 1]!.sentence === tokens[i]!.sentence)
        return undefined;
    const end = phraseEndAt(tokens, i, lexicon().framing.openers);
    if (end < 0)
        return undefined;
    const verb = tokens[end - 1]!;
    return {start: tokens[i]!.start, end: verb.start, kind: "opener", replacement: ""};
}

/** "Allow an IAM principal to …" → "Allow a principal to …"; "create an IAM role" keeps IAM, which it acts on. */
function principalBrand(tokens: readonly Token[], i: number): Edit | undefined {
    const words = lexicon().framing;
    if (!words.principalBrands.some(([brand]) => brand === tokens[i]!.lower) || phraseEndAt(tokens, i + 1, words.principalNouns) < 0)
        return undefined;
    for (let k = i - 1; k >= Math.max(0, i - 4) && tokens[k]!.sentence === tokens[i]!.sentence; k--) {
        if (lemmas(tokens[k]!.lower).some((lemma) => words.principalVerbs.some(([verb]) => verb === lemma)))
            return undefined;
    }
    return {start: tokens[i]!.start, end: tokens[i + 1]!.start, kind: "principalBrand", replacement: ""};
}

/**
 * "Allow a user to …", "Grant the auditors read access", "Let Dave …": who receives the policy, right
 * after the verb that grants, is no object of the request ("Allow a user read-only access to
 * ElastiCache" is not about ElastiCache users). The slot is removed; the granting verb stays.
 */
function receiverSlot(tokens: readonly Token[], i: number): Edit | undefined {
    const words = lexicon().framing;
    const opened = phraseEndAt(tokens, i, words.slotOpeners);
    if (opened < 0)
        return undefined;
    let k = opened;
    while (phraseEndAt(tokens, k, words.slotDeterminers) > k || phraseEndAt(tokens, k, words.principalBrands) > k)
        k = Math.max(phraseEndAt(tokens, k, words.slotDeterminers), phraseEndAt(tokens, k, words.principalBrands));
    const receiver = tokens[k];
    if (receiver == null || receiver.sentence !== tokens[i]!.sentence || !(receiverNouns().has(receiver.norm) || principalNounAt(tokens, k)))
        return undefined;
    // "give admin access": the noun describes the access, it names no one.
    if (["access", "permission", "permissions", "rights", "privileges", "privilege", "level"].includes(tokens[k + 1]?.lower ?? ""))
        return undefined;
    let end = k + 1;
    // "the user Mary", "user Alice": a capitalised name after the noun is the same person.
    if (tokens[end] != null && /^[A-Z][a-z]+$/.test(tokens[end]!.text) && tokens[end]!.sentence === receiver.sentence)
        end++;
    if (tokens[end]?.lower === "to")
        end++;
    const next = tokens[end];
    if (next == null || next.sentence !== receiver.sentence)
        return undefined;
    return {start: tokens[opened]!.start, end: next.start, kind: "receiver", replacement: ""};
}

function principalNounAt(tokens: readonly Token[], k: number): boolean {
    return phraseEndAt(tokens, k, lexicon().framing.principalNouns) > k;
}

/** The people nouns of the lexicon (words.json), singular. */
function receiverNouns(): ReadonlySet<string> {
    return lexiconWords("peopleNouns");
}
