import {ACTOR_FOLLOWERS, ACTOR_NOUNS, ARTICLES, type ServiceMention} from "./detectServices.js";
import {lemmas, type Token} from "./text.js";
import {verbWords} from "./vocabulary.js";
import {lexiconWords} from "./words.js";

/*
 * Who acts in a request, as opposed to what it grants on: "a Lambda function to read …", "the ECS
 * tasks that …", "Lambda execution role". Part of detectServices.
 */

/** "My Lambda reads from S3": at the start of a sentence, a verb right after the service makes it the actor. */
const ACTING_VERBS = lexiconWords("actingVerbs");
const ACTOR_OPENERS = lexiconWords("actorOpeners");
/** "Grant the Glue job read access to …": after grant/give, what the actor receives follows directly. */
const GRANT_OPENERS = lexiconWords("grantOpeners");
const GRANT_FOLLOWERS = lexiconWords("grantFollowers");
const ROLE_WORDS = lexiconWords("roleWords");
const ROLE_CONTAINERS = lexiconWords("roleContainers");

/** An opener in any form of its verb: "granting", "gives" and "grant" open alike. */
function isOpener(openers: ReadonlySet<string>, token: Token): boolean {
    return lemmas(token.lower).some((form) => openers.has(form));
}

/**
 * "a Lambda function to …", "ECS tasks that …", "Lambda execution role", "instance profile for EC2":
 * the service is who acts, not what is granted.
 */
export function isActor(tokens: readonly Token[], mention: ServiceMention): boolean {
    let j = mention.end;
    // "Lambda function", "ECS task" may be the service phrase itself.
    let actorNouns = mention.end - mention.start > 1 && ACTOR_NOUNS.has(tokens[mention.end - 1]!.norm) ? 1 : 0;
    // "a Lambda function process the records": an actor noun followed by an article is the verb of what it does.
    while (j < tokens.length && j - mention.end < 3 && ACTOR_NOUNS.has(tokens[j]!.norm) && tokens[j]!.sentence === tokens[mention.start]!.sentence && !ARTICLES.has(tokens[j + 1]?.lower ?? "")) {
        j++;
        actorNouns++;
    }
    const next = tokens[j];
    const sameSentence = (token: Token | undefined) => token != null && token.sentence === tokens[mention.start]!.sentence;
    // "Lambda execution role", "EC2 instance profile"
    if (sameSentence(next) && ROLE_WORDS.has(next!.norm) && (actorNouns > 0 || tokens[j - 1]?.norm === "execution" || next!.norm === "role"))
        return true;

    let p = mention.start - 1;
    while (p >= 0 && ARTICLES.has(tokens[p]!.lower) && sameSentence(tokens[p]))
        p--;
    // "The ingestion Lambda function needs …": one word between an article and the service describes it.
    if (p >= 1 && sameSentence(tokens[p - 1]) && ARTICLES.has(tokens[p - 1]!.lower) && !isOpener(ACTOR_OPENERS, tokens[p]!) && tokens[p]!.lower !== "for") {
        p -= 2;
        while (p >= 0 && ARTICLES.has(tokens[p]!.lower) && sameSentence(tokens[p]))
            p--;
    }
    const opener = sameSentence(tokens[p]) ? tokens[p] : undefined;
    // "execution role for Lambda", "a policy for its ECS task"
    if (opener?.lower === "for" && p > 0 && ROLE_CONTAINERS.has(tokens[p - 1]!.norm) && (ROLE_WORDS.has(tokens[p - 1]!.norm) || actorNouns > 0))
        return true;
    // "Allow a Lambda function to …", "EC2 instances that …" (at the start of a sentence)
    if (opener == null || isOpener(ACTOR_OPENERS, opener)) {
        // "The Lambda function resize-images needs …": the actor's name comes before what it does.
        let named = j;
        while (named < tokens.length && named - j < 4 && tokens[named]!.compound && sameSentence(tokens[named]))
            named++;
        const next = actorNouns > 0 && named > j ? tokens[named] : tokens[j];
        if (!sameSentence(next))
            return false;
        const follows = ACTOR_FOLLOWERS.has(next!.lower)
            || (opener == null && (ACTING_VERBS.has(next!.lower) || (actorNouns > 0 && isThirdPersonVerb(next!))))
            || (opener != null && isOpener(GRANT_OPENERS, opener) && actorNouns > 0 && GRANT_FOLLOWERS.has(next!.lower))
            // "Let the ECS task pull its image": after "let", the actor is followed by what it does, a bare verb.
            || (opener != null && /^lets?$/.test(opener.lower) && actorNouns > 0 && [`${next!.lower}s`, `${next!.lower}es`].some((verb) => ACTING_VERBS.has(verb)));
        if (!follows || (next!.lower === "to" && tokens[j + 1]?.lower === "be"))
            return false;
        // "a policy for my Lambda to …", "access for the ECS tasks that …"; not "a policy for S3 that …".
        return opener?.lower !== "for" || actorNouns > 0 || next!.lower === "to";
    }
    return false;
}

/** "seeds", "archives": a verb of the lexicon as said of one thing ("the Lambda function seeds the bucket"). */
function isThirdPersonVerb(token: Token): boolean {
    return /s$/.test(token.lower) && lemmas(token.lower).some((lemma) => lemma !== token.lower && verbWords().has(lemma));
}
