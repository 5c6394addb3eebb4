import type {ServiceMention} from "./detectServices.js";
import {lemmas, type Token} from "./text.js";
import {verbWords} from "./vocabulary.js";
import type {ConditionHint, ResourceHint} from "./types.js";
import {lexiconWords} from "./words.js";

const COORDINATORS = lexiconWords("coordinators");
const CONDITION_OPENERS = lexiconWords("conditionOpeners");

/**
 * "… only if they are tagged", "except users who have MFA enabled": words of a condition, not of the grant.
 * "except deleting buckets" is no condition: it rules the verb out (a negation).
 */
export function isInCondition(tokens: readonly Token[], i: number): boolean {
    const opener = conditionOpenerBefore(tokens, i);
    return opener != null && !(tokens[opener]!.lower === "except" && opener === i - 1);
}

const RELATIVE_PRONOUNS = lexiconWords("relativePronouns");
const CAPABILITY_MODALS = lexiconWords("capabilityModals");
const ABILITY_FILLER = lexiconWords("abilityFiller");

/**
 * "create alarms that can only send SNS notifications or perform Systems Manager actions": after a verb
 * and its object, a relative clause of ability (that/which + can/may …) describes the object. Whether
 * token `i` lies in such a clause, after its modal: its verbs and services grant nothing.
 */
export function inAbilityClause(tokens: readonly Token[], i: number): boolean {
    for (let k = i - 1; k >= 1 && tokens[k]!.clause === tokens[i]!.clause; k--) {
        if (!CAPABILITY_MODALS.has(tokens[k]!.lower))
            continue;
        let pronoun = k - 1;
        while (pronoun > 0 && ABILITY_FILLER.has(tokens[pronoun]!.lower))
            pronoun--;
        if (!RELATIVE_PRONOUNS.has(tokens[pronoun]!.lower) || tokens[pronoun]!.clause !== tokens[i]!.clause)
            continue;
        // The clause must follow what is asked: a verb of the lexicon earlier in the sentence.
        return tokens.slice(0, pronoun).some((token) => token.sentence === tokens[i]!.sentence && lemmas(token.lower).some((form) => verbWords().has(form)));
    }
    return false;
}

/** The condition opener ("if", "unless", "except"…) whose clause holds token `i`, if any. */
export function conditionOpenerBefore(tokens: readonly Token[], i: number): number | undefined {
    for (let k = i - 1; k >= 0 && tokens[k]!.sentence === tokens[i]!.sentence; k--) {
        if (CONDITION_OPENERS.has(tokens[k]!.lower))
            return k;
        if (tokens[k]!.clause !== tokens[i]!.clause)
            return undefined;
    }
    return undefined;
}

/**
 * "read public-assets from anywhere, and write finance-reports only with MFA": a condition belongs to
 * the clause it is said in. Where the request asks for other things in other clauses, the hint gets
 * `appliesTo`, the resources (else the services) its clause names; the engine puts it on their
 * statements only. Where it cannot tell (no verb before the condition in its sentence, nothing named
 * in the clause, one clause in all), the hint stays on every statement: narrower, never wider.
 */
export function conditionsByClause(
    text: string, tokens: readonly Token[], hints: readonly ConditionHint[], resources: readonly ResourceHint[],
    mentions: readonly ServiceMention[], verbIndexes: ReadonlySet<number>
): ConditionHint[] {
    const verbs = [...verbIndexes].sort((a, b) => a - b);
    // Lowered once: every hint and every resource is looked up in it.
    const lower = text.toLowerCase();
    return hints.map((hint) => {
        const at = positionOf(lower, tokens, hint.matched[0]);
        const clause = at == null ? undefined : clauseOf(tokens, verbs, at);
        if (clause == null || verbs.every((index) => index >= clause.start && index < clause.end))
            return hint;
        const inClause = (matched: readonly string[]) => matched.some((words) => {
            const where = positionOf(lower, tokens, words, tokens[clause.start]!.start);
            return where != null && where < clause.end;
        });
        const arns = resources.filter((resource) => resource.excluded !== true && inClause(resource.matched)).map((resource) => resource.arn);
        if (arns.length > 0)
            return {...hint, appliesTo: {resources: arns}};
        const services = mentions.filter((mention) => mention.role === "target" && mention.start >= clause.start && mention.start < clause.end).map((mention) => mention.service);
        return services.length > 0 ? {...hint, appliesTo: {services: [...new Set(services)]}} : hint;
    });
}

/** The token index where these words are first written (from `from` on) in the request lower-cased once by the caller, or undefined. */
export function positionOf(lower: string, tokens: readonly Token[], words: string | undefined, from = 0): number | undefined {
    if (words == null || words === "")
        return undefined;
    const offset = lower.indexOf(words.toLowerCase(), from);
    const index = offset < 0 ? -1 : tokens.findIndex((token) => token.end > offset);
    return index < 0 ? undefined : index;
}

/**
 * The clause of a condition at token `at`: from the verb before it in its sentence (back to the first
 * of a series, "reading and writing") to the next verb of the sentence after it, or the sentence's end.
 */
function clauseOf(tokens: readonly Token[], verbs: readonly number[], at: number): {start: number; end: number} | undefined {
    const sentence = tokens[at]!.sentence;
    const before = verbs.filter((index) => index < at && tokens[index]!.sentence === sentence);
    if (before.length === 0)
        return undefined;
    let start = before.at(-1)!;
    // Verbs joined only by coordinators or a comma share what follows.
    for (let k = before.length - 2; k >= 0; k--) {
        const between = tokens.slice(before[k]! + 1, start);
        if (!between.every((token) => COORDINATORS.has(token.lower)))
            break;
        start = before[k]!;
    }
    const next = verbs.find((index) => index > at && tokens[index]!.sentence === sentence);
    let end = next ?? tokens.length;
    while (end > at + 1 && tokens[end - 1]!.sentence !== sentence)
        end--;
    return {start, end};
}
