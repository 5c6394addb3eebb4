import {STOPWORDS, type Token} from "./text.js";
import {lexiconWords} from "./words.js";

const ARTICLES = lexiconWords("articles");
/** How far before a name its phrase's determiner may be: "the [S3] [log] bucket exports". */
const DETERMINER_REACH = 5;

/**
 * "the S3 bucket exports", "the queue jobs in SQS": a lower-case word right after a resource type
 * word (`isTypeWord(tokens[i - 1])`), in a phrase a determiner opens, that ends the phrase is the
 * resource's name, even where it is also a verb or a word of action names ("the S3 bucket uploads").
 * "during instance launch" is no name: nothing determines the phrase.
 */
export function isPhraseFinalName(tokens: readonly Token[], i: number, isTypeWord: (token: Token) => boolean): boolean {
    const [before, token, after] = [tokens[i - 1], tokens[i], tokens[i + 1]];
    if (before == null || token == null || before.clause !== token.clause || token.text !== token.lower || !isTypeWord(before))
        return false;
    const endsPhrase = after == null || after.clause !== token.clause || (STOPWORDS.has(after.lower) && !ARTICLES.has(after.lower));
    const determined = tokens.slice(Math.max(0, i - DETERMINER_REACH), i - 1).some((word) => word.clause === token.clause && ARTICLES.has(word.lower));
    return endsPhrase && determined;
}
