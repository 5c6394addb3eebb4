import {ARTICLES, typeHeadWords, type ServiceMention} from "./detectServices.js";
import type {Catalog} from "../catalog/Catalog.js";
import {capitalise, lemmas, nameWords, phraseNorms, spanOwners, STOPWORDS, type Token, typeWords} from "./text.js";
import type {AccessIntent, Effect} from "./types.js";
import type {AccessLevel} from "../catalog/types.js";
import {memoPerService} from "./memoPerService.js";
import {intentVocabulary, serviceVocabulary, type VerbEntry} from "./vocabulary.js";
import {lexicon} from "./lexicon.js";
import {lexiconWords, nominalVerb} from "./words.js";
import {ServiceNounIndex} from "./ServiceNounIndex.js";
import {isActorHead, isDescribingParticiple, isModifierBeforeHead, isPhraseFinalName, principalPhrases} from "./namePositions.js";
import {inAbilityClause, isInCondition} from "./conditionClauses.js";
import {tableForms} from "../catalog/lemmaTable.js";

/*
 * The verbs of a request: lexicon verbs, the catalog's own, nouns of action and adjectives of making,
 * each with whether it is negated or denied, and the request's overall effect. Part of detectIntents.
 */

/** A verb or access phrase found in the request. */
export interface VerbHit {
    entry: VerbEntry;
    /** The entry's first word: the key of bundles (`pull`, `read`). */
    verb: string;
    start: number;
    end: number;
    words: string;
    negated: boolean;
    /** Negated by a deny word inside an allow ("… but block deleting them"): a Deny of its own. */
    denied?: boolean;
}

/** Verbs that can be about writing the policy itself ("create a policy", "write an execution role"). */
const AFTER_NEGATIONS = lexiconWords("afterNegations");
const NAME_PATTERN_VERBS = lexiconWords("namePatternVerbs");
const AUTHORING_VERBS = lexiconWords("authoringVerbs");
/** Words that make such a verb about the policy itself. */
const META_OBJECTS = lexiconWords("metaObjects");
/** What follows the policy or role a request asks to write: what it is for. */
const META_CONNECTORS = lexiconWords("metaConnectors");
const META_SKIPPABLE = lexiconWords("metaSkippable");
const MAX_PHRASE_WORDS = 3;
const CONDITION_OPENERS = lexiconWords("conditionOpeners");
const PRONOUNS = lexiconWords("pronouns");
/** Words before a deny word that make it a request of its own ("and deny", "but also block"). */
const DENY_OPENERS = lexiconWords("denyOpeners");
/** Verbs that deny when someone follows and then "from" and what they may not do ("stop the interns from deleting …"). */
const DENY_FROM_VERBS = lexiconWords("denyFromVerbs");
/** How far "from" may be after such a verb: "keep [the contractors of team B] from". */
const DENY_FROM_REACH = 6;

/** "Stop the contractors from deleting…", "keep users from…": a deny cue, not the verb Stop. */
function isDenyFrom(tokens: readonly Token[], i: number): boolean {
    if (!lemmas(tokens[i]!.lower).some((lemma) => DENY_FROM_VERBS.has(lemma)))
        return false;
    for (let k = i + 1; k < Math.min(tokens.length, i + DENY_FROM_REACH) && tokens[k]!.clause === tokens[i]!.clause; k++)
        if (tokens[k]!.lower === "from")
            return /ing$/.test(tokens[k + 1]?.lower ?? "");
    return false;
}

/**
 * "… but deny deleting", "and block …", "Deny …" at a sentence's start: a deny cue that opens a Deny of
 * its own; "this prevents users from …" only describes.
 */
export function opensDenial(tokens: readonly Token[], k: number): boolean {
    if (!intentVocabulary().denyWords.includes(tokens[k]!.lower) && !isDenyFrom(tokens, k))
        return false;
    const before = tokens[k - 1];
    return before == null || before.sentence !== tokens[k]!.sentence || before.clause !== tokens[k]!.clause || DENY_OPENERS.has(before.lower);
}

const ACTION_WORDS = lexiconWords("actionWords");
const DETERMINERS = new Set([...lexiconWords("articles"), ...lexiconWords("policyDeterminers")]);
const OPENERS = new Set([...CONDITION_OPENERS, ...lexiconWords("scopeOpeners"), ...lexiconWords("requirementOpeners"), ...lexiconWords("requirementModifiers")]);

/**
 * "Let developers start instances, but deny the action when …", "… but deny it if …": a deny cue whose
 * object is the action itself (lexicon actionWords, pronouns) followed by a condition opener denies the
 * verbs asked before it in its sentence, under that condition. Their hits again, denied.
 */
function deniedAgain(tokens: readonly Token[], k: number, hits: readonly VerbHit[]): VerbHit[] {
    let j = k + 1;
    let refers = false;
    for (; j < tokens.length && j <= k + 3 && tokens[j]!.sentence === tokens[k]!.sentence; j++) {
        const token = tokens[j]!;
        if (ACTION_WORDS.has(token.norm) || PRONOUNS.has(token.lower))
            refers = true;
        else if (!DETERMINERS.has(token.lower))
            break;
    }
    // A lone demonstrative is the action too: "deny that if …".
    refers ||= j === k + 2 && DETERMINERS.has(tokens[k + 1]!.lower) && /^th/.test(tokens[k + 1]!.lower);
    if (!refers || !OPENERS.has(tokens[j]?.lower ?? "") || tokens[j]!.sentence !== tokens[k]!.sentence)
        return [];
    return hits.filter((hit) => !hit.negated && hit.end <= k && tokens[hit.start]!.sentence === tokens[k]!.sentence)
        .map((hit) => ({...hit, negated: true, denied: true}));
}

interface VerbTable {
    phrases: Map<string, {entry: VerbEntry; length: number; verb: string}>;
    longest: number;
}

let verbTable: VerbTable | undefined;

function verbs(): VerbTable {
    if (verbTable == null) {
        const phrases = new Map<string, {entry: VerbEntry; length: number; verb: string}>();
        for (const entry of intentVocabulary().verbs) {
            // Synonyms are one verb from here on ("view-only" reads as "read only"): what follows cannot tell them apart.
            const canonical = phraseNorms(entry.words[0]!).join(" ");
            for (const word of entry.words) {
                const norms = phraseNorms(word);
                phrases.set(norms.join(" "), {entry, length: norms.length, verb: canonical});
            }
        }
        verbTable = {phrases, longest: MAX_PHRASE_WORDS};
    }
    return verbTable;
}

/** The request's overall effect: Deny when its first cue is "deny"/"prevent"/"block", or it is a guardrail with no "allow". */
export function detectEffect(tokens: readonly Token[]): Effect {
    const vocabulary = intentVocabulary();
    const deny = new Set(vocabulary.denyWords);
    const allow = new Set(vocabulary.allowWords);
    const table = verbs();
    // The first cue decides: "Deny all S3 deletes" is a deny; "Provide read and write access, but deny deleting" is not.
    for (const [index, token] of tokens.entries()) {
        if (deny.has(token.lower) || isDenyFrom(tokens, index))
            return "Deny";
        if (allow.has(token.lower) || lemmas(token.lower).some((lemma) => table.phrases.get(lemma)?.length === 1))
            break;
    }
    return tokens.some((token) => vocabulary.guardrailWords.includes(token.lower)) && !tokens.some((token) => allow.has(token.lower)) ? "Deny" : "Allow";
}

/** Token indexes of the verbs in a request (a verb is not a resource type: "view CloudWatch dashboards"). */
export function verbTokenIndexes(tokens: readonly Token[], mentions: readonly ServiceMention[], effect: Effect, catalog?: Catalog): Set<number> {
    const indexes = new Set<number>();
    for (const hit of findVerbs(tokens, mentions, effect, catalog))
        for (let k = hit.start; k < hit.end; k++)
            indexes.add(k);
    return indexes;
}

export function findVerbs(tokens: readonly Token[], mentions: readonly ServiceMention[], effect: Effect, catalog?: Catalog): VerbHit[] {
    const table = verbs();
    const catalogVerbs = catalog == null ? new Set<string>() : actionVerbsOf(catalog, mentions);
    const mentionAt = spanOwners(tokens.length, mentions);
    const principal = principalPhrases(tokens);
    const vocabulary = intentVocabulary();
    const negations = new Set(vocabulary.negations);
    const denyWords = new Set(vocabulary.denyWords);
    const hits: VerbHit[] = [];
    for (let i = 0; i < tokens.length; i++) {
        // Words inside a service phrase count only when the phrase starts with them ("write logs", not "Parameter Store").
        if (mentionAt[i]! >= 0 && mentions[mentionAt[i]!]!.start < i)
            continue;
        const found = isDenyFrom(tokens, i) ? undefined
            : matchVerb(tokens, i, table) ?? (catalog == null ? undefined : catalogVerb(tokens, i, catalogVerbs, catalog)) ?? nominalAct(tokens, i, table, catalogVerbs, catalog)
                ?? creationAdjective(tokens, i, table);
        if (found == null) {
            if (effect === "Allow" && opensDenial(tokens, i))
                hits.push(...deniedAgain(tokens, i, hits));
            continue;
        }
        const {entry, length, verb} = found;
        // A lone word inside an identifier ("data-uploads") is a name, not a verb; "read-only" is a phrase.
        // "names that start with dev-" describes a name, it asks for nothing.
        if ((length === 1 && tokens[i]!.compound) || (NAME_PATTERN_VERBS.has(verb) && tokens[i + 1]?.lower === "with"))
            continue;
        // "the uploads bucket", "the deploy role", "the build project": a word between a determiner and a resource type,
        // or a noun for who acts, modifies it; "the bucket owner to …": a principal's words ask for nothing.
        if (length === 1 && (isModifierBeforeHead(tokens, i, (after) => isActorHead(after) || (catalog != null && isTargetTypeHead(after, catalog, mentions)))
            || principal.has(i) || (catalog != null && nominalVerb(tokens[i]!.norm) == null && isNameAfterType(tokens, i, catalog, mentions))))
            continue;
        // "CloudTrail logs stored in the bucket", "objects created by CI": a participle describes the noun before it.
        if (length === 1 && (isDescribingParticiple(tokens, i) || afterDescribingParticiple(tokens, i, catalog) || (catalog != null && namesAThing(tokens, i, catalog))))
            continue;
        // "create alarms that can only send SNS notifications": what the thing may do, not what is granted.
        if (inAbilityClause(tokens, i))
            continue;
        // "delete any launch template": a verb's word that begins a named service's resource type is that type.
        if (length === 1 && catalog != null && beginsTargetType(tokens, i, catalog, mentions))
            continue;
        if (((AUTHORING_VERBS.has(verb) || lemmas(tokens[i]!.lower).some((form) => AUTHORING_VERBS.has(form))) && isAboutThePolicy(tokens, i + length, mentionAt)) || isInCondition(tokens, i)) {
            i += length - 1;
            continue;
        }
        // "change nothing", "delete none of them": the negation follows the verb.
        // "except deleting buckets": "except" opens the verb's clause, so the loop below does not see it.
        let negated = AFTER_NEGATIONS.has(tokens[i + length]?.lower ?? "") || tokens[i - 1]?.lower === "except";
        let denied = false;
        for (let k = i - 1; k >= negationReach(tokens, i); k--) {
            if (negations.has(tokens[k]!.lower)) {
                negated = true;
                break;
            }
            if (effect === "Allow" && (denyWords.has(tokens[k]!.lower) || isDenyFrom(tokens, k))) {
                // "… but block deleting them" asks for a Deny; "this prevents users from …" only describes.
                negated = true;
                denied = opensDenial(tokens, k);
                break;
            }
        }
        hits.push({entry, verb, start: i, end: i + length, words: tokens.slice(i, i + length).map((token) => token.text).join(" "), negated, ...(denied ? {denied} : {})});
        i += length - 1;
    }
    return hits;
}


const EXAMPLE_OPENERS = lexiconWords("exampleOpeners");

/**
 * Where the words that may negate the verb at `i` begin: its clause, and before a clause of examples
 * ("not allowed to manage the workgroup, such as updating or deleting it") the clause they exemplify.
 */
function negationReach(tokens: readonly Token[], i: number): number {
    let start = i;
    while (start > 0 && tokens[start - 1]!.clause === tokens[i]!.clause)
        start--;
    while (start > 0 && EXAMPLE_OPENERS.has(tokens[start]!.lower) && tokens[start - 1]!.sentence === tokens[start]!.sentence) {
        const clause = tokens[start - 1]!.clause;
        while (start > 0 && tokens[start - 1]!.clause === clause)
            start--;
    }
    return start;
}

/**
 * "Allow invocation of the function", "Deny deletion": a noun of action names (lexicon/nominals.json)
 * asks for its verb where it heads what is asked, after a permission cue or before "of"; listed as
 * an object ("manage topics and subscriptions") or right after a verb ("scheduling deletion of keys")
 * it stays a noun.
 */
function nominalAct(tokens: readonly Token[], i: number, table: VerbTable, catalogVerbs: ReadonlySet<string>, catalog: Catalog | undefined): {entry: VerbEntry; length: number; verb: string} | undefined {
    const verb = nominalVerb(tokens[i]!.norm);
    const listed = verb == null ? undefined : table.phrases.get(verb);
    const entry = listed?.length === 1 ? listed
        : verb != null && catalog != null && catalogVerbs.has(verb) ? catalogVerbHit(verb, 1, catalog) : undefined;
    if (entry == null)
        return undefined;
    const {allowWords, denyWords} = intentVocabulary();
    const before = tokens[i - 1];
    // "Allow invocation", "Restrict job submission", "… on job submission": a cue or the moment of the act.
    const isCue = (token: Token | undefined) => token != null && token.clause === tokens[i]!.clause
        && (OCCASION_PREPOSITIONS.has(token.lower) || lemmas(token.lower).some((form) => allowWords.includes(form) || denyWords.includes(form) || NARROWING_CUES.has(form)));
    // The cue, perhaps with the act's object between.
    const cue = isCue(before) || (before != null && /^[a-z]+$/.test(before.lower) && !STOPWORDS.has(before.lower) && isCue(tokens[i - 2]));
    const ofFollows = tokens[i + 1]?.lower === "of" && (before == null || !table.phrases.has(before.lower) && !lemmas(before.lower).some((form) => table.phrases.get(form)?.length === 1));
    return cue || ofFollows ? {entry: entry.entry, length: 1, verb: entry.verb} : undefined;
}

const OCCASION_PREPOSITIONS = lexiconWords("occasionPrepositions");
const NARROWING_CUES = lexiconWords("narrowingCues");
const CREATION_ADJECTIVES = lexiconWords("creationAdjectives");

/**
 * "Require tags on new functions": where no verb comes before it in its sentence, an adjective of
 * making (lexicon creationAdjectives) before a noun asks about creating it. "Allow reading new objects" reads.
 */
function creationAdjective(tokens: readonly Token[], i: number, table: VerbTable): {entry: VerbEntry; length: number; verb: string} | undefined {
    const [token, next] = [tokens[i]!, tokens[i + 1]];
    const create = table.phrases.get("create");
    if (create == null || !CREATION_ADJECTIVES.has(token.lower) || next == null || next.clause !== token.clause || STOPWORDS.has(next.lower))
        return undefined;
    for (let k = i - 1; k >= 0 && tokens[k]!.sentence === token.sentence; k--)
        if (lemmas(tokens[k]!.lower).some((form) => table.phrases.get(form)?.length === 1))
            return undefined;
    return {entry: create.entry, length: 1, verb: create.verb};
}

/** "termination protection", "deletion protection": a noun of action names that begins a catalog noun names a thing, not an act. */
function namesAThing(tokens: readonly Token[], i: number, catalog: Catalog): boolean {
    const next = tokens[i + 1];
    return next != null && next.clause === tokens[i]!.clause && nominalVerb(tokens[i]!.norm) != null
        && ServiceNounIndex.for(catalog).isCatalogNoun(tokens[i]!.norm + next.norm);
}

/**
 * "launch template", "build project", "pull requests": the word and the next spell a resource type, or
 * a noun of the action names, of a service the request names.
 */
function beginsTargetType(tokens: readonly Token[], i: number, catalog: Catalog, mentions: readonly ServiceMention[]): boolean {
    const next = tokens[i + 1];
    if (next == null || next.clause !== tokens[i]!.clause)
        return false;
    const nouns = ServiceNounIndex.for(catalog);
    const joined = tokens[i]!.lower + next.norm;
    const owners = nouns.compoundTypeOwners(joined);
    return mentions.some((mention) => mention.role === "target" && (owners.includes(mention.service) || nouns.serviceHasNoun(mention.service, joined)));
}

/**
 * "the named queries", "any saved searches": after an article and a participle, a verb's form is a noun;
 * so it is after a participle the catalog runs together with it ("about named queries": NamedQuery).
 */
function afterDescribingParticiple(tokens: readonly Token[], i: number, catalog: Catalog | undefined): boolean {
    const [article, participle] = [tokens[i - 2], tokens[i - 1]];
    if (participle == null || participle.clause !== tokens[i]!.clause || !/^[a-z]{3,}ed$/.test(participle.lower))
        return false;
    return (article != null && article.clause === tokens[i]!.clause && ARTICLES.has(article.lower))
        || (catalog != null && ServiceNounIndex.for(catalog).isCatalogNoun(participle.lower + tokens[i]!.norm));
}


/** "bucket", "table": the last word of a resource type of a service the request targets. */
function isTargetTypeHead(token: Token, catalog: Catalog, mentions: readonly ServiceMention[]): boolean {
    return mentions.some((mention) => mention.role === "target" && typeHeadWords(catalog, mention.service).has(token.norm));
}

/** "the S3 bucket exports", "the queue jobs in SQS": a word right after a resource type that ends its phrase is its name. */
function isNameAfterType(tokens: readonly Token[], i: number, catalog: Catalog, mentions: readonly ServiceMention[]): boolean {
    return isPhraseFinalName(tokens, i, (before) => isTargetTypeHead(before, catalog, mentions));
}

/** Words that begin action names but in requests are mostly something else ("using KMS", "the request comes from"). */
const NOT_CATALOG_VERBS = lexiconWords("notCatalogVerbs");
/** First words of a service's action names (renew, failover, backtrack), less those that name its resources or data. */
const firstVerbsOf = memoPerService((catalog, service) => {
    // A word that names the service's resources or data ("objects", "image") is a noun, not a verb.
    const nouns = new Set([
        ...(catalog.service(service)?.resourceTypes ?? []).flatMap((type) => typeWords(type.name)),
        ...serviceVocabulary().dataNouns[service] ?? []
    ]);
    return new Set((catalog.service(service)?.actions ?? []).map((action) => nameWords(action.name)[0]!)
        .filter((word) => !NOT_CATALOG_VERBS.has(word) && !nouns.has(word)));
});

/** First words of the target services' action names: verbs the vocabulary need not list. */
function actionVerbsOf(catalog: Catalog, mentions: readonly ServiceMention[]): Set<string> {
    const verbsFound = new Set<string>();
    for (const service of new Set(mentions.filter((mention) => mention.role === "target").map((mention) => mention.service)))
        firstVerbsOf(catalog, service).forEach((word) => verbsFound.add(word));
    return verbsFound;
}

/** "renewing ACM certificates" → Renew…, "fail over the cluster" → Failover…: a verb the catalog knows for these services. */
function catalogVerb(tokens: readonly Token[], i: number, catalogVerbs: ReadonlySet<string>, catalog: Catalog): {entry: VerbEntry; length: number; verb: string} | undefined {
    const pair = tokens[i + 1] != null && tokens[i + 1]!.sentence === tokens[i]!.sentence ? tokens[i + 1]!.lower : undefined;
    for (const lemma of lemmas(tokens[i]!.lower)) {
        if (pair != null && catalogVerbs.has(lemma + pair))
            return catalogVerbHit(lemma + pair, 2, catalog);
        if (catalogVerbs.has(lemma) && lemma.length > 2)
            return catalogVerbHit(lemma, 1, catalog);
    }
    return undefined;
}

/** A verb the lexicon lacks, as an entry: named after its actions, with the access most of them have ("renew" → Write). */
function catalogVerbHit(verb: string, length: number, catalog: Catalog): {entry: VerbEntry; length: number; verb: string} {
    const level = catalog.verbLevel(verb);
    return {entry: {words: [verb], access: level == null ? [] : accessOfLevel(level), names: [capitalise(verb)]}, length, verb};
}

/** The kind of access whose first catalog level this is (Read → read, Tagging → tagging), from verbs.json's `access`. */
function accessOfLevel(level: AccessLevel): AccessIntent[] {
    const found = Object.entries(intentVocabulary().access).find(([, entry]) => entry.levels[0] === level);
    return found == null ? [] : [found[0] as AccessIntent];
}


function matchVerb(tokens: readonly Token[], i: number, table: VerbTable) {
    for (let length = Math.min(table.longest, tokens.length - i); length >= 2; length--) {
        const slice = tokens.slice(i, i + length);
        if (slice.some((token) => token.sentence !== tokens[i]!.sentence))
            continue;
        // "turning off" → "turn off": the first word in any inflection.
        const rest = slice.slice(1).map((token) => token.norm).join(" ");
        for (const first of lemmas(tokens[i]!.lower)) {
            const found = table.phrases.get(`${first} ${rest}`);
            if (found != null && found.length === length)
                return found;
        }
    }
    for (const lemma of lemmas(tokens[i]!.lower)) {
        const found = table.phrases.get(lemma);
        if (found != null && found.length === 1)
            return found;
    }
    return typedQuickly(tokens[i]!, table);
}

/**
 * "lsit", "wirte", "delte": a word no list of the project knows that one swap of neighbouring letters
 * makes a verb of the lexicon is that verb, typed fast. Only where exactly one verb comes out.
 */
function typedQuickly(token: Token, table: VerbTable) {
    const word = token.text;
    if (!/^[a-z]{4,}$/.test(word) || tableForms(word) != null)
        return undefined;
    const found = new Set<{entry: VerbEntry; length: number; verb: string}>();
    for (let k = 0; k + 1 < word.length; k++) {
        const swapped = word.slice(0, k) + word[k + 1] + word[k] + word.slice(k + 2);
        for (const lemma of swapped === word ? [] : lemmas(swapped)) {
            const entry = table.phrases.get(lemma);
            if (entry != null && entry.length === 1)
                found.add(entry);
        }
    }
    return found.size === 1 ? [...found][0] : undefined;
}

const CAMEL_CASE = /^[A-Z][a-z]+(?:[A-Z][a-z0-9]*)+$/;

function isAboutThePolicy(tokens: readonly Token[], from: number, mentionAt: Int32Array): boolean {
    for (let k = from; k < Math.min(tokens.length, from + 5); k++) {
        // "create a policy that …", "write an IAM role for …"; "allow creating IAM roles" creates roles.
        if (META_OBJECTS.has(tokens[k]!.norm)) {
            const next = tokens[k + 1];
            // "Create an IAM policy, such as …": a policy's own noun ends its clause; "creating IAM roles, and …" creates roles.
            const endsClause = next == null || next.clause !== tokens[k]!.clause;
            return next != null && next.sentence === tokens[k]!.sentence && (META_CONNECTORS.has(next.lower) || (endsClause && isPolicyHead(tokens[k]!.lower)));
        }
        // "adding the StringEquals condition": a word in CamelCase names an element of the policy.
        if (!META_SKIPPABLE.has(tokens[k]!.lower) && mentionAt[k]! < 0 && !CAMEL_CASE.test(tokens[k]!.text))
            return false;
    }
    return false;
}

/** The framing lexicon's one-word heads ("policy", "statement"): nouns for the document itself. */
function isPolicyHead(word: string): boolean {
    return lexicon().framing.heads.some((head) => head.length === 1 && head[0] === word);
}

/** Words that turn a negated verb's object into the resources not named ("cannot work with other launch templates"). */
const OTHER_WORDS = lexiconWords("otherWords");
const OTHER_REACH = 4;

/**
 * "Users cannot work with other launch templates": a negation about the resources the request does
 * not name restates least privilege; it rules out no action on the ones it names.
 */
export function aboutOtherResources(tokens: readonly Token[], hit: VerbHit): boolean {
    for (let k = hit.end; k < Math.min(tokens.length, hit.end + OTHER_REACH) && tokens[k]!.clause === tokens[hit.start]!.clause; k++) {
        if (OTHER_WORDS.has(tokens[k]!.lower))
            return true;
    }
    return false;
}
