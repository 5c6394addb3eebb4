import {positionOf} from "./conditionClauses.js";
import {opensDenial} from "./findVerbs.js";
import type {Token} from "./text.js";
import type {ConditionHint, Effect} from "./types.js";
import {lexiconWords} from "./words.js";

const SCOPE_OPENERS = lexiconWords("scopeOpeners");
const REQUIREMENT_OPENERS = lexiconWords("requirementOpeners");
const REQUIREMENT_MODIFIERS = lexiconWords("requirementModifiers");
const NEGATORS = lexiconWords("conditionNegators");

/**
 * What a Deny's condition phrase says, by the word that opens it: "deny … if/when C" says where the
 * Deny applies (its scope, kept as written), "deny … unless/without/only if C" what is required (the
 * Deny applies where it fails). Read for the hints of a Deny request, and for those said after a deny
 * cue of its own in an Allow request ("…, but deny the action when …"); such a hint is the Deny's alone
 * (`appliesTo.effect`): an Allow that required a scope would allow only what is denied.
 * A hint with no opener before it, after its sentence's deny cue, is left to its kind.
 */
export function conditionsByOpener(text: string, tokens: readonly Token[], hints: readonly ConditionHint[], effect: Effect): ConditionHint[] {
    const lower = text.toLowerCase();
    return hints.map((hint) => {
        const at = positionOf(lower, tokens, hint.matched[0]);
        if (at == null)
            return hint;
        const cue = denialBefore(tokens, at);
        if (effect === "Allow" && cue == null)
            return hint;
        const opener = openerBefore(tokens, at, cue ?? -1);
        if (opener == null)
            return hint;
        const own = effect === "Allow" ? {appliesTo: {...hint.appliesTo, effect: "Deny" as const}} : {};
        return {...hint, opener, ...own};
    });
}

/** The token index of the deny cue that opens a Deny of its own before `at` in its sentence, if any. */
function denialBefore(tokens: readonly Token[], at: number): number | undefined {
    for (let k = at - 1; k >= 0 && tokens[k]!.sentence === tokens[at]!.sentence; k--)
        if (opensDenial(tokens, k))
            return k;
    return undefined;
}

/**
 * The opener nearest before token `at` in its sentence (after `after`): a scope word ("if", "when")
 * unless a modifier makes it a requirement ("only if", "except when") or the phrase it opens is
 * negated ("if MFA is not present", "when the request comes from outside …"); a requirement word
 * ("unless", "without", "except").
 */
export function openerBefore(tokens: readonly Token[], at: number, after = -1): "scope" | "requirement" | undefined {
    const sentence = tokens[at]!.sentence;
    for (let k = at - 1; k > after && tokens[k]!.sentence === sentence; k--) {
        const word = tokens[k]!.lower;
        if (REQUIREMENT_OPENERS.has(word))
            return "requirement";
        if (!SCOPE_OPENERS.has(word))
            continue;
        const before = tokens[k - 1];
        if (before != null && before.sentence === sentence && REQUIREMENT_MODIFIERS.has(before.lower))
            return "requirement";
        return negatedAfter(tokens, k, at) ? "requirement" : "scope";
    }
    return undefined;
}

/** A negator between the opener at `k` and the end of the clause of the phrase at `at` (or the next opener). */
function negatedAfter(tokens: readonly Token[], k: number, at: number): boolean {
    const {sentence, clause} = tokens[at]!;
    for (let j = k + 1; j < tokens.length && tokens[j]!.sentence === sentence; j++) {
        const word = tokens[j]!.lower;
        if (j > at && (tokens[j]!.clause !== clause || SCOPE_OPENERS.has(word)))
            break;
        if (NEGATORS.has(word))
            return true;
    }
    return false;
}
