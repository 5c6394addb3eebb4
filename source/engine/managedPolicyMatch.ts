import type {ManagedPolicyName} from "../managed/types.js";
import {intentVocabulary} from "../retrieval/vocabulary.js";
import {lexiconWords} from "../retrieval/words.js";
import {lexicon} from "../retrieval/lexicon.js";

export type {ManagedPolicyName};

export interface ManagedPolicyCandidate<Entry extends ManagedPolicyName> {
    policy: Entry;
    /** Jaccard overlap of the name's words and the request's words, 0–1; 1 for a name written in a longer request. */
    score: number;
    /** Written as AWS spells it inside a request that asks for more than the policy ("the equivalent of AWSCodeCommitPowerUser for …"). */
    inText?: boolean;
}

/** Words that say "give me a policy" rather than which one; ignored unless the policy's name has them. */
const FILLER = new Set([
    "a", "an", "the", "for", "to", "of", "with", "that", "this", "is", "my", "our", "me", "us", "i", "we", "it", "please",
    "provide", "give", "grant", "allow", "create", "generate", "write", "make", "need", "want", "show", "get", "find",
    "iam", "managed", "attach", "like", "similar", "equivalent", "permission", "permissions", "can", "should", "which", "what"
]);
/** Words every managed policy name carries, which say nothing about which one. */
const NAME_NOISE = new Set(["aws", "amazon", "policy"]);
/** Below this overlap a request is not asking for that policy. */
const MIN_SCORE = 0.75;

/** Splits CamelCase, acronyms and digits the way managed policy names are read ("AWSWAFFullAccess" → awswaf full access). */
export function nameWords(text: string): string[] {
    return text
        .replace(/([a-z])([A-Z])/g, "$1 $2")
        .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
        .replace(/([0-9])([A-Z])/g, "$1 $2")
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((word) => word.length > 0 && !NAME_NOISE.has(word))
        // "AWSWAF", "AmazonMQ": the vendor glued to an acronym.
        .map((word) => word.replace(/^(aws|amazon)(?=[a-z0-9]{2,})/, ""));
}

/** How far before a managed policy's name a cue may stand ("the equivalent permissions of the …"). */
const CUE_REACH = 5;
let policyWords: ReadonlySet<string> | undefined;

/** The framing lexicon's one-word heads and modifiers of a policy phrase ("managed", "permissions", "policy"). */
function policyPhraseWords(): ReadonlySet<string> {
    const {heads, modifiers} = lexicon().framing;
    policyWords ??= new Set([...heads, ...modifiers].filter((words) => words.length === 1).map(([word]) => word!));
    return policyWords;
}

/**
 * Whether the managed policy named at `index` is the model of what to grant: after a cue such as
 * "equivalent" or "like", or as the subject of a grant ("The OAMReadOnlyAccess policy grants …").
 * A name used beside the policy ("use this policy with the … managed policy") is not.
 */
function isModelOfTheGrant(words: readonly string[], index: number): boolean {
    const cues = lexiconWords("policyReferenceCues");
    if (words.slice(Math.max(0, index - CUE_REACH), index).some((word) => cues.has(word.toLowerCase())))
        return true;
    let next = index + 1;
    while (next < words.length && policyPhraseWords().has(words[next]!.toLowerCase()))
        next++;
    return next > index + 1 && next < words.length && intentVocabulary().allowWords.includes(words[next]!.toLowerCase());
}

function containsSequence(haystack: readonly string[], needle: readonly string[]) {
    outer: for (let start = 0; start + needle.length <= haystack.length; start++) {
        for (let index = 0; index < needle.length; index++)
            if (haystack[start + index] !== needle[index])
                continue outer;
        return true;
    }
    return false;
}

/**
 * Finds the AWS managed policy a request asks for: one it names as AWS spells it, else ("Provide an IAM
 * policy for Amazon S3 Read Only Access" → AmazonS3ReadOnlyAccess) by the overlap of words, after splitting CamelCase and
 * dropping the vendor words and the filler of a request. Returns the best match at or above the
 * threshold; ties go to the name whose words appear in order, then to the name with more words.
 */
export class ManagedPolicyMatcher<Entry extends ManagedPolicyName> {
    /** Each word → the names that have it, so that a request is compared only with names it shares a word with. */
    private readonly byWord = new Map<string, Array<{policy: Entry; words: string[]; set: Set<string>}>>();
    private readonly byName = new Map<string, Entry>();

    constructor(policies: readonly Entry[]) {
        for (const policy of policies) {
            this.byName.set(policy.name, policy);
            const words = nameWords(policy.name);
            const entry = {policy, words, set: new Set(words)};
            for (const word of entry.set) {
                const list = this.byWord.get(word) ?? [];
                list.push(entry);
                this.byWord.set(word, list);
            }
        }
    }

    match(request: string): ManagedPolicyCandidate<Entry> | undefined {
        const byWords = this.matchWords(request);
        if (byWords != null)
            return byWords;
        const words = request.slice(0, 2_000).match(/[A-Za-z0-9_+=,.@-]+/g) ?? [];
        for (const [index, word] of words.entries()) {
            const policy = this.byName.get(word.replace(/[.,]+$/, ""));
            if (policy != null && isModelOfTheGrant(words, index))
                return {policy, score: 1, inText: true};
        }
        return undefined;
    }

    private matchWords(request: string): ManagedPolicyCandidate<Entry> | undefined {
        const requestWords = nameWords(request.slice(0, 2_000));
        if (requestWords.length === 0)
            return undefined;
        const requestSet = new Set(requestWords);
        let best: {policy: Entry; score: number; inOrder: boolean; size: number} | undefined;
        const candidates = new Set([...requestSet].flatMap((word) => this.byWord.get(word) ?? []));
        for (const entry of candidates) {
            let shared = 0;
            for (const word of entry.set)
                if (requestSet.has(word))
                    shared++;
            if (shared === 0)
                continue;
            let content = 0;
            for (const word of requestSet)
                if (!FILLER.has(word) || entry.set.has(word))
                    content++;
            const score = shared / (entry.set.size + content - shared);
            if (score < MIN_SCORE)
                continue;
            const inOrder = containsSequence(requestWords, entry.words);
            if (best == null || score > best.score
                || (score === best.score && (inOrder && !best.inOrder || (inOrder === best.inOrder && entry.set.size > best.size))))
                best = {policy: entry.policy, score, inOrder, size: entry.set.size};
        }
        return best == null ? undefined : {policy: best.policy, score: best.score};
    }
}
