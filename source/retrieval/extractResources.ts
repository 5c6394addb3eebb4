import type {Catalog} from "../catalog/Catalog.js";
import type {CatalogResourceType} from "../catalog/types.js";
import {resourceTypeOfArn} from "../catalog/arnTemplates.js";
import {ACTOR_FOLLOWERS, ACTOR_NOUNS, PEOPLE_NOUNS, type ServiceMention} from "./detectServices.js";
import {INSTANCE_TYPE_PATTERN} from "./extractConditions.js";
import {memoPerService} from "./memoPerService.js";
import {isPhraseFinalName, principalPhrases} from "./namePositions.js";
import {ServiceIndex} from "./ServiceIndex.js";
import {groupBy, nameWords, spanOwners, typeWords, type Token} from "./text.js";
import type {ConditionHint, ResourceHint} from "./types.js";
import {serviceVocabulary} from "./vocabulary.js";
import {lexiconWords} from "./words.js";
import {endingIn, lexicon} from "./lexicon.js";

export interface ArnContext {
    partition: string;
    account?: string;
    region?: string;
}

/** A resource type word in the request ("table", "log group", "DLQ"). */
interface TypeHit {
    type: CatalogResourceType;
    start: number;
    end: number;
}

const NAME_INTRODUCERS = lexiconWords("nameIntroducers");
/** Words after which a plain word next to a type word ends a name: "table users and …". */
const NAME_ENDERS = lexiconWords("nameEnders");
/** Plain words that are never resource names. */
const NOT_NAMES = lexiconWords("notNames");
/** Words that are never names: articles, prepositions, pronouns, quantifiers. */
const FUNCTION_WORDS = lexiconWords("functionWords");
const IDENTIFIER = /^["'`]?(\/?[A-Za-z0-9][\w.@+=:/-]*[\w*/]|[A-Za-z0-9])["'`]?/;

/**
 * Names of resources in the request (buckets, tables, functions, queues, topics, log groups, secrets,
 * parameters, keys, roles, …), explicit ARNs and name prefixes ("starting with dev-"), as ARNs built
 * from the catalog's templates: `arn:aws:dynamodb:*:*:table/users`.
 */
export function extractResources(
    catalog: Catalog, text: string, tokens: readonly Token[], mentions: readonly ServiceMention[],
    conditions: readonly ConditionHint[], arn: ArnContext, verbTokens: ReadonlySet<number> = new Set()
): ResourceHint[] {
    const hints = new Map<string, ResourceHint>();
    const add = (hint: ResourceHint) => {
        const existing = hints.get(hint.arn);
        if (existing == null)
            hints.set(hint.arn, hint);
        else
            hint.matched.forEach((word) => existing.matched.includes(word) || existing.matched.push(word));
    };

    const arnSpans: Array<[number, number]> = [];
    for (const match of text.matchAll(/\barn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(?:\d{12}|\*|aws)?:[^\s,;"'()]+/g)) {
        const value = match[0].replace(/[.]+$/, "");
        arnSpans.push([match.index, match.index + value.length]);
        const service = value.split(":")[2]!;
        const type = resourceTypeOfArn(catalog, service, value);
        add({service, type: type?.name ?? "unknown", arn: value, matched: [value]});
    }

    // "s3://raw-events/incoming/": the bucket and the objects under the path (all of them without one).
    const bucketType = catalog.resourceType("s3", "bucket");
    const objectType = catalog.resourceType("s3", "object");
    for (const match of text.matchAll(/\bs3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(\/[^\s,;"'()]*)?/gi)) {
        const [uri, bucket] = [match[0].replace(/[.]+$/, ""), match[1]!.toLowerCase()];
        arnSpans.push([match.index, match.index + uri.length]);
        const path = (match[2] ?? "").replace(/[.]+$/, "").slice(1);
        if (bucketType != null)
            add({service: "s3", type: "bucket", arn: buildArn(bucketType.arn, bucket, arn), matched: [uri]});
        if (objectType != null)
            add({service: "s3", type: "object", arn: buildArn(objectType.arn, [bucket, path === "" || path.endsWith("/") ? `${path}*` : path], arn), matched: [uri]});
    }

    const targets = mentions.filter((mention) => mention.role === "target");
    const inArn = (offset: number) => arnSpans.some(([start, end]) => offset >= start && offset < end);
    // "Allow the bucket owner to …": a type word in the phrase of who receives the policy names no resource.
    const principal = principalPhrases(tokens);
    const typeHits = findTypeHits(catalog, text, tokens, targets).filter((hit) => !verbTokens.has(hit.start) && !inArn(tokens[hit.start]!.start) && !principal.has(hit.start));
    const typeWordsOfTargets = new Set(targets.flatMap((mention) => typesByFirstWord(catalog, mention.service).map((entry) => entry.words[0]!)));
    const mentionAt = spanOwners(tokens.length, mentions);
    const inMention = (token: Token) => mentionAt[token.index]! >= 0;
    // An action word after the type names nothing ("the bucket upload") unless it ends the phrase ("the S3 bucket uploads");
    // between an article and the type it is the name ("the uploads bucket").
    const isName = (token: Token, service: string, actionWordsAreNames = false) => isPlainName(token) && !typeWordsOfTargets.has(token.norm) && !inMention(token)
        && !verbTokens.has(token.index) && (actionWordsAreNames || !actionWords(catalog, service).has(token.norm)) && !isActorNoun(token, tokens[token.index + 1]);
    const s3Prefix = conditions.find((hint) => hint.kind === "s3Prefix")?.values[0];
    const selfUser = conditions.some((hint) => hint.kind === "selfUser");
    const named = new Set<TypeHit>();

    const emit = (found: TypeHit, written: string, matched: string) => {
        // "EC2 instances": a service written in capitals before its type names the service, not a resource.
        if (isInstanceType(written) || (/^[A-Z0-9]+$/.test(written) && ServiceIndex.for(catalog).hasJoined(written.toLowerCase())))
            return;
        named.add(found);
        // "key alias/app-key", "role/Admin": a name that starts with another type's ARN path is that type's resource.
        const retyped = typeByPath(catalog, found.type.service, written);
        const [hit, name] = retyped != null ? [{...found, type: retyped.type}, retyped.name] : [found, written];
        // An id (`${KeyId}`, `${InstanceId}`, `${OrganizationId}`) is never a plain word: "the member account" names nothing.
        if (/^[A-Za-z]+$/.test(name) && /Id\}/.test(firstNamePlaceholder(hit.type.arn)))
            return;
        const service = hit.type.service;
        if (service === "s3" && hit.type.name === "bucket") {
            const bucket = name.replace(/\/\*?$/, "");
            add({service, type: "bucket", arn: buildArn(hit.type.arn, bucket, arn), matched: [matched]});
            const object = catalog.resourceType("s3", "object");
            if (object != null)
                add({service, type: "object", arn: buildArn(object.arn, [bucket, s3Prefix ?? "*"], arn), matched: [matched]});
            return;
        }
        const parent = parentType(catalog, hit.type);
        add({service, type: hit.type.name, arn: buildArn(hit.type.arn, parent == null ? name : [parentName(parent) ?? "*", name], arn), matched: [matched]});
    };
    // "the ECS service api in cluster prod": the parent's name is any word next to its type word, "prod" included.
    const parentName = (parent: CatalogResourceType) => typeHits.filter((hit) => hit.type === parent).map((hit) =>
        nameAfter(text, tokens, hit.end, (token) => !FUNCTION_WORDS.has(token.lower), inMention)?.name
        ?? nameBefore(text, tokens, hit.start, inMention, (token) => !FUNCTION_WORDS.has(token.lower))).find((name) => name != null);

    for (const hit of typeHits) {
        // "the S3 bucket uploads": a word that ends the type's determined phrase is its name, action word or not.
        const isNameHere = (token: Token) => isName(token, hit.type.service, isPhraseFinalName(tokens, token.index, (before) => before.index === hit.end - 1));
        const after = nameAfter(text, tokens, hit.end, isNameHere, inMention);
        if (after != null) {
            emit(hit, after.name, text.slice(tokens[hit.start]!.start, after.end));
            continue;
        }
        const before = nameBefore(text, tokens, hit.start, inMention, (token) => isName(token, hit.type.service, true));
        if (before != null)
            emit(hit, before, `${before} ${text.slice(tokens[hit.start]!.start, tokens[hit.end - 1]!.end)}`);
    }

    // "… queues with names starting with dev-", "roles that start with app-", "secrets with prefix prod/",
    // "secrets under prod/" (a path that starts with a slash is SSM's, below)
    for (const match of text.matchAll(/\b(?:start(?:s|ing)?|begin(?:s|ning)?|prefixed)\s+with\s+["'`]?([\w\/.:@-]+)|\bprefix\s+["'`]?([\w\/.:@-]+)|["'`]?([\w\/.:@-]+?)["'`]?\s+(?=prefix\b)|\bunder\s+["'`]?([\w.:@-][\w\/.:@-]*\/)(?![\w\/.:@-])/gi)) {
        const prefix = (match[1] ?? match[2] ?? match[3] ?? match[4])!.replace(/[.,;:]+$/, "");
        if (!/[-_/]/.test(prefix))
            continue;
        const hit = nearestTypeBefore(typeHits, tokens, match.index);
        // S3 prefixes inside a named bucket are the s3:prefix condition and the object path, already built.
        if (hit == null || (hit.type.service === "s3" && [...named].some((other) => other.type.service === "s3")))
            continue;
        emit(hit, `${prefix.replace(/\*$/, "")}*`, match[0]);
    }

    // "Parameter Store under /myservice/config/": a path of SSM parameters.
    for (const match of text.matchAll(/\b(?:under|in|at|within|from)\s+(?:the\s+)?(?:path\s+)?["'`]?(\/[\w.\/-]+)/gi)) {
        const path = match[1]!.replace(/[.,;:]+$/, "");
        const parameter = catalog.resourceType("ssm", "parameter");
        if (parameter != null && targets.some((mention) => mention.service === "ssm"))
            add({service: "ssm", type: "parameter", arn: buildArn(parameter.arn, path.endsWith("/") ? `${path}*` : path, arn), matched: [match[0]]});
    }

    // "the main orders-queue", "to disaster-recovery-bucket": identifiers that end with their type.
    for (const match of text.matchAll(/(?<![\w/:-])([A-Za-z0-9][\w.]*(?:[-_][\w.]+)+)/g)) {
        const identifier = match[1]!.replace(/[.]+$/, "");
        if (inArn(match.index))
            continue;
        const last = identifier.split(/[-_]/).pop()!.toLowerCase();
        const type = typeForWord(catalog, targets, last);
        if (type == null || [...hints.values()].some((hint) => hint.matched.some((word) => word.includes(identifier))))
            continue;
        emit({type, start: 0, end: 0}, identifier, identifier);
    }

    // "decrypt with alias/app-key": a target type's ARN path written as the name.
    for (const match of text.matchAll(/(?<![\w/:.-])([a-z][a-z-]*\/[\w.@+=\/-]*[\w*])/gi)) {
        if (inArn(match.index))
            continue;
        for (const service of new Set(targets.map((mention) => mention.service))) {
            const retyped = typeByPath(catalog, service, match[1]!);
            if (retyped != null && !isInstanceType(retyped.name))
                add({service, type: retyped.type.name, arn: buildArn(retyped.type.arn, retyped.name, arn), matched: [match[1]!]});
        }
    }

    if (selfUser && targets.some((mention) => mention.service === "iam")) {
        const user = catalog.resourceType("iam", "user");
        if (user != null)
            add({service: "iam", type: "user", arn: buildArn(user.arn, "${aws:username}", arn), matched: [conditions.find((hint) => hint.kind === "selfUser")!.matched[0]!]});
    }
    return [...hints.values()].map((hint) => isExcluded(text, hint) ? {...hint, excluded: true} : hint);
}

let excludingResource: RegExp | undefined;

/** Words right before a resource that rule it out ("every bucket except bucket reports"; lexicon/scope.json resourceExclusions). */
function excludingBefore(): RegExp {
    excludingResource ??= endingIn(lexicon().scope.resourceExclusions, ["the", "a", "an", "for", "on", "in", "to"]);
    return excludingResource;
}

/** Whether every place the request names the resource says it is ruled out. */
function isExcluded(text: string, hint: ResourceHint): boolean {
    return hint.matched.length > 0 && hint.matched.every((phrase) => {
        const at = text.indexOf(phrase);
        return at >= 0 && excludingBefore().test(text.slice(Math.max(0, at - 40), at));
    });
}

/** The template's first placeholder that a name fills (`${KeyId}` in `…:key/${KeyId}`). */
function firstNamePlaceholder(template: string): string {
    return [...template.matchAll(/\$\{[^}]+\}/g)].map((match) => match[0]).find((placeholder) => !/^\$\{(?:Partition|Region|Account)\}$/.test(placeholder)) ?? "";
}

/**
 * The type whose name an ARN template puts before the resource's own (ECS
 * `service/${ClusterName}/${ServiceName}`: the cluster), so that a name fills the last placeholder.
 */
function parentType(catalog: Catalog, type: CatalogResourceType): CatalogResourceType | undefined {
    const names = [...type.arn.matchAll(/\$\{([^}]+)\}/g)].map((match) => match[1]!).filter((name) => !/^(Partition|Region|Account)$/.test(name));
    if (names.length !== 2)
        return undefined;
    return catalog.service(type.service)?.resourceTypes.find((candidate) => type.parents.includes(candidate.name) && candidate.arn.endsWith(`\${${names[0]}}`));
}

/** The resource type whose ARN path the name starts with (`alias/app-key` → alias, `app-key`), if any. */
function typeByPath(catalog: Catalog, service: string, name: string): {type: CatalogResourceType; name: string} | undefined {
    const slash = name.indexOf("/");
    if (slash <= 0)
        return undefined;
    const segment = name.slice(0, slash).toLowerCase();
    const rest = name.slice(slash + 1);
    // The segment is request text: escaped, so "a(b" or "x|(.*){20}q" cannot become a pattern.
    const type = catalog.service(service)?.resourceTypes.find((candidate) => new RegExp(`:${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/\\$\\{[^}]+\\}$`, "i").test(candidate.arn)
        && candidate.arn.split(":")[2] === service);
    return type != null && rest.length > 0 ? {type, name: rest} : undefined;
}

/** Fills an ARN template: partition, region and account from the context (`*` when unknown), the first name part with `name`, the rest with `*`. */
export function buildArn(template: string, names: string | readonly string[], context: ArnContext): string {
    const queue = typeof names === "string" ? [names] : [...names];
    return template.replace(/\$\{([^}]+)\}/g, (_whole, placeholder: string) => {
        if (placeholder === "Partition")
            return context.partition;
        if (placeholder === "Region")
            return context.region ?? "*";
        if (placeholder === "Account")
            return context.account ?? "*";
        const name = queue.shift();
        if (name == null)
            return "*";
        // Parameter ARNs carry the path without its leading slash: parameter/app/config.
        return template.includes(`parameter/\${${placeholder}}`) ? name.replace(/^\/+/, "") : name;
    });
}

/** Words of a service's action names: a plain word among them is a concept ("key rotation"), not a name. */
const actionWords = memoPerService((catalog, service) => new Set((catalog.service(service)?.actions ?? []).flatMap((action) => nameWords(action.name))));

/** Resource types of a service indexed by their first word: `log-group` → log → [log, group]. */
const typesByFirstWord = memoPerService((catalog, service): Array<{type: CatalogResourceType; words: string[]}> =>
    (catalog.service(service)?.resourceTypes ?? [])
        .map((type) => ({type, words: typeWords(type.name)}))
        .filter((entry) => entry.words.length > 0)
        .sort((a, b) => b.words.length - a.words.length));

function typeForWord(catalog: Catalog, targets: readonly ServiceMention[], word: string): CatalogResourceType | undefined {
    const norm = word.endsWith("s") && word.length > 3 ? word.slice(0, -1) : word;
    for (const service of new Set(targets.map((mention) => mention.service))) {
        const synonym = serviceVocabulary().typeSynonyms[service]?.[norm] ?? norm;
        const found = typesByFirstWord(catalog, service).find((entry) => entry.words.length === 1 && entry.words[0] === synonym);
        if (found != null)
            return found.type;
    }
    return undefined;
}

function findTypeHits(catalog: Catalog, text: string, tokens: readonly Token[], targets: readonly ServiceMention[]): TypeHit[] {
    const hits: TypeHit[] = [];
    const services = [...new Set(targets.map((mention) => mention.service))];
    const bySentence = groupBy(targets, (mention) => tokens[mention.start]!.sentence);
    const firstWords = new Set(services.flatMap((service) => {
        const synonyms = serviceVocabulary().typeSynonyms[service] ?? {};
        return [...typesByFirstWord(catalog, service).map((entry) => entry.words[0]!), ...Object.keys(synonyms)];
    }));
    // The catalog writes some types as one word that requests write as two ("statemachine", "hostedzone").
    const joinedWords = new Set(services.flatMap((service) => typesByFirstWord(catalog, service).filter((entry) => entry.words.length === 1).map((entry) => entry.words[0]!)));
    const joined = (i: number) => {
        const next = tokens[i + 1];
        return next != null && next.sentence === tokens[i]!.sentence ? tokens[i]!.lower + next.norm : "";
    };
    for (let i = 0; i < tokens.length; i++) {
        // A word inside an identifier ("disaster-recovery-bucket", "vpc-0abc…") is part of a name, not a type.
        if (!(firstWords.has(tokens[i]!.norm) || joinedWords.has(joined(i))) || /[-_/]/.test(text[tokens[i]!.start - 1] ?? "") || /[-_/][A-Za-z0-9]/.test(text.slice(tokens[i]!.end, tokens[i]!.end + 2)))
            continue;
        // The nearest target named in the sentence decides whose type a shared word ("role", "table") is.
        const ranked = [...services].sort((a, b) => distance(tokens, bySentence, a, i) - distance(tokens, bySentence, b, i));
        let best: TypeHit | undefined;
        for (const service of ranked) {
            const synonyms = serviceVocabulary().typeSynonyms[service] ?? {};
            for (const {type, words} of typesByFirstWord(catalog, service)) {
                const matches = words.every((word, offset) => {
                    const token = tokens[i + offset];
                    return token != null && token.sentence === tokens[i]!.sentence && (synonyms[token.norm] ?? token.norm) === word;
                });
                const length = matches ? words.length : words.length === 1 && joined(i) === words[0] ? 2 : 0;
                if (length > 0 && (best == null || length > best.end - best.start))
                    best = {type, start: i, end: i + length};
            }
            if (best != null)
                break;
        }
        if (best != null) {
            hits.push(best);
            i = best.end - 1;
        }
    }
    return hits;
}

/** How far the service's nearest mention is: in the sentence by words, elsewhere behind every mention in it. */
function distance(tokens: readonly Token[], bySentence: ReadonlyMap<number, ServiceMention[]>, service: string, i: number): number {
    let best = Number.POSITIVE_INFINITY;
    for (const mention of bySentence.get(tokens[i]!.sentence) ?? [])
        if (mention.service === service)
            best = Math.min(best, Math.abs(mention.start - i));
    return best;
}

/** "table users", "bucket named data-uploads", "function process-orders", "role in account 1234… named DataAnalystRole". */
function nameAfter(
    text: string, tokens: readonly Token[], end: number, isName: (token: Token) => boolean, inMention: (token: Token) => boolean
): {name: string; end: number} | undefined {
    let k = end;
    let introduced = false;
    for (let look = end; look < Math.min(tokens.length, end + 8) && tokens[look]!.sentence === tokens[end - 1]!.sentence; look++) {
        const word = tokens[look]!.lower;
        if (word === "named" || word === "called" || (look === end && NAME_INTRODUCERS.has(word))) {
            k = look + 1;
            introduced = true;
            break;
        }
    }
    const token = tokens[k];
    if (token == null || token.sentence !== tokens[end - 1]!.sentence || (!introduced && inMention(token)))
        return undefined;
    const quoted = /["'`]/.test(text[token.start - 1] ?? "");
    // A path keeps its leading slash: "log group named /app/production".
    const from = token.start - (quoted || text[token.start - 1] === "/" ? 1 : 0);
    const raw = IDENTIFIER.exec(text.slice(from))?.[1]?.replace(/[.:]+$/, "");
    if (raw == null || /^\d{12}$/.test(raw) || /^(?:us|eu|ap|sa|ca|me|af)-/.test(raw) || raw.startsWith("arn:"))
        return undefined;
    const found = {name: raw, end: text.indexOf(raw, from) + raw.length};
    if (introduced || quoted || looksLikeIdentifier(raw))
        return found;
    const next = tokens[k + 1];
    const endsHere = next == null || next.sentence !== token.sentence || next.clause !== token.clause || NAME_ENDERS.has(next.lower);
    return endsHere && isName(token) ? found : undefined;
}

/** "the input-data bucket", "the logs bucket". */
function nameBefore(text: string, tokens: readonly Token[], start: number, inMention: (token: Token) => boolean, isName: (token: Token) => boolean): string | undefined {
    const token = tokens[start - 1];
    if (token == null || token.sentence !== tokens[start]!.sentence || inMention(token))
        return undefined;
    const wordStart = Math.max(text.lastIndexOf(" ", token.start - 1) + 1, 0);
    const raw = text.slice(wordStart, token.end).replace(/^["'`(]/, "");
    if (looksLikeIdentifier(raw))
        return raw;
    const article = tokens[start - 2];
    // "the archived bucket", "the shared queue": a participle before the noun describes it ("the landing bucket" is a name).
    const participle = /^[a-z]{3,}ed$/.test(token.lower);
    return article != null && /^(the|my|our|a|an)$/.test(article.lower) && isName(token) && !participle ? raw : undefined;
}

function nearestTypeBefore(hits: readonly TypeHit[], tokens: readonly Token[], offset: number): TypeHit | undefined {
    const tokenIndex = tokens.findIndex((token) => token.start >= offset);
    const at = tokenIndex < 0 ? tokens.length : tokenIndex;
    const sentence = tokens[Math.min(at, tokens.length - 1)]?.sentence;
    return [...hits].reverse().find((hit) => hit.end <= at && tokens[hit.start]!.sentence === sentence);
}

function looksLikeIdentifier(raw: string): boolean {
    return /[-_/.0-9]/.test(raw) || /^[A-Z][a-z]+[A-Z]/.test(raw) || /^[a-z]+[A-Z]/.test(raw);
}

/** "the queue processor to receive …", "the bucket worker": a noun for who acts, not the resource's name. */
function isActorNoun(token: Token, next: Token | undefined): boolean {
    // Plural names stay names ("the queue jobs"): an actor is one thing ("the queue worker").
    if (ACTOR_NOUNS.has(token.lower))
        return true;
    const followed = next != null && next.sentence === token.sentence && ACTOR_FOLLOWERS.has(next.lower);
    // "the EKS cluster admins to describe …": people who act, plural or not.
    return followed && (/^[a-z]{4,}(?:er|or)$/.test(token.lower) || PEOPLE_NOUNS.has(token.norm));
}

const WHOLE_INSTANCE_TYPE = new RegExp(`^${INSTANCE_TYPE_PATTERN.source}$`, "i");

/** An instance type ("t3.micro") is the ec2:InstanceType condition, never an instance's name. */
function isInstanceType(name: string): boolean {
    return WHOLE_INSTANCE_TYPE.test(name);
}

/** A lower-case word, or one capitalised inside a sentence ("the IAM role Deploy", "the Payments table"), that is no function word. */
function isPlainName(token: Token): boolean {
    return /^(?:[a-z][a-z0-9]*|[A-Z][a-z0-9]+)$/.test(token.text) && !FUNCTION_WORDS.has(token.lower) && !NOT_NAMES.has(token.norm);
}
