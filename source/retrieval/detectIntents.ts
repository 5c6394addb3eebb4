import {type NamedAction, type ServiceMention} from "./detectServices.js";
import type {Catalog} from "../catalog/Catalog.js";
import {groupBy, spanOwners, type Token} from "./text.js";
import type {AccessIntent, Effect, ServiceIntent} from "./types.js";
import {intentVocabulary} from "./vocabulary.js";
import {lexiconWords} from "./words.js";
import {NounWindows} from "./nounWindows.js";
import {isInCondition} from "./conditionClauses.js";
import {firstWordsOf} from "./serviceEvidence.js";
import {aboutOtherResources, findVerbs, type VerbHit} from "./findVerbs.js";
import {principalPhrases} from "./namePositions.js";

const PRONOUNS = lexiconWords("pronouns");

/**
 * What the request asks for each target service: access kinds, verbs, negations, and the nouns
 * around them. Each verb goes to the next target named in its sentence ("read from DynamoDB"),
 * else to the previous one ("start EC2 instances but not terminate them"); a target with no verb
 * of its own shares its neighbour's ("read S3 and DynamoDB").
 */
export function detectIntents(tokens: readonly Token[], mentions: readonly ServiceMention[], effect: Effect, catalog: Catalog): ServiceIntent[] {
    const targets = mentions.filter((mention) => mention.role === "target");
    const services = [...new Set(targets.map((mention) => mention.service))];
    if (services.length === 0)
        return [];
    const hits = findVerbs(tokens, mentions, effect, catalog).filter((hit) => !(hit.negated && aboutOtherResources(tokens, hit)));
    const mentionAt = spanOwners(tokens.length, mentions);
    const hitAt = spanOwners(tokens.length, hits);
    const targetsBySentence = groupBy(targets, (mention) => tokens[mention.start]!.sentence);
    const byService = new Map<string, VerbHit[]>(services.map((service) => [service, []]));

    const unplaced: VerbHit[] = [];
    for (const hit of hits) {
        const owner = ownerOf(hit, targetsBySentence.get(tokens[hit.start]!.sentence) ?? []);
        if (owner == null) {
            unplaced.push(hit);
            continue;
        }
        byService.get(owner.service)!.push(hit);
    }
    // Sentences without a service ("No modifications of any kind.") speak about every target.
    for (const hit of unplaced)
        for (const own of byService.values())
            if (hit.negated || !own.some((other) => !other.negated))
                own.push(hit);
    shareWithNeighbours(services, targets, byService, catalog);

    const fullAccess = findFullAccess(tokens, targets, mentionAt, targetsBySentence);
    const words = new NounWindows(catalog, tokens, mentions, hits, mentionAt, hitAt, principalPhrases(tokens));
    const intents = services.map((service) => {
        const own = byService.get(service)!;
        const verbNouns: Record<string, string[]> = {};
        const verbObjects: Record<string, string[]> = {};
        // "start and stop EC2 instances", "view, modify, and purchase Reserved Instances": a verb joined to the
        // next one shares the objects of the first verb down the list that has some.
        const joinedTo = (hit: VerbHit) => own.find((other) => other.start > hit.end - 1 && other.start <= hit.end + 1 && other.negated === hit.negated);
        const sharedSource = (hit: VerbHit) => {
            let source = hit;
            for (let next = joinedTo(source); words.after(service, [source]).length === 0 && next != null; next = joinedTo(source))
                source = next;
            return words.after(service, [source]).length > 0 ? source : hit;
        };
        const askedVerbs = new Set(own.filter((hit) => !hit.negated).map((hit) => hit.verb));
        for (const hit of own) {
            // "read messages … and delete them": the pronoun stands for the objects of the verb before it.
            const antecedent = PRONOUNS.has(tokens[hit.end]?.lower ?? "")
                ? [...own].reverse().find((other) => other.end <= hit.start && !other.negated && tokens[other.start]!.sentence === tokens[hit.start]!.sentence && words.heads(service, other).length > 0)
                : undefined;
            const source = antecedent ?? sharedSource(hit);
            // A negated verb keeps its objects too, unless the same verb is asked for ("must not delete objects" may become a Deny).
            const keeps = !hit.negated || !askedVerbs.has(hit.verb);
            const nouns = words.after(service, [source]);
            if (keeps && nouns.length > 0)
                verbNouns[hit.verb] = [...new Set([...verbNouns[hit.verb] ?? [], ...nouns])];
            const heads = words.heads(service, source);
            if (keeps && heads.length > 0 && verbObjects[hit.verb] == null)
                verbObjects[hit.verb] = heads;
        }
        const serviceNouns = words.aroundMentions(service);
        const asked = own.filter((hit) => !hit.negated);
        const namesAction = targets.some((mention) => mention.service === service && mention.namesAction === true);
        return {
            // What is ruled out ("but not reading objects") does not steer what is asked for.
            ...buildIntent(service, effect, own, fullAccess.get(service), [...new Set([...words.after(service, asked.length > 0 ? asked : own), ...serviceNouns])], namesAction),
            verbNouns,
            verbObjects,
            serviceNouns
        };
    });
    // "Allow reading and writing …, but block deleting them": the blocked verbs are a Deny intent of their own.
    for (const service of services) {
        const denied = byService.get(service)!.filter((hit) => hit.denied === true).map((hit) => ({...hit, negated: false, denied: false}));
        if (denied.length === 0)
            continue;
        const verbNouns: Record<string, string[]> = {};
        const verbObjects: Record<string, string[]> = {};
        const objects = new Set<string>();
        for (const hit of denied) {
            // "deny deleting them": the pronoun stands for the objects of the verb before it.
            const own = words.after(service, [hit]);
            const antecedent = PRONOUNS.has(tokens[hit.end]?.lower ?? "")
                ? [...byService.get(service)!].reverse().find((other) => other.end <= hit.start && !other.negated && words.after(service, [other]).length > 0)
                : undefined;
            const nouns = own.length > 0 || antecedent == null ? own : words.after(service, [antecedent]);
            nouns.forEach((noun) => objects.add(noun));
            // A pronoun's objects are a guess: they count as nouns, but none of them is the verb's own object.
            if (own.length > 0)
                verbNouns[hit.verb] = own;
            const heads = own.length > 0 ? words.heads(service, hit) : [];
            if (heads.length > 0)
                verbObjects[hit.verb] = heads;
        }
        const serviceNouns = words.aroundMentions(service);
        intents.push({...buildIntent(service, "Deny", denied, undefined, [...new Set([...objects, ...serviceNouns])], false), verbNouns, verbObjects, serviceNouns});
    }
    return intents;
}

/**
 * "all AWS Batch API actions whose names start with Describe and List": where the request names families
 * of a service's actions, "all … actions" is about them, not the service wildcard.
 */
export function narrowedToFamilies(intents: ServiceIntent[], namedActions: readonly NamedAction[]): ServiceIntent[] {
    const withFamilies = new Set(namedActions.filter((named) => named.action.endsWith("*")).map((named) => named.service));
    return intents.map((intent) => intent.access.includes("full") && withFamilies.has(intent.service)
        ? {...intent, access: intent.access.filter((access) => access !== "full")} : intent);
}

function ownerOf(hit: VerbHit, inSentence: readonly ServiceMention[]): ServiceMention | undefined {
    const containing = inSentence.find((mention) => hit.start >= mention.start && hit.start < mention.end);
    if (containing != null)
        return containing;
    return inSentence.find((mention) => mention.start >= hit.end)
        ?? [...inSentence].reverse().find((mention) => mention.end <= hit.start);
}

/**
 * "Grant Lambda and IAM list permissions": a service the request asks nothing of takes the verbs of
 * its nearest neighbour that asks something; a verb named after actions ("list", "start") only where
 * the service has actions of that name.
 */
function shareWithNeighbours(services: readonly string[], targets: readonly ServiceMention[], byService: Map<string, VerbHit[]>, catalog: Catalog | undefined) {
    const hasNamed = (service: string, hit: VerbHit) => hit.entry.names == null
        || (catalog != null && hit.entry.names.some((name) => firstWordsOf(catalog, service).has(name.toLowerCase())));
    const ordered = services.map((service) => ({service, first: targets.find((mention) => mention.service === service)!.start}))
        .sort((a, b) => a.first - b.first);
    const asks = (service: string) => byService.get(service)!.some((hit) => !hit.negated);
    for (let i = 0; i < ordered.length; i++) {
        if (asks(ordered[i]!.service))
            continue;
        const neighbours = [...ordered.slice(0, i).reverse(), ...ordered.slice(i + 1)];
        const donor = neighbours.find((neighbour) => asks(neighbour.service));
        if (donor != null)
            byService.get(ordered[i]!.service)!.push(...byService.get(donor.service)!.filter((hit) => !hit.negated && hasNamed(ordered[i]!.service, hit)));
    }
}

/** What "all" must be followed by to mean the whole service: "all S3 actions", "all EC2 API calls". */
const ALL_OF_A_SERVICE = lexiconWords("allOfAService");
const WHOLE_SERVICE_OPENERS = lexiconWords("wholeServiceOpeners");

/** "full access", "full EC2 access", "admin access to S3": the service wildcard. */
function findFullAccess(
    tokens: readonly Token[], targets: readonly ServiceMention[], mentionAt: Int32Array, targetsBySentence: ReadonlyMap<number, ServiceMention[]>
): Map<string, string> {
    const {before, after} = intentVocabulary().full;
    const found = new Map<string, string>();
    for (let i = 0; i < tokens.length; i++) {
        // "… if the bucket owner has full control": a condition's words grant nothing.
        if (!before.includes(tokens[i]!.lower) || isInCondition(tokens, i))
            continue;
        let j = i + 1;
        // "all EC2 API calls": service words, and "API", may stand between.
        while (j < tokens.length && j <= i + 4 && (mentionAt[j]! >= 0 || tokens[j]!.lower === "api"))
            j++;
        if (j >= tokens.length || !after.includes(tokens[j]!.norm) || tokens[j]!.sentence !== tokens[i]!.sentence)
            continue;
        if (WHOLE_SERVICE_OPENERS.has(tokens[i]!.lower) && !ALL_OF_A_SERVICE.has(tokens[j]!.norm))
            continue;
        const words = tokens.slice(i, j + 1).map((token) => token.text).join(" ");
        const sentence = tokens[i]!.sentence;
        const inSentence = targetsBySentence.get(sentence) ?? [];
        const between = inSentence.filter((mention) => mention.start > i && mention.end <= j);
        const owners = between.length > 0 ? between : inSentence.filter((mention) => mention.start > j).slice(0, 1).concat(inSentence.filter((mention) => mention.end <= i));
        // "ec2 and rds full access": every service listed together before the phrase.
        for (const mention of owners.length > 0 ? owners : targets)
            found.set(mention.service, words);
    }
    return found;
}


function buildIntent(service: string, effect: Effect, hits: readonly VerbHit[], fullWords: string | undefined, nouns: string[], namesAction: boolean): ServiceIntent {
    const access = new Set<AccessIntent>();
    const verbs = new Set<string>();
    const negatedAccess = new Set<AccessIntent>();
    const negatedVerbs = new Set<string>();
    const matched: string[] = [];
    let only = false;
    for (const hit of hits) {
        const words = hit.negated ? `not ${hit.words}` : hit.words;
        if (!matched.includes(words))
            matched.push(words);
        if (hit.negated) {
            // "not terminate" rules out terminating, not every Write action; "not write" rules out the access.
            if (hit.entry.names != null)
                negatedVerbs.add(hit.verb);
            else
                hit.entry.access.forEach((kind) => negatedAccess.add(kind));
            continue;
        }
        // A verb with its own action names ("start") asks for those actions, not for its whole access level.
        if (hit.entry.names == null)
            hit.entry.access.forEach((kind) => access.add(kind));
        verbs.add(hit.verb);
        only ||= hit.entry.only === true;
    }
    if (fullWords != null) {
        access.add("full");
        matched.push(fullWords);
    }
    if (only)
        for (const kind of ["write", "delete", "create", "manage", "permissions", "tagging"] as const)
            if (!access.has(kind))
                negatedAccess.add(kind);
    // What is asked for wins over a negation elsewhere ("Allow launching … Deny launching any instance without the tag").
    for (const verb of verbs)
        negatedVerbs.delete(verb);
    for (const kind of access)
        negatedAccess.delete(kind);
    // "The user is not allowed to create buckets": a request that only rules something out is a prohibition, a Deny
    // of it (reading it as "read and write" granted what was not asked).
    if (effect === "Allow" && access.size === 0 && verbs.size === 0 && !namesAction && (negatedVerbs.size > 0 || negatedAccess.size > 0))
        return {service, effect: "Deny", access: [...negatedAccess], verbs: [...negatedVerbs], negated: {access: [], verbs: []}, matched, nouns};
    // No verb at all and no action written out: a deny is about everything on the service, an allow about reading and writing its data.
    if (access.size === 0 && verbs.size === 0 && !namesAction) {
        (effect === "Deny" ? ["full"] as const : ["read", "write"] as const).forEach((kind) => access.add(kind));
        matched.push(effect === "Deny" ? "(deny without a verb: everything)" : "(no verb: read and write)");
    }
    return {
        service, effect,
        access: [...access],
        verbs: [...verbs],
        negated: {access: [...negatedAccess], verbs: [...negatedVerbs]},
        matched,
        nouns
    };
}
