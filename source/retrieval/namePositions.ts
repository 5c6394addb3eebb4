import {STOPWORDS, type Token} from "./text.js";
import {intentVocabulary} from "./vocabulary.js";
import {lexiconWords} from "./words.js";

const ARTICLES = lexiconWords("articles");
/** How far before a name its phrase's determiner may be: "the [S3] [log] bucket exports". */
const DETERMINER_REACH = 5;

/**
 * "the S3 bucket exports", "the queue jobs in SQS", "the IAM role Deploy": a word right after a resource type
 * word (`isTypeWord(tokens[i - 1])`), in a phrase a determiner opens, that ends the phrase is the
 * resource's name, even where it is also a verb or a word of action names ("the S3 bucket uploads").
 * "objects in bucket logs": a preposition of place opens it too. "during instance launch" is no name:
 * nothing opens the phrase.
 */
export function isPhraseFinalName(tokens: readonly Token[], i: number, isTypeWord: (token: Token) => boolean): boolean {
    const [before, token, after] = [tokens[i - 1], tokens[i], tokens[i + 1]];
    if (before == null || token == null || before.clause !== token.clause || !/^(?:[a-z]+|[A-Z][a-z0-9]+)$/.test(token.text) || !isTypeWord(before))
        return false;
    const endsPhrase = after == null || after.clause !== token.clause || (STOPWORDS.has(after.lower) && !ARTICLES.has(after.lower));
    // A determiner opens the phrase ("the S3 bucket uploads"), or a preposition of place does ("objects in bucket logs").
    const opener = tokens.slice(Math.max(0, i - DETERMINER_REACH), i - 1).find((word) => word.clause === token.clause && (ARTICLES.has(word.lower) || TARGET_PREPOSITIONS.has(word.lower)));
    return endsPhrase && opener != null;
}

const TARGET_PREPOSITIONS = lexiconWords("targetPrepositions");

/** Nouns for who receives a policy: people ("the bucket owner", "the billing team") and roles ("the deploy role"). */
const PRINCIPAL_HEADS = new Set([...lexiconWords("peopleNouns"), ...lexiconWords("roleWords")]);
/** Nouns for a running thing that acts ("the build project", "the ingest function"). */
const ACTOR_HEADS = lexiconWords("actorNouns");
/** Words after who acts that start what it does ("… to read", "… that needs"). */
const ACTOR_FOLLOWERS = lexiconWords("actorFollowers");
/** Words before a determiner that make what follows who acts ("allow the …", "let the …"). */
const ACTOR_OPENERS = lexiconWords("actorOpeners");
const FUNCTION_WORDS = lexiconWords("functionWords");
/** How many modifiers a principal's phrase may have: "the [S3] [bucket] owner". */
const MODIFIER_REACH = 3;

/**
 * "the deploy role", "the build project", "the uploads bucket": one word between a determiner and a
 * noun (`isHead`) modifies the noun; it is no verb.
 */
export function isModifierBeforeHead(tokens: readonly Token[], i: number, isHead: (token: Token) => boolean): boolean {
    const [before, token, after] = [tokens[i - 1], tokens[i], tokens[i + 1]];
    return before != null && token != null && after != null && ARTICLES.has(before.lower) && before.clause === token.clause && after.clause === token.clause && isHead(after);
}

/** A noun for who acts, people, role or running thing: what a modifier before it describes rather than asks for. */
export function isActorHead(token: Token): boolean {
    return PRINCIPAL_HEADS.has(token.norm) || ACTOR_HEADS.has(token.norm);
}

/**
 * The words of phrases that name who receives the policy: "Allow the bucket owner to …", "Let the table
 * admins read …", "The deploy role needs …". Such a phrase is a determiner, up to three modifiers and a
 * people or role noun, which an opener ("allow", "let") precedes, or an actor follower ("to", "that")
 * follows where nothing or an opener precedes it ("pass the deploy role to EC2" passes a role; "writing to
 * the log group that …" writes to a log group). Its words are
 * neither resource types, names nor objects ("the table users" alone is a table).
 */
export function principalPhrases(tokens: readonly Token[]): Set<number> {
    const words = new Set<number>();
    for (const head of tokens) {
        if (!PRINCIPAL_HEADS.has(head.norm))
            continue;
        let article = head.index - 1;
        while (article >= 0 && head.index - article <= MODIFIER_REACH && tokens[article]!.clause === head.clause && !ARTICLES.has(tokens[article]!.lower))
            article--;
        if (article < 0 || article === head.index - 1 || tokens[article]!.clause !== head.clause || !ARTICLES.has(tokens[article]!.lower))
            continue;
        const [opener, follower] = [tokens[article - 1], tokens[head.index + 1]];
        const before = opener != null && opener.sentence === head.sentence ? opener : undefined;
        // "Allow the bucket owner …", "let the table admins …"; after a preposition it may be a name ("for the table users").
        const opened = before != null && ACTOR_OPENERS.has(before.lower) && !FUNCTION_WORDS.has(before.lower);
        // "The deploy role needs …", "a policy for the deploy role to …"; not "writing to the log group that …".
        const followed = follower != null && follower.clause === head.clause && ACTOR_FOLLOWERS.has(follower.lower) && (before == null || ACTOR_OPENERS.has(before.lower));
        if (!opened && !followed)
            continue;
        for (let k = article + 1; k <= head.index; k++)
            words.add(k);
    }
    return words;
}

const PARTICIPLE_PREPOSITIONS = lexiconWords("participlePrepositions");

/** "CloudTrail logs stored in the bucket", "objects created by CI": a participle that describes the noun before it. */
export function isDescribingParticiple(tokens: readonly Token[], i: number): boolean {
    const [before, token, after] = [tokens[i - 1], tokens[i]!, tokens[i + 1]];
    if (before == null || after == null || before.clause !== token.clause || !/^[a-z]{3,}ed$/.test(token.lower) || !PARTICIPLE_PREPOSITIONS.has(after.lower))
        return false;
    const {allowWords, denyWords} = intentVocabulary();
    return /^[a-z]/i.test(before.text) && !STOPWORDS.has(before.lower) && !allowWords.includes(before.lower) && !denyWords.includes(before.lower);
}
