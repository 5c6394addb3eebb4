import {findPhrase, lexicon} from "./lexicon.js";
import type {Catalog} from "../catalog/Catalog.js";
import {ServiceNounIndex} from "./ServiceNounIndex.js";
import {expandContractions, lemmas, STOPWORDS, tokenize, type Token} from "./text.js";
import {intentVocabulary} from "./vocabulary.js";
import type {RetrievalContext} from "./types.js";

/**
 * What a follow-up asks to change. `remove`, `prohibit`, `readOnly` and `narrow` may only take away
 * what the policy allows; `removeCondition` ("drop the MFA requirement") is the one removal that
 * allows more, because it asks to; `unknown` changes nothing.
 */
export type FollowUpKind = "flipToDeny" | "flipToAllow" | "readOnly" | "remove" | "removeCondition" | "prohibit" | "add" | "narrow" | "unknown";

export interface FollowUpChange {
    kind: FollowUpKind;
    /** The words that decided it, as written ("scrap", "not needed", "read-only"); empty for `unknown`. */
    cue: string;
}

/** Kinds that must never widen what the policy allows. */
export const NARROWING_KINDS: ReadonlySet<FollowUpKind> = new Set(["readOnly", "remove", "prohibit", "narrow"]);

/**
 * Reads a follow-up into a typed change, from the lexicon's cues (catalog/lexicon/followUps.json)
 * and what retrieval found in it: a follow-up with no cue that names actions to grant is an `add`,
 * one that names only resources or conditions a `narrow`, anything else `unknown`.
 */
export function readFollowUp(followUp: string, context: RetrievalContext, catalog: Catalog): FollowUpChange {
    const text = expandContractions(followUp);
    const tokens = tokenize(text);
    const cues = lexicon().followUps;
    const found = (phrases: typeof cues.add) => findPhrase(tokens, text, phrases);
    const hasAllow = context.intents.some((intent) => intent.effect === "Allow");

    const ordered: Array<[FollowUpKind, string | undefined]> = [
        ["flipToDeny", found(cues.flipToDeny)],
        ["flipToAllow", found(cues.flipToAllow)],
        ["readOnly", found(cues.readOnly)],
        // "Deny all S3 actions on every bucket except bucket reports": a request of its own adds its Deny statements.
        ["add", denyOfItsOwn(tokens, context)],
        ["prohibit", found(cues.prohibit)],
        ["remove", found(cues.remove) ?? found(cues.notNeeded)]
    ];
    for (const [kind, cue] of ordered) {
        if (cue != null)
            return {kind, cue};
    }
    const add = found(cues.add);
    const restrict = found(cues.restrict);
    // "also allow deleting objects" names no service: its verb still asks for actions, on the policy's services.
    const asksForActions = context.intents.some((intent) => intent.verbs.length > 0 || intent.access.length > 0) || context.candidates.length > 0
        || (verbClauses(text).length > 0 && namesCatalogThing(tokens, catalog));
    const namesScope = context.resources.length > 0 || context.conditions.length > 0;
    // "also restrict it to us-east-1", "also require MFA": narrowing even after "also".
    if (restrict != null && (add == null || !asksForActions) && namesScope)
        return {kind: "narrow", cue: restrict};
    if (add != null && (asksForActions || namesScope))
        return {kind: "add", cue: add};
    if (asksForActions && (hasAllow || context.intents.length === 0))
        return {kind: "add", cue: context.intents.flatMap((intent) => intent.matched)[0] ?? ""};
    if (namesScope)
        return {kind: "narrow", cue: found(cues.narrow) ?? ""};
    return {kind: "unknown", cue: ""};
}

/**
 * "Deny all S3 actions on every bucket except bucket reports", "Deny deleting objects in the S3 bucket
 * media": a follow-up that is a Deny request of its own, its deny word first among the cues, naming the
 * services it is about and what to deny, is an `add` of its statements (a Deny added never allows more).
 * The deny word, or undefined.
 */
function denyOfItsOwn(tokens: readonly Token[], context: RetrievalContext): string | undefined {
    if (context.effect !== "Deny" || !context.services.some((service) => service.role === "target"))
        return undefined;
    if (!context.intents.some((intent) => intent.effect === "Deny" && (intent.verbs.length > 0 || intent.access.length > 0)))
        return undefined;
    const denyWords = new Set(intentVocabulary().denyWords);
    return tokens.find((token) => denyWords.has(token.lower))?.text;
}

/** "deleting objects" names a thing of the catalog; "make it better" does not. */
function namesCatalogThing(tokens: readonly Token[], catalog: Catalog): boolean {
    const nouns = ServiceNounIndex.for(catalog);
    return tokens.some((token) => !STOPWORDS.has(token.lower) && nouns.isCatalogNoun(token.norm));
}

/**
 * The follow-up cut before each "and"/comma that starts a new verb ("also allow deleting messages and
 * write logs to CloudWatch" → two clauses), so that each verb stays with the things it is said of.
 * Empty when the follow-up has no verb of the lexicon.
 */
export function verbClauses(followUp: string): string[] {
    const text = expandContractions(followUp);
    const tokens = tokenize(text);
    const verbWords = new Set(intentVocabulary().verbs.flatMap((verb) => verb.words));
    const isVerb = (index: number) => tokens[index] != null && lemmas(tokens[index]!.lower).some((lemma) => verbWords.has(lemma));
    const starts: number[] = [];
    tokens.forEach((token, index) => {
        if (!isVerb(index))
            return;
        if (starts.length === 0) {
            starts.push(0);
            return;
        }
        const joiner = tokens[index - 1]?.lower === "and" ? index - 1 : token.clause !== tokens[index - 1]?.clause ? index : -1;
        if (joiner >= 0)
            starts.push(joiner);
    });
    return starts.map((start, k) => {
        const from = k === 0 ? 0 : tokens[start]!.lower === "and" ? tokens[start + 1]!.start : tokens[start]!.start;
        const to = k + 1 < starts.length ? tokens[starts[k + 1]!]!.start : text.length;
        return text.slice(from, to).replace(/[\s,]+$/, "").trim();
    }).filter((clause) => clause !== "");
}
