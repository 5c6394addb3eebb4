import type {Catalog} from "../catalog/Catalog.js";
import {memoPerService} from "./memoPerService.js";
import {conditionOpenerBefore, inAbilityClause} from "./conditionClauses.js";
import {isActor} from "./actors.js";
import {ServiceNounIndex} from "./ServiceNounIndex.js";
import {ServiceIndex, type ServicePhrase} from "./ServiceIndex.js";
import {addActionFamilies, addBareActionNames, dropUnusedServices, impliedByCatalogNouns, impliedCatalogObjects, impliedObjects, impliedServices, redirectToSpeltActions} from "./serviceEvidence.js";
import {capitalise, groupBy, lemmas, singular, spanOwners, type Token, typeWords} from "./text.js";
import type {DetectedService} from "./types.js";
import {intentVocabulary, serviceVocabulary} from "./vocabulary.js";
import {lexicon, phraseEndAt, type Phrase} from "./lexicon.js";
import {lexiconWords} from "./words.js";

/** One place where the request names a service. */
export interface ServiceMention {
    service: string;
    /** Token range [start, end). */
    start: number;
    end: number;
    words: string;
    role: "target" | "principal";
    /** Written as an action (`iam:PassRole`): the request names what to grant. */
    namesAction?: boolean;
    /** Not named: a noun implied it ("instances" → ec2, see `impliedServices`). */
    implied?: boolean;
    /** Implied by nouns these services have too: a best guess the user should see. */
    rivals?: string[];
}

/** An action named in the request as `service:Action` (or a pattern such as `s3:Get*`). */
export interface NamedAction {
    service: string;
    action: string;
    start: number;
    end: number;
}

const BRAND_WORDS = lexiconWords("brandWords");
export const ARTICLES = lexiconWords("articles");
/** Nouns for a running thing that acts ("a Lambda function", "ECS tasks", "EC2 instances"). */
export const ACTOR_NOUNS = lexiconWords("actorNouns");
/** Words after the actor that start what it does ("… to read", "… that needs"). */
export const ACTOR_FOLLOWERS = lexiconWords("actorFollowers");
const POLICY_DETERMINERS = lexiconWords("policyDeterminers");
const AUTHORING_VERBS = lexiconWords("authoringVerbs");
const POLICY_CONNECTORS = lexiconWords("policyConnectors");

/** People who act or are described ("the billing team", "the cluster admins to …"). */
export const PEOPLE_NOUNS = lexiconWords("peopleNouns");

/**
 * "the secrets table in DynamoDB", "the sns bucket": one word between an article and another named
 * service's resource type is that resource's name, not a service.
 */
function dropNamesBeforeTypes(catalog: Catalog, tokens: readonly Token[], mentions: ServiceMention[]) {
    const typeWordsOf = (service: string) => typeHeadWords(catalog, service);
    for (let k = mentions.length - 1; k >= 0; k--) {
        const mention = mentions[k]!;
        const [before, after] = [tokens[mention.start - 1], tokens[mention.end]];
        if (mention.end - mention.start !== 1 || mention.namesAction === true || before == null || after == null || !ARTICLES.has(before.lower))
            continue;
        // "the S3 bucket" stays S3 even beside Lightsail, whose buckets are a type too.
        if (!typeWordsOf(mention.service).has(after.norm) && mentions.some((other) => other.service !== mention.service && typeWordsOf(other.service).has(after.norm)))
            mentions.splice(k, 1);
    }
}

/**
 * "a VPC link": a service word that begins another service's resource type, where its own service
 * has no such thing, names that type's service (API Gateway's VpcLink, not EC2). "IAM role" stays IAM.
 */
function redirectCompoundTypes(catalog: Catalog, tokens: readonly Token[], mentions: ServiceMention[]) {
    const nouns = ServiceNounIndex.for(catalog);
    for (const mention of mentions) {
        const after = tokens[mention.end];
        if (mention.namesAction === true || after == null || after.sentence !== tokens[mention.start]!.sentence || typeHeadWords(catalog, mention.service).has(after.norm))
            continue;
        // The mention's last word or all of it, with the next word ("VPC link", "code signing configuration").
        const words = tokens.slice(mention.start, mention.end).filter((token) => !BRAND_WORDS.has(token.lower));
        const joined = [tokens[mention.end - 1]!.norm + after.norm, words.map((token) => token.norm).join("") + after.norm];
        const owners = [...new Set(joined.flatMap((run) => nouns.compoundTypeOwners(run)))].filter((service) => service !== mention.service);
        if (owners.length === 1) {
            mention.service = owners[0]!;
            mention.end += 1;
            mention.words = `${mention.words} ${after.text}`;
        }
    }
}

/** The last word of each resource type of a service ("bucket", "table", "machine" of "state machine"): what ends a type's name. */
export const typeHeadWords: (catalog: Catalog, service: string) => ReadonlySet<string> = memoPerService((catalog, service) =>
    new Set((catalog.service(service)?.resourceTypes ?? []).map((type) => typeWords(type.name).at(-1)).filter((word) => word != null)));

/**
 * "assume the role arn:aws:iam::…:role/ReadOnly": the role is what STS acts on, so the `iam` inside its
 * ARN names no IAM work (it granted GetRole, UpdateRole, PassRole).
 */
function dropAssumedRoleArns(text: string, tokens: readonly Token[], mentions: ServiceMention[]) {
    if (!mentions.some((mention) => mention.service === "sts"))
        return;
    const roleArns = [...text.matchAll(/\barn:aws[a-z-]*:iam::[0-9*]*:role\/[^\s,;"'()]+/g)].map((match): [number, number] => [match.index, match.index + match[0].length]);
    for (let k = mentions.length - 1; k >= 0; k--) {
        const at = tokens[mentions[k]!.start]!.start;
        if (mentions[k]!.service === "iam" && roleArns.some(([start, end]) => at >= start && at < end))
            mentions.splice(k, 1);
    }
}

/**
 * Finds the services a request names, in the order they first appear, and tells the principal
 * (the Lambda in "allow a Lambda function to read from DynamoDB") from the targets.
 * `suppressed` token ranges (condition phrases such as "VPC endpoint vpce-…") name no service.
 * With `implied`, a permission request that names no service gets those its nouns imply.
 */
export function detectServices(
    catalog: Catalog, text: string, tokens: readonly Token[], suppressed: ReadonlyArray<[number, number]> = [], implied = true
): {services: DetectedService[]; mentions: ServiceMention[]; namedActions: NamedAction[]} {
    const index = ServiceIndex.for(catalog);
    const titleCase = isTitleCase(tokens);
    const mentions: ServiceMention[] = [];
    const namedActions = findNamedActions(catalog, text, tokens);

    for (let i = 0; i < tokens.length;) {
        const inNamedAction = namedActions.find((named) => i >= named.start && i < named.end);
        if (inNamedAction != null) {
            if (i === inNamedAction.start)
                mentions.push({service: inNamedAction.service, start: inNamedAction.start, end: inNamedAction.end, words: tokens.slice(inNamedAction.start, inNamedAction.end).map((token) => token.text).join(":"), role: "target", namesAction: true});
            i = inNamedAction.end;
            continue;
        }
        const found = longestPhrase(index, tokens, i, text, titleCase,
            (start, phrase, length) => listedWithService(text, tokens, mentions, start) || namedAsPart(tokens, start + length) || isVerbObject(catalog, tokens, phrase.service, start, length));
        if (found == null || suppressed.some(([start, end]) => i < end && i + found.length > start) || isAboutThePolicy(tokens, found.phrase, i, i + found.length)) {
            i++;
            continue;
        }
        const phrase = found.phrase;
        let end = i + found.length;
        // "SSM Parameter Store": overlapping phrases of one service make one mention.
        for (let k = i + 1; k < end; k++) {
            const overlapping = longestPhrase(index, tokens, k, text, titleCase, () => false);
            if (overlapping != null && overlapping.phrase.service === phrase.service && k + overlapping.length > end)
                end = k + overlapping.length;
        }
        const start = i > 0 && BRAND_WORDS.has(tokens[i - 1]!.lower) && tokens[i - 1]!.sentence === tokens[i]!.sentence ? i - 1 : i;
        mentions.push({service: phrase.service, start, end, words: text.slice(tokens[start]!.start, tokens[end - 1]!.end), role: "target"});
        i = end;
    }

    dropUnusedServices(tokens, mentions);
    dropConditionServices(tokens, mentions);
    addBareActionNames(catalog, text, tokens, mentions, namedActions);
    // Who acts ("the Lambda function reads the secret prod/db") is no target: its nouns still imply one.
    const noTarget = () => mentions.every((mention) => isActor(tokens, mention));
    if (implied && noTarget())
        mentions.push(...impliedServices(tokens, suppressed));
    if (implied)
        mentions.push(...impliedObjects(tokens, mentions, suppressed));
    // "a canary that does not use AWS KMS or need Amazon VPC access": a noun said to be unused implies nothing.
    dropUnusedServices(tokens, mentions);
    if (implied && !noTarget())
        mentions.push(...impliedCatalogObjects(catalog, tokens, mentions, suppressed));
    if (implied && noTarget())
        mentions.push(...impliedByCatalogNouns(catalog, text, tokens, suppressed));
    // Once nouns have named what is granted ("create alarms"), what a clause of condition or ability names is no target.
    dropConditionServices(tokens, mentions);
    applyFamilyRedirects(tokens, mentions);
    redirectCompoundTypes(catalog, tokens, mentions);
    redirectToSpeltActions(catalog, tokens, mentions);
    dropAssumedRoleArns(text, tokens, mentions);
    dropDocumentPermissions(tokens, mentions);
    dropNamesBeforeTypes(catalog, tokens, mentions);
    mergeAdjacent(text, tokens, mentions);
    for (const mention of mentions)
        mention.role = isActor(tokens, mention) ? "principal" : "target";
    addActionFamilies(catalog, text, tokens, mentions, namedActions);
    return {services: summarise(catalog, mentions), mentions, namedActions};
}

/**
 * "Give full access to the orders table when the request comes from the VPC": a service named only in a
 * condition clause, or in a clause of what a thing can do ("alarms that can only send SNS notifications"),
 * says when or how, not what, to grant; beside a service granted elsewhere it is no target.
 */
function dropConditionServices(tokens: readonly Token[], mentions: ServiceMention[]) {
    // "all actions except IAM and Organizations": what "except" lists is ruled out, not a condition.
    const opener = (mention: ServiceMention) => conditionOpenerBefore(tokens, mention.start);
    const inCondition = mentions.filter((mention) => mention.namesAction !== true
        && ((opener(mention) != null && tokens[opener(mention)!]!.lower !== "except") || inAbilityClause(tokens, mention.start)));
    const granted = new Set(mentions.filter((mention) => !inCondition.includes(mention)).map((mention) => mention.service));
    if (granted.size === 0)
        return;
    for (const mention of inCondition)
        if (!granted.has(mention.service))
            mentions.splice(mentions.indexOf(mention), 1);
}

/** Up to this many request words may spell one phrase ("Sage Maker", "Cloud Watch Logs"). */
const MAX_PHRASE_TOKENS = 5;
const MIN_JOINED_LENGTH = 5;

function longestPhrase(
    index: ServiceIndex, tokens: readonly Token[], i: number, text: string, titleCase: boolean,
    listed: (start: number, phrase: ServicePhrase, length: number) => boolean
): {phrase: ServicePhrase; length: number} | undefined {
    const keys: Array<[string, string]> = [];
    let norms = "";
    let words = "";
    for (let k = i; k < Math.min(tokens.length, i + MAX_PHRASE_TOKENS) && tokens[k]!.sentence === tokens[i]!.sentence; k++) {
        norms += tokens[k]!.norm;
        words += tokens[k]!.lower;
        keys.push([norms, singular(words)]);
    }
    for (let length = keys.length; length >= 1; length--) {
        const [joinedNorms, joinedWords] = keys[length - 1]!;
        if (!index.hasJoined(joinedNorms) && !index.hasJoined(joinedWords))
            continue;
        if (splitsCompound(text, tokens, i, i + length))
            continue;
        for (const joined of joinedNorms === joinedWords ? [joinedNorms] : [joinedNorms, joinedWords]) {
            for (const phrase of index.phrasesJoined(joined)) {
                // Words run together must spell something long enough, written as names ("Sage Maker", not "app config").
                const words = span(tokens, i, length);
                if (phrase.norms.length !== length && (joined.length < MIN_JOINED_LENGTH || words.some((token) => !/^[A-Z0-9]/.test(token.text))))
                    continue;
                // An identifier ("batch-jobs", "media-store") is not a service phrase unless the phrase has the hyphen.
                if (!phrase.hyphenated && words.some((token, k) => k > 0 && token.compound && /[-_]/.test(text[token.start - 1] ?? "")))
                    continue;
                // "has Tag Project=Foo": a common word before a key=value pair is that pair's kind, not a service.
                if (phrase.ambiguous && /^\s*[\w:/-]+\s*=/.test(text.slice(tokens[i + length - 1]!.end)))
                    continue;
                if (accepts(phrase, tokens, i, titleCase) || (phrase.ambiguous && !phrase.requirePrefix && listed(i, phrase, length)))
                    return {phrase, length};
            }
        }
    }
    return undefined;
}

/** "an IAM policy for …", "the IAM policy that …": the document asked for, not IAM as a service to grant. */
function isAboutThePolicy(tokens: readonly Token[], phrase: ServicePhrase, start: number, end: number): boolean {
    if (phrase.service !== "iam")
        return false;
    // "an IAM policy", "the IAM permissions policy": a head noun of the document follows the service.
    const policyEnd = tokens[end - 1]!.norm === "policy" ? end : phraseEndAt(tokens, end, documentHeads());
    if (policyEnd < 0)
        return false;
    // "an example IAM policy", "the AWSCodeCommitReadOnly managed policy": modifiers and a policy's name may come between.
    const modifiers = lexicon().framing.modifiers.filter((words) => words.length === 1).map(([word]) => word!);
    let k = start - 1;
    while (k >= 0 && tokens[k]!.sentence === tokens[start]!.sentence && (modifiers.includes(tokens[k]!.lower) || POLICY_NAME.test(tokens[k]!.text)))
        k--;
    const before = tokens[k];
    // "the following IAM policy permissions for Amazon ECR": the permissions it holds are the document too.
    const permissionNouns = intentVocabulary().permissionNouns;
    let afterAt = policyEnd;
    while (afterAt < tokens.length && permissionNouns.includes(tokens[afterAt]!.norm))
        afterAt++;
    const after = tokens[afterAt];
    if (before != null && before.sentence === tokens[start]!.sentence && !POLICY_DETERMINERS.has(before.lower))
        return false;
    // "Create an IAM policy, such as …": what a writing verb makes is the document, whatever follows.
    const written = before != null && AUTHORING_VERBS.has(tokens[k - 1]?.lower ?? "") && tokens[k - 1]!.sentence === before.sentence;
    return written || after == null || POLICY_CONNECTORS.has(after.lower) || after.sentence !== tokens[start]!.sentence;
}

/**
 * "IAM permissions required for reading the DynamoDB table orders": beside another service, "IAM" before
 * the permissions the policy holds names the kind of document, not IAM work (it granted IAM reads).
 */
function dropDocumentPermissions(tokens: readonly Token[], mentions: ServiceMention[]) {
    const permissionNouns = new Set(intentVocabulary().permissionNouns.map(singular));
    const others = mentions.some((mention) => mention.service !== "iam");
    for (let k = mentions.length - 1; k >= 0 && others; k--) {
        const mention = mentions[k]!;
        const [noun, after] = [tokens[mention.end], tokens[mention.end + 1]];
        if (mention.service === "iam" && mention.namesAction !== true && mention.end - mention.start === 1 && noun != null && permissionNouns.has(noun.norm)
            && (after == null || after.sentence !== noun.sentence || POLICY_CONNECTORS.has(after.lower)))
            mentions.splice(k, 1);
    }
}

let heads: Phrase[] | undefined;

/** The framing lexicon's heads that name the document ("policy", "permissions policy"), not a part of it ("condition"). */
function documentHeads(): Phrase[] {
    heads ??= lexicon().framing.heads.filter((words) => words.some((word) => /^(policy|policies|document)$/.test(word)));
    return heads;
}

/** A managed policy's name as AWS writes them: words run together, each capitalised ("AWSCodeCommitReadOnly"). */
const POLICY_NAME = /^[A-Z][A-Za-z0-9]*[a-z][A-Z][A-Za-z0-9]*$/;

/** Whether context allows an ambiguous or generic phrase to name its service here. */
function accepts(phrase: ServicePhrase, tokens: readonly Token[], i: number, titleCase: boolean): boolean {
    const first = tokens[i]!;
    const afterBrand = i > 0 && BRAND_WORDS.has(tokens[i - 1]!.lower);
    if (phrase.requirePrefix)
        return afterBrand;
    if (phrase.uppercaseOnly && first.text !== first.text.toUpperCase())
        return false;
    if (!phrase.ambiguous)
        return true;
    const sentenceStart = i === 0 || tokens[i - 1]!.sentence !== first.sentence;
    return afterBrand || (!titleCase && !sentenceStart && /^[A-Z]/.test(first.text));
}

function span(tokens: readonly Token[], start: number, length: number): readonly Token[] {
    return tokens.slice(start, start + length);
}

/** Words that name a piece of the policy by its service: "remove the logs part", "drop the config statement". */
const PART_WORDS = lexiconWords("partWords");

/** "the logs part": a word followed by a part of the policy is the service that part is about. */
function namedAsPart(tokens: readonly Token[], end: number): boolean {
    const next = tokens[end];
    return next != null && next.sentence === tokens[end - 1]!.sentence && PART_WORDS.has(next.lower);
}

/** "leaving the organization", "describe the organization": a verb whose action on this noun the service has (LeaveOrganization). */
function isVerbObject(catalog: Catalog, tokens: readonly Token[], service: string, start: number, length: number): boolean {
    let k = start - 1;
    while (k >= 0 && ARTICLES.has(tokens[k]!.lower) && tokens[k]!.sentence === tokens[start]!.sentence)
        k--;
    if (k < 0 || k < start - 3 || tokens[k]!.sentence !== tokens[start]!.sentence)
        return false;
    const noun = tokens.slice(start, start + length).map((token) => capitalise(token.norm)).join("");
    return lemmas(tokens[k]!.lower).some((verb) => verb.length > 2 && catalog.action(`${service}:${capitalise(verb)}${noun}`) != null);
}


/** "Cost Explorer and budgets": a word listed right after a service named before it. */
function listedWithService(text: string, tokens: readonly Token[], mentions: readonly ServiceMention[], start: number): boolean {
    const previous = mentions.at(-1);
    if (previous == null || tokens[start]!.sentence !== tokens[previous.start]!.sentence)
        return false;
    const between = text.slice(tokens[previous.end - 1]!.end, tokens[start]!.start).trim().toLowerCase();
    return /^(,|and|or|,\s*and|,\s*or|&)$/.test(between);
}

/** A phrase must not cut an identifier such as `shared-workspace` or `user-events` in two. */
function splitsCompound(text: string, tokens: readonly Token[], start: number, end: number): boolean {
    const before = text[tokens[start]!.start - 1];
    const after = text[tokens[end - 1]!.end];
    const joined = (char: string | undefined, next: string | undefined) => (char === "-" || char === "_" || char === "/") && next != null && /[A-Za-z0-9]/.test(next);
    return joined(before, text[tokens[start]!.start - 2]) || joined(after, text[tokens[end - 1]!.end + 1]);
}

/** Most words capitalised ("Provide an IAM policy for AWS Support Access"): capitals then say nothing. */
function isTitleCase(tokens: readonly Token[]): boolean {
    const words = tokens.filter((token) => /^[A-Za-z]{4,}$/.test(token.text));
    if (words.length < 3)
        return false;
    return words.filter((token) => /^[A-Z]/.test(token.text)).length / words.length > 0.6;
}

/** `iam:PassRole`, `s3:Get*`, `ec2:*` written in the request. */
function findNamedActions(catalog: Catalog, text: string, tokens: readonly Token[]): NamedAction[] {
    const named: NamedAction[] = [];
    for (const match of text.matchAll(/\b([a-z0-9][a-z0-9-]*):([A-Za-z*?][A-Za-z0-9*?]*)/gi)) {
        const service = catalog.service(match[1]!);
        if (service == null || catalog.expand(`${service.prefix}:${match[2]}`).length === 0)
            continue;
        const action = match[2]!.includes("*") || match[2]!.includes("?")
            ? `${service.prefix}:${match[2]}`
            : `${service.prefix}:${catalog.action(`${service.prefix}:${match[2]}`)!.name}`;
        const start = tokens.findIndex((token) => token.start >= match.index);
        const endOffset = match.index + match[0].length;
        let end = start;
        while (end < tokens.length && tokens[end]!.end <= endOffset)
            end++;
        if (start >= 0 && end > start)
            named.push({service: service.prefix, action, start, end});
    }
    return named;
}

/**
 * A brand word can name a sibling service: "write logs to CloudWatch" means CloudWatch Logs when the
 * sentence talks about logs and not about metrics, alarms or dashboards.
 */
function applyFamilyRedirects(tokens: readonly Token[], mentions: ServiceMention[]) {
    const sentences = groupBy(tokens, (token) => token.sentence);
    for (const redirect of serviceVocabulary().familyRedirects) {
        const brandSentences = new Set<number>();
        for (const mention of mentions) {
            if (mention.service !== redirect.from)
                continue;
            const sentence = sentences.get(tokens[mention.start]!.sentence)!;
            brandSentences.add(tokens[mention.start]!.sentence);
            const otherWords = sentence.filter((token) => token.index < mention.start || token.index >= mention.end);
            const talksAbout = (words: string[], among: readonly Token[]) => among.some((token) => words.includes(token.norm) || words.includes(token.lower));
            if (talksAbout(redirect.when, otherWords) && !talksAbout(redirect.unless, sentence))
                mention.service = redirect.to;
        }
        // "CloudWatch metrics and logs": next to the brand, a plain "logs" names the sibling.
        const mentionAt = spanOwners(tokens.length, mentions);
        for (const token of tokens) {
            if (!brandSentences.has(token.sentence) || !redirect.companions.includes(token.lower) || mentionAt[token.index]! >= 0)
                continue;
            mentions.push({service: redirect.to, start: token.index, end: token.index + 1, words: token.text, role: "target"});
        }
    }
    mentions.sort((a, b) => a.start - b.start);
}

/** "Step Functions state machine": two phrases of one service side by side are one mention. */
function mergeAdjacent(text: string, tokens: readonly Token[], mentions: ServiceMention[]) {
    for (let k = mentions.length - 1; k > 0; k--) {
        const [previous, current] = [mentions[k - 1]!, mentions[k]!];
        const between = text.slice(tokens[previous.end - 1]!.end, tokens[current.start]!.start);
        if (previous.service === current.service && previous.end === current.start && between.trim() === "") {
            previous.end = current.end;
            previous.words = `${previous.words} ${current.words}`;
            mentions.splice(k, 1);
        }
    }
}

function summarise(catalog: Catalog, mentions: readonly ServiceMention[]): DetectedService[] {
    const services = new Map<string, DetectedService>();
    for (const mention of mentions) {
        const existing = services.get(mention.service);
        if (existing == null) {
            services.set(mention.service, {
                prefix: mention.service,
                name: catalog.service(mention.service)?.name ?? mention.service,
                role: mention.role,
                matched: [mention.words],
                ...mention.implied === true ? {implied: true} : {},
                ...mention.rivals != null && mention.rivals.length > 0 ? {rivals: mention.rivals} : {}
            });
            continue;
        }
        if (!existing.matched.includes(mention.words))
            existing.matched.push(mention.words);
        if (mention.role === "target")
            existing.role = "target";
    }
    const detected = [...services.values()];
    // A request always grants something: a lone "principal" ("EC2 instances that are tagged … to be started") is the target.
    if (!detected.some((service) => service.role === "target")) {
        for (const service of detected)
            service.role = "target";
        for (const mention of mentions)
            mention.role = "target";
    }
    return detected;
}
