import type {Catalog} from "../catalog/Catalog.js";
import {composedActionNames, findActionFamilies, findBareActionNames, serviceOfBareName} from "./bareActionNames.js";
import type {NamedAction, ServiceMention} from "./detectServices.js";
import {lexicon} from "./lexicon.js";
import {memoPerService} from "./memoPerService.js";
import {ServiceNounIndex} from "./ServiceNounIndex.js";
import {capitalise, lemmas, nameWords, spanOwners, STOPWORDS, type Token} from "./text.js";
import {intentVocabulary, serviceVocabulary, verbWords} from "./vocabulary.js";
import {lexiconWords, nominalVerb} from "./words.js";

/**
 * How a request names a service other than by its name: nouns the curated list or the catalog ties to
 * one service, API names written alone, and the services it says it does not use. Part of detectServices.
 */

const PEOPLE = lexiconWords("peopleNouns");
const TARGET_PREPOSITIONS = lexiconWords("targetPrepositions");
const ACTION_WORDS = lexiconWords("actionWords");
const NARROWING_CUES = lexiconWords("narrowingCues");

/**
 * A permission request that names no service ("Permit launching only t3.micro instances", "Allow
 * sending messages to the orders queue"): the first noun of each service it implies. Text that asks
 * for nothing ("SELECT * FROM users; DROP TABLE users") implies nothing.
 */
export function impliedServices(tokens: readonly Token[], suppressed: ReadonlyArray<[number, number]>): ServiceMention[] {
    const {allowWords, denyWords} = intentVocabulary();
    if (!tokens.some((token) => allowWords.includes(token.lower) || denyWords.includes(token.lower) || NARROWING_CUES.has(token.lower)))
        return [];
    const implied = serviceVocabulary().impliedBy;
    const found = new Map<string, ServiceMention>();
    tokens.forEach((token, index) => {
        const service = implied[token.norm];
        // "the billing team" is people, not billing.
        const describesPeople = PEOPLE.has(tokens[index + 1]?.norm ?? "");
        if (service != null && !token.compound && !describesPeople && !found.has(service) && !suppressed.some(([start, end]) => index >= start && index < end))
            found.set(service, {service, start: index, end: index + 1, words: token.text, role: "target", implied: true});
    });
    return [...found.values()];
}

/** Words between a verb and its object that are not part of the object's name ("read the secret"). */
const OBJECT_FILLER = lexiconWords("objectFiller");

/**
 * "Read the secret prod/api-key, which is encrypted with a KMS key": a noun that implies its service,
 * as the object of a verb, names that service even beside others; an adjective ("a secret route") or a
 * tag's value ("the key value of Secret") does not.
 */
export function impliedObjects(tokens: readonly Token[], mentions: readonly ServiceMention[], suppressed: ReadonlyArray<[number, number]>): ServiceMention[] {
    const implied = serviceVocabulary().impliedBy;
    const named = new Set(mentions.map((mention) => mention.service));
    const inMention = spanOwners(tokens.length, mentions);
    const found = new Map<string, ServiceMention>();
    tokens.forEach((token, index) => {
        const service = implied[token.norm];
        if (service == null || named.has(service) || found.has(service) || token.compound || inMention[index]! >= 0 || suppressed.some(([start, end]) => index >= start && index < end))
            return;
        if (isVerbsObject(tokens, index, false))
            found.set(service, {service, start: index, end: index + 1, words: token.text, role: "target", implied: true});
    });
    return [...found.values()];
}


/**
 * Whether the word at `index` is what a verb of the lexicon acts on: the verb before it in its clause,
 * with only filler between ("read the secret"), or, `throughPreposition`, one preposition of place too
 * ("publishing to topics"). A keyword in capitals ("DROP TABLE users") is code, not a request.
 */
function isVerbsObject(tokens: readonly Token[], index: number, throughPreposition: boolean): boolean {
    const token = tokens[index]!;
    let k = index - 1;
    while (k >= 0 && OBJECT_FILLER.has(tokens[k]!.lower) && tokens[k]!.clause === token.clause)
        k--;
    if (throughPreposition && k >= 0 && TARGET_PREPOSITIONS.has(tokens[k]!.lower))
        k--;
    const verb = tokens[k];
    return verb != null && verb.clause === token.clause && verb.text !== verb.text.toUpperCase() && lemmas(verb.lower).some((form) => verbWords().has(form));
}

/**
 * "Allow reading objects in S3 and describing stacks": the object of a verb that none of the services
 * named has, where the catalog's nouns point to another service, names that one too (CloudFormation),
 * with its close rivals. A noun of a named service ("objects" of S3) stays that service's.
 */
export function impliedCatalogObjects(catalog: Catalog, tokens: readonly Token[], mentions: readonly ServiceMention[], suppressed: ReadonlyArray<[number, number]>): ServiceMention[] {
    const nouns = ServiceNounIndex.for(catalog);
    const named = [...new Set(mentions.filter((mention) => mention.role === "target").map((mention) => mention.service))];
    if (named.length === 0)
        return [];
    const inMention = spanOwners(tokens.length, mentions);
    // A named service's own word for the thing ("folder" of S3 is its object) keeps it that service's.
    const synonyms = serviceVocabulary().nounSynonyms;
    const found = new Map<string, ServiceMention>();
    tokens.forEach((token, index) => {
        if (token.compound || inMention[index]! >= 0 || PEOPLE.has(token.norm) || ACTION_WORDS.has(token.norm) || !/^[a-z]+$/.test(token.text) || !nouns.isCatalogNoun(token.norm)
            || suppressed.some(([start, end]) => index >= start && index < end)
            || named.some((service) => nouns.serviceHasNoun(service, token.norm) || nouns.serviceHasNoun(service, synonyms["*"]?.[token.norm] ?? "") || synonyms[service]?.[token.norm] != null))
            return;
        if (!isVerbsObject(tokens, index, true))
            return;
        // The noun's phrase ends here ("describing stacks", "stack actions"), or it only modifies a later noun.
        const after = tokens[index + 1];
        if (after != null && after.clause === token.clause && /^[a-z]+$/.test(after.text) && !STOPWORDS.has(after.lower) && !ACTION_WORDS.has(after.norm) && nouns.isCatalogNoun(after.norm))
            return;
        // Only a resource type that one service clearly owns ("stack", "topic"); an action noun many share says too little.
        const best = nouns.impliedBy([token]);
        if (best != null && best.rivals.length === 0 && nouns.endsTypeOf(best.service, token.norm) && !named.includes(best.service) && !found.has(best.service))
            found.set(best.service, {service: best.service, start: index, end: index + 1, words: token.text, role: "target", implied: true});
    });
    return [...found.values()];
}

/** Words between a negation and a service that say the service is not used ("does not use AWS KMS or need Amazon VPC access"). */
const UNUSED_FILLER = lexiconWords("unusedFiller");
const UNUSED_REACH = 8;

/** A service the request says is not used or needed is no target ("a canary that does not use AWS KMS"). */
export function dropUnusedServices(tokens: readonly Token[], mentions: ServiceMention[]) {
    const inMention = spanOwners(tokens.length, mentions);
    const unused = mentions.filter((mention) => isSaidUnused(tokens, mention.start, inMention));
    for (const mention of unused)
        mentions.splice(mentions.indexOf(mention), 1);
}

let negations: ReadonlySet<string> | undefined;

/**
 * Whether the word at `index` follows a negation with only words of use between ("does not use AWS KMS
 * or need Amazon VPC"): another service named in the same breath, even one already dropped, counts as such.
 */
export function isSaidUnused(tokens: readonly Token[], index: number, inMention?: Int32Array): boolean {
    negations ??= new Set([...intentVocabulary().negations, "without"]);
    for (let k = index - 1; k >= Math.max(0, index - UNUSED_REACH) && tokens[k]!.clause === tokens[index]!.clause; k--) {
        if (negations.has(tokens[k]!.lower))
            return true;
        if (!UNUSED_FILLER.has(tokens[k]!.lower) && (inMention?.[k] ?? -1) < 0 && !/^[A-Z]/.test(tokens[k]!.text))
            return false;
    }
    return false;
}

/** "allows the CreateSnapshot API action": an API name written alone names that action of its service. */
export function addBareActionNames(catalog: Catalog, text: string, tokens: readonly Token[], mentions: ServiceMention[], namedActions: NamedAction[]) {
    const named = mentions.map((mention) => mention.service);
    for (const bare of findBareActionNames(catalog, text, tokens)) {
        if (namedActions.some((action) => bare.start >= action.start && bare.start < action.end))
            continue;
        // "AddTagsToResource … to a replication group": the nouns around the name tell whose it is.
        const byNouns = named.some((service) => bare.services.includes(service)) || bare.services.length === 1 ? undefined
            : ServiceNounIndex.for(catalog).bestAmong(tokens, bare.exactCase.length > 0 ? bare.exactCase : bare.services, (index) => index === bare.start);
        const service = byNouns ?? serviceOfBareName(bare, named);
        const name = catalog.action(`${service}:${bare.name}`)?.name ?? bare.name;
        namedActions.push({service, action: `${service}:${name}`, start: bare.start, end: bare.end});
        mentions.push({service, start: bare.start, end: bare.end, words: tokens[bare.start]!.text, role: "target", namesAction: true});
    }
    mentions.sort((a, b) => a.start - b.start);
}

/** The first words of a service's action names ("get", "put"), once per catalog and service. */
export const firstWordsOf = memoPerService((catalog, service) => new Set(catalog.service(service)?.actions.map((action) => nameWords(action.name)[0]!) ?? []));

/**
 * "the Get, List and Describe* actions in Kinesis", "the S3 Put* actions": a family of action names
 * written by its first word is the pattern `kinesis:Get*` of the service named nearest in the sentence.
 */
export function addActionFamilies(catalog: Catalog, text: string, tokens: readonly Token[], mentions: readonly ServiceMention[], namedActions: NamedAction[]) {
    const named = mentions.filter((mention) => mention.role === "target" && mention.implied !== true);
    const withWord = (word: string) => named.filter((mention) => firstWordsOf(catalog, mention.service).has(word.toLowerCase()));
    for (const family of findActionFamilies(text, tokens, (word) => withWord(word).length > 0)) {
        const sameSentence = withWord(family.word).filter((mention) => tokens[mention.start]!.sentence === tokens[family.start]!.sentence);
        const nearest = sameSentence.sort((a, b) => Math.abs(a.start - family.start) - Math.abs(b.start - family.start))[0];
        const action = nearest == null ? undefined : `${nearest.service}:${family.word}*`;
        if (action != null && !namedActions.some((entry) => entry.action === action))
            namedActions.push({service: nearest!.service, action, start: family.start, end: family.end});
    }
}

/**
 * A request that names no service and no noun of the curated list ("create a branch in a repository",
 * "list all workgroups"): the service whose catalog nouns it uses most, with its close rivals.
 */
export function impliedByCatalogNouns(catalog: Catalog, text: string, tokens: readonly Token[], suppressed: ReadonlyArray<[number, number]>): ServiceMention[] {
    if (!asksForSomething(tokens))
        return [];
    const inSuppressed = (index: number) => suppressed.some(([start, end]) => index >= start && index < end);
    // "key=environment,value=dev" is a tag, not a key or an environment.
    const inPair = (token: Token) => text[token.end] === "=" || text[token.start - 1] === "=";
    // Who receives the policy ("administrators", "the user") is not what it grants on.
    const saysNothing = (index: number) => inSuppressed(index) || inPair(tokens[index]!) || PEOPLE.has(tokens[index]!.norm) || principalNoun(tokens[index]!.lower)
        || inBrandName(tokens, index) || isSaidUnused(tokens, index);
    const composed = composedActionNames(catalog, tokens.filter((_, index) => !inSuppressed(index)), (token) => actionVerbsOf(token, catalog));
    const found = ServiceNounIndex.for(catalog).impliedBy(tokens, saysNothing, composed);
    if (found == null)
        return [];
    const joinedAt = (index: number) => tokens[index]!.lower + (tokens[index + 1]?.norm ?? "");
    const at = tokens.findIndex((token, index) => !saysNothing(index) && found.matched.some((term) => term === token.norm || term === joinedAt(index)));
    const start = Math.max(0, at);
    return [{service: found.service, start, end: start + 1, words: tokens[start]!.text, role: "target", implied: true, rivals: found.rivals}];
}

/** How far after its verb a named service may stand and still be the verb's object ("assume the IAM role"). */
const OBJECT_REACH = 4;

/**
 * "Assume the IAM role Deploy": a verb and its object that spell an action of one service only
 * (AssumeRole of STS), where the service named beside the object has no action of that verb (IAM
 * assumes nothing), name the action's service: the named one only says whose the object is.
 */
export function redirectToSpeltActions(catalog: Catalog, tokens: readonly Token[], mentions: ServiceMention[]) {
    // By names alone: a description's looser spelling says less, and reading the descriptions would slow every request.
    const composed = composedActionNames(catalog, tokens, (token) => actionVerbsOf(token, catalog), {descriptions: false}).filter((entry) => entry.literal && entry.services.length === 1);
    for (const entry of composed) {
        const verb = nameWords(entry.name)[0]!;
        const [owner] = entry.services;
        // The object is the named service's own thing ("the IAM role": a role of IAM), named, not implied.
        const mention = mentions.find((candidate) => candidate.namesAction !== true && candidate.implied !== true && candidate.role === "target" && candidate.start > entry.verb
            && candidate.start - entry.verb <= OBJECT_REACH && tokens[candidate.start]!.clause === tokens[entry.verb]!.clause
            && ServiceNounIndex.for(catalog).endsTypeOf(candidate.service, entry.object.at(-1)!));
        if (mention != null && mention.service !== owner && !firstWordsOf(catalog, mention.service).has(verb)) {
            mention.service = owner!;
            // What names it now is the verb with its object ("assume the IAM role"), not the object's owner.
            mention.words = tokens.slice(entry.verb, mention.end).map((token) => token.text).join(" ");
        }
    }
}

/**
 * The first words of action names a request word means: the lexicon's names for its verb, and the word
 * itself; a noun of action names ("submission") means its verb when the catalog names actions after it.
 */
function actionVerbsOf(token: Token, catalog: Catalog): string[] {
    const forms = lemmas(token.lower);
    const entries = intentVocabulary().verbs.filter((verb) => verb.words.some((word) => forms.includes(word)));
    const nominal = nominalVerb(token.norm);
    const catalogVerb = nominal != null && catalog.verbLevel(nominal) != null ? [capitalise(nominal)] : [];
    if (entries.length === 0)
        return catalogVerb;
    return [...new Set([...entries.flatMap((entry) => entry.names ?? []), ...forms.filter((form) => entries.some((entry) => entry.words.includes(form))).map(capitalise), ...catalogVerb])];
}

const BRAND_WORDS = lexiconWords("brandWords");

/**
 * The brand written out ("Amazon Web Services", whose initials spell "AWS"): the provider's own name,
 * not a thing of one of its services ("web" is a noun of Amplify's actions).
 */
function inBrandName(tokens: readonly Token[], index: number): boolean {
    for (let start = Math.max(0, index - 2); start <= index; start++)
        for (let end = index + 1; end <= Math.min(tokens.length, start + 3); end++) {
            const run = tokens.slice(start, end);
            if (run.length > 1 && BRAND_WORDS.has(run[0]!.lower) && run.every((token) => /^[A-Z][a-z]+$/.test(token.text) && token.sentence === run[0]!.sentence)
                && BRAND_WORDS.has(run.map((token) => token.lower[0]).join("")))
                return true;
        }
    return false;
}

function principalNoun(word: string): boolean {
    return lexicon().framing.principalNouns.some(([noun]) => noun === word);
}

/**
 * A permission cue, or a verb of the lexicon written as a word rather than a keyword: text that asks
 * for nothing ("SELECT * FROM users; DROP TABLE users") implies no service.
 */
function asksForSomething(tokens: readonly Token[]): boolean {
    const {allowWords, denyWords, guardrailWords, permissionNouns} = intentVocabulary();
    const cues = new Set([...allowWords, ...denyWords, ...guardrailWords, ...permissionNouns, ...NARROWING_CUES]);
    return tokens.some((token) => lemmas(token.lower).some((lemma) => cues.has(lemma) || (verbWords().has(lemma) && token.text !== token.text.toUpperCase())));
}

