import type {Catalog} from "../catalog/Catalog.js";
import {ACCESS_LEVELS, type AccessLevel, type CatalogAction} from "../catalog/types.js";
import type {NamedAction} from "./detectServices.js";
import {searchDescriptions} from "./actionDescriptions.js";
import {describedActionsOf} from "./describedSpellings.js";
import {nameWords, typeWords} from "./text.js";
import type {AccessIntent, CandidateAction, ExcludedAction, ResourceHint, ServiceIntent} from "./types.js";
import {intentVocabulary, serviceVocabulary} from "./vocabulary.js";
import {lexiconWords} from "./words.js";

// Scores: what selected an action, then how well its name fits the request's nouns and resources.
const NAMED_SCORE = 100;
const BUNDLE_SCORE = 70;
const VERB_SCORE = 50;
const LEVEL_SCORE = 20;
const DESCRIPTION_SCORE = 10;
/** A description hit must score at least this share of the best one. */
const DESCRIPTION_CLOSENESS = 0.6;
const NOUN_BONUS = 12;
const MORE_NOUNS_BONUS = 4;
const DATA_NOUN_BONUS = 6;
const EXACT_BONUS = 10;
const PREFERRED_VERB_BONUS = 6;
const RESOURCE_BONUS = 8;
/** The verb's direct object ("deleting objects in the bucket" → object) outranks nouns further on. */
const OBJECT_BONUS = 8;
const EXTRA_WORD_PENALTY = 6;
/** How many actions one verb, or one kind of access, may add; the ones within reach of the best. */
const PER_VERB = 5;
const PER_VERB_REACH = 8;
const PER_NOUN = 2;
const PER_DESCRIPTION = 5;
const PER_ACCESS = 8;
const PER_ACCESS_REACH = 20;
const PER_NEGATION = 8;
/** "manage" spans create, change, delete and read: a wider set. */
const PER_MANAGE = 12;

/** Verbs of deleting: their own access ("delete"), never part of "write". */
const REMOVING_VERBS = lexiconWords("removingVerbs");

interface Scored {
    action: CatalogAction;
    score: number;
    reason: string;
}

/** Whether `name` starts with the CamelCase word(s) `prefix`: Start → StartInstances, not Startup. */
function startsWithWord(name: string, prefix: string): boolean {
    return name.startsWith(prefix) && (name.length === prefix.length || /[A-Z0-9]/.test(name[prefix.length]!));
}

/**
 * The verb an action is named by. An HTTP method as a name (API Gateway's POST, PATCH) says how it is
 * called, not what it does: its description does ("Grants permission to create a particular resource").
 */
function namedByVerb(action: CatalogAction, names: readonly string[]): string | undefined {
    const prefix = names.find((name) => startsWithWord(action.name, name));
    if (prefix != null || !/^[A-Z]+$/.test(action.name))
        return prefix;
    const described = /^Grants permission to (\w+)/.exec(action.description)?.[1]?.toLowerCase();
    return described != null && names.some((name) => name.toLowerCase() === described) ? action.name : undefined;
}

/**
 * Ranks real catalog actions for every intent: actions named in the request, the usual set for a verb
 * on a service (pull from ECR), verb matches on action names (start → StartInstances), then access-level
 * matches (read → Read and List), each scored by how well the rest of its name matches the request's nouns
 * and whether it acts on the resource types named. Negated verbs and access go to `excluded`.
 */
export function rankCandidates(
    catalog: Catalog, intents: readonly ServiceIntent[], resources: readonly ResourceHint[], namedActions: readonly NamedAction[] = []
): {candidates: CandidateAction[]; excluded: ExcludedAction[]} {
    const candidates = new Map<string, CandidateAction>();
    const excluded = new Map<string, ExcludedAction>();
    /** The effects each excluded action is ruled out for: an allow's "block deleting" still leaves the Deny. */
    const excludedFor = new Map<string, Set<string>>();
    const keep = (scored: Scored, intent: ServiceIntent) => {
        const key = `${intent.effect}:${scored.action.service}:${scored.action.name}`;
        const existing = candidates.get(key);
        if (existing != null) {
            if (scored.score > existing.score)
                existing.score = scored.score;
            if (!existing.reason.includes(scored.reason))
                existing.reason += `; ${scored.reason}`;
            return;
        }
        candidates.set(key, {
            action: `${scored.action.service}:${scored.action.name}`,
            service: scored.action.service,
            accessLevel: scored.action.accessLevels.join(", "),
            accessLevels: [...scored.action.accessLevels],
            effect: intent.effect,
            reason: scored.reason,
            score: scored.score
        });
    };

    for (const named of namedActions) {
        const intent = intents.find((candidate) => candidate.service === named.service);
        const effect = intent?.effect ?? "Allow";
        const actions = catalog.expand(named.action);
        candidates.set(`${effect}:${named.action}`, {
            action: named.action,
            service: named.service,
            accessLevel: joinLevels(actions),
            accessLevels: levelsOf(actions),
            effect,
            reason: "named in the request",
            score: NAMED_SCORE,
            named: true
        });
    }

    const exclude = (intent: ServiceIntent, entries: ExcludedAction[]) => {
        for (const entry of entries) {
            if (!excluded.has(entry.action))
                excluded.set(entry.action, entry);
            excludedFor.set(entry.action, (excludedFor.get(entry.action) ?? new Set()).add(intent.effect));
        }
    };
    for (const intent of intents) {
        const service = catalog.service(intent.service);
        if (service == null)
            continue;
        const context = new IntentContext(catalog, intent, resources);
        if (intent.access.includes("full")) {
            candidates.set(`${intent.effect}:${service.prefix}:*`, {
                action: `${service.prefix}:*`,
                service: service.prefix,
                accessLevel: joinLevels(service.actions),
                accessLevels: levelsOf(service.actions),
                effect: intent.effect,
                reason: `full access asked ("${intent.matched.at(-1)}"): the service wildcard`,
                score: NAMED_SCORE
            });
            // "full access to S3 except deleting buckets": what is ruled out still is.
            exclude(intent, context.negated());
            continue;
        }
        // Each verb is scored against its own object when it has one ("managing EC2 instances, describing VPCs").
        const contextFor = (verbs: readonly string[]) => {
            const own = verbs.flatMap((verb) => intent.verbNouns?.[verb] ?? []);
            return own.length > 0 ? new IntentContext(catalog, intent, resources, [...own, ...intent.serviceNouns ?? [], ...dataNounsOf(intent)], verbs.length === 1 ? intent.verbObjects?.[verbs[0]!] ?? [] : []) : context;
        };
        const bundled = context.bundles();
        for (const scored of bundled.actions)
            keep(scored, intent);
        for (const verb of intent.verbs) {
            if (bundled.keys.has(verb))
                continue;
            const verbContext = contextFor([verb]);
            let found = verbContext.byVerb(verb);
            // No action carries the verb's name: one whose description opens with the verb and the request's object
            // does ("send custom events": EventBridge's PutEvents), else the verb's access level stands in ("send metrics").
            if (found.length === 0 && verbNames(verb).length > 0)
                found = orElse(verbContext.byDescribedVerb(verb), () => (verbEntry(verb)?.access ?? []).flatMap((access) => verbContext.byAccess(access)));
            for (const scored of found)
                keep(scored, intent);
        }
        // A usual set for the access ("read" on DynamoDB) stands in for the level's long tail.
        for (const access of intent.access)
            if (!bundled.keys.has(access))
                for (const scored of contextFor(verbsGiving(intent, access)).byAccess(access))
                    keep(scored, intent);
        // Nothing by name or level: the catalog's descriptions may still name what was asked ("turn off GuardDuty").
        if (![...candidates.values()].some((candidate) => candidate.service === intent.service))
            for (const scored of context.byDescription())
                keep(scored, intent);
        exclude(intent, context.negated());
    }

    // An action written out in the request stays; anything else the request rules out goes.
    const named = new Set(namedActions.map((entry) => entry.action));
    for (const action of named) {
        excluded.delete(action);
        excludedFor.delete(action);
    }
    for (const [key, candidate] of candidates)
        if (excluded.has(candidate.action) && excludedFor.get(candidate.action)?.has(candidate.effect) === true)
            candidates.delete(key);
    // "the CreateSnapshot API action … create snapshots only if …": the name written out stands for the verb's
    // reading of the same words (CreateSnapshots differs from it only in number).
    const wordsOf = (action: string) => `${action.split(":")[0]}:${nameWords(action.split(":")[1]!).join(" ")}`;
    const spelt = new Set(namedActions.filter((entry) => !entry.action.includes("*")).map((entry) => wordsOf(entry.action)));
    for (const [key, candidate] of candidates)
        if (candidate.named !== true && !named.has(candidate.action) && spelt.has(wordsOf(candidate.action)))
            candidates.delete(key);
    return {
        candidates: [...candidates.values()].sort((a, b) => b.score - a.score),
        excluded: [...excluded.values()]
    };
}

/** Scoring for one intent on one service. */
class IntentContext {
    private readonly nouns: Set<string>;
    private readonly dataNouns: Set<string>;
    private readonly resourceTypes: Set<string>;
    private readonly childTypes = new Set<string>();
    private readonly actions: readonly CatalogAction[];
    private readonly permissionsAsked: boolean;

    private readonly objects: Set<string>;
    /** The service's words for one thing ("config" → configuration), applied to the request's nouns and to action names' words. */
    private readonly synonyms: Record<string, string>;
    /** Resource types of the service by their words run together (`queue`, `loggroup`): what lifecycle actions create. */
    private readonly typeNames: Set<string>;

    constructor(
        private readonly catalog: Catalog, private readonly intent: ServiceIntent, resources: readonly ResourceHint[], nouns = intent.nouns ?? [], objects: readonly string[] = []
    ) {
        const vocabulary = serviceVocabulary();
        const synonyms = this.synonyms = {...vocabulary.nounSynonyms["*"], ...vocabulary.nounSynonyms[intent.service]};
        const service = catalog.service(intent.service)!;
        this.actions = service.actions;
        this.nouns = new Set(nouns.map((noun) => synonyms[noun] ?? noun));
        this.objects = new Set(objects.map((noun) => synonyms[noun] ?? noun));
        this.typeNames = new Set(service.resourceTypes.map((type) => typeWords(type.name).join("")));
        this.dataNouns = new Set(vocabulary.dataNouns[intent.service] ?? []);
        this.resourceTypes = new Set(resources.filter((resource) => resource.service === intent.service).map((resource) => resource.type));
        // Resource types the nouns name ("security groups", "log groups") also count.
        for (const type of service.resourceTypes) {
            const words = typeWords(type.name).map((word) => synonyms[word] ?? word);
            if (words.length > 0 && words.every((word) => this.nouns.has(word)))
                this.resourceTypes.add(type.name);
        }
        // Objects live in buckets: a type inside a named one is not "another" resource.
        for (const type of service.resourceTypes)
            if (!this.resourceTypes.has(type.name) && type.parents.some((parent) => this.resourceTypes.has(parent)))
                this.childTypes.add(type.name);
        this.permissionsAsked = intentVocabulary().permissionNouns.some((noun) => this.nouns.has(noun));
        // A data noun that is itself a resource type ("instance") stops counting when the request names other types ("security group rules").
        for (const noun of [...this.dataNouns]) {
            const nounTypes = service.resourceTypes.filter((type) => typeWords(type.name).join(" ") === noun).map((type) => type.name);
            const named = [...this.resourceTypes, ...this.childTypes];
            if (nounTypes.length > 0 && named.length > 0 && !nounTypes.some((type) => named.includes(type)))
                this.dataNouns.delete(noun);
        }
    }

    /** The usual action set for a verb on this service ("pull" on ECR), from verbs.json. */
    bundles(): {actions: Scored[]; keys: Set<string>} {
        const bundles = intentVocabulary().bundles[this.intent.service] ?? {};
        const asked = new Set<string>([...this.intent.verbs, ...this.intent.access]);
        const scored: Scored[] = [];
        const keys = new Set<string>();
        // "read dashboard" when dashboards are named, else plain "read".
        const specific = Object.keys(bundles).filter((key) => {
            const [verb, noun] = key.split(" ");
            return noun != null && asked.has(verb!) && this.nouns.has(noun);
        });
        const chosen = Object.entries(bundles).filter(([key]) => specific.includes(key)
            || (!key.includes(" ") && !specific.some((other) => other.startsWith(`${key} `))));
        for (const [key, actions] of chosen) {
            const verb = key.split(" ")[0]!;
            if (!asked.has(verb) || this.intent.negated.verbs.includes(verb) || !this.coversNamedTypes(actions))
                continue;
            keys.add(verb);
            for (const qualified of actions) {
                const action = this.catalog.action(qualified);
                if (action != null)
                    scored.push({action, score: BUNDLE_SCORE, reason: `the usual actions to ${verb} on ${this.intent.service}`});
            }
        }
        return {actions: scored, keys};
    }

    /** A usual set fits only if it acts on every resource type the request names ("DynamoDB Streams" is not a table). */
    private coversNamedTypes(qualified: readonly string[]): boolean {
        const covered = new Set(qualified.flatMap((name) => this.catalog.action(name)?.resourceTypes.map((resource) => resource.name) ?? []));
        const arnOf = (type: string) => this.catalog.resourceType(this.intent.service, type)?.arn ?? "";
        // Objects cover their bucket: acting inside a named resource is acting on it.
        return [...this.resourceTypes].every((type) => covered.has(type)
            || [...covered].some((other) => arnOf(other).startsWith(`${arnOf(type)}/`)));
    }

    /** Actions whose name starts with one of the verb's names (start → StartInstances), best noun fit first. */
    byVerb(verb: string): Scored[] {
        const names = verbNames(verb);
        let scored: Array<Scored & {fits: boolean; object?: {noun: string; words: number}}> = [];
        for (const action of this.actions) {
            const prefix = namedByVerb(action, names);
            if (prefix == null || this.offLevel(action))
                continue;
            const fit = this.fit(action, nameWords(prefix).length);
            if (fit.resourceMismatch)
                continue;
            const object = this.spelledObject(nameWords(action.name).slice(nameWords(prefix).length));
            scored.push({action, score: VERB_SCORE + fit.score, reason: `verb "${verb}" matches the name`, fits: fit.nounHits + fit.dataHits > 0 || nameWords(action.name).length === nameWords(prefix).length, ...(object != null ? {object} : {})});
        }
        // The verb and each of its objects spell an action ("describe instances and volumes"): those are what was asked,
        // the longest spelling of each ("node groups": DescribeNodegroup).
        const spelt = [...this.objects].map((noun) => {
            const forNoun = scored.filter((entry) => entry.object?.noun === noun);
            const longest = Math.max(0, ...forNoun.map((entry) => entry.object!.words));
            return forNoun.filter((entry) => entry.object!.words === longest);
        });
        if (this.objects.size > 0 && spelt.every((entries) => entries.length > 0))
            return spelt.flat().map((entry) => ({...entry, reason: entry.reason + this.note(entry.action)}));
        // With an object named ("creating alarms"), only names that fit it, or the bare verb ("Publish"), count.
        if (this.nouns.size > 0)
            scored = scored.filter((entry) => entry.fits);
        // Names that fit the verb's own object beat those that fit only its container ("delete objects in the bucket").
        const ofObject = scored.filter((entry) => nameWords(entry.action.name).some((word) => this.spelledObject([word]) != null));
        if (ofObject.length > 0)
            scored = scored.filter((entry) => ofObject.includes(entry) || nameWords(entry.action.name).length === 1);
        // Each object listed gets its own best fits ("create users or access keys"); where the verb's objects
        // are known, a container after them ("delete objects in the bucket photos") is not one.
        const chosen = new Set(top(scored, PER_VERB, PER_VERB_REACH));
        for (const noun of this.objects.size > 0 ? this.objects : this.nouns) {
            const forNoun = scored.filter((entry) => nameWords(entry.action.name).includes(noun));
            for (const entry of top(forNoun, PER_NOUN, PER_VERB_REACH))
                chosen.add(entry);
        }
        return [...chosen].map((entry) => ({...entry, reason: entry.reason + this.note(entry.action)}));
    }

    /**
     * Actions whose description opens with the verb, or a word of its names, and an object the request's nouns
     * spell ("send custom events": PutEvents, described "send custom events to Amazon EventBridge").
     */
    byDescribedVerb(verb: string): Scored[] {
        const scored: Scored[] = [];
        for (const word of new Set([verb, ...verbNames(verb).map((name) => nameWords(name)[0]!)]))
            for (const [object, names] of describedActionsOf(this.catalog, word, this.intent.service)) {
                if (this.nounsSpelling(object) == null)
                    continue;
                for (const action of names.map((name) => this.catalog.action(`${this.intent.service}:${name}`)!)) {
                    const fit = this.fit(action, 1);
                    if (!fit.resourceMismatch && !this.offLevel(action) && !scored.some((other) => other.action === action))
                        scored.push({action, score: VERB_SCORE + fit.score, reason: `the description says "${word}" it${this.note(action)}`});
                }
            }
        return top(scored, PER_VERB, PER_VERB_REACH);
    }

    /**
     * The verb's object a name spells after its verb, alone or after nouns of the request ("node group" in
     * DescribeNodegroup), with its number of words; undefined when the name spells none.
     */
    private spelledObject(rest: readonly string[]): {noun: string; words: number} | undefined {
        const joined = rest.map((word) => this.synonyms[word] ?? word).join("");
        for (const noun of this.objects) {
            // A noun of the request may itself be the run-together type ("node" read as "nodegroup").
            const modifiers = !joined.endsWith(noun) ? undefined
                : joined !== noun && this.nouns.has(joined) ? 1 : this.nounsSpelling(joined.slice(0, joined.length - noun.length));
            if (modifiers != null)
                return {noun, words: modifiers + 1};
        }
        return undefined;
    }

    /** How many of the request's nouns, run together, spell this text (none: 0), or undefined when they cannot. */
    private nounsSpelling(text: string): number | undefined {
        if (text === "")
            return 0;
        for (const noun of this.nouns) {
            const rest = text.startsWith(noun) ? this.nounsSpelling(text.slice(noun.length)) : undefined;
            if (rest != null)
                return rest + 1;
        }
        return undefined;
    }

    /** Actions at the access level asked (read → Read and List), preferring the usual verbs and the nouns named. */
    byAccess(access: AccessIntent): Scored[] {
        if (access === "full")
            return [];
        const spec = intentVocabulary().access[access];
        const levels = new Set<AccessLevel>(spec.levels);
        if ((access === "manage" || access === "write") && this.permissionsAsked)
            levels.add("Permissions management");
        // Create and delete are Write actions whose names say so.
        const byName = access === "create" || access === "delete";
        const scored: Scored[] = [];
        for (const action of this.actions) {
            if (!action.accessLevels.some((level) => levels.has(level)) || this.offLevel(action, levels))
                continue;
            const preferred = spec.prefer.find((verb) => startsWithWord(action.name, verb));
            if ((byName && preferred == null) || (access === "write" && this.isLifecycle(action)))
                continue;
            const fit = this.fit(action, preferred != null ? nameWords(preferred).length : 1);
            if (fit.resourceMismatch || (this.nouns.size > 0 && fit.nounHits === 0 && this.resourceTypes.size > 0 && !fit.resourceMatch))
                continue;
            const score = LEVEL_SCORE + (preferred != null ? PREFERRED_VERB_BONUS : 0) + fit.score;
            scored.push({action, score, reason: `${access} access: ${action.accessLevels.join(", ")} level`});
        }
        return top(scored, access === "manage" ? PER_MANAGE : PER_ACCESS, PER_ACCESS_REACH).map((entry) => ({...entry, reason: entry.reason + this.note(entry.action)}));
    }

    /** Actions whose description names the request's verbs and nouns, for when names and levels found nothing. */
    byDescription(): Scored[] {
        const words = [...this.intent.verbs, ...this.nouns].filter((word) => word.length > 2);
        const found = searchDescriptions(this.catalog, this.intent.service, words).filter(({action}) => !this.offLevel(action));
        const best = found[0]?.score ?? 0;
        // Only the actions about as close as the best: a description that shares one common word says little.
        return found.filter((hit) => hit.score >= best * DESCRIPTION_CLOSENESS).slice(0, PER_DESCRIPTION)
            .map(({action, terms}) => ({action, score: DESCRIPTION_SCORE + NOUN_BONUS * terms.length, reason: `the description mentions ${terms.join(", ")}`}));
    }

    /** Actions the request rules out: negated verbs by name, negated access by level among the closest fits. */
    negated(): ExcludedAction[] {
        const excluded: ExcludedAction[] = [];
        for (const verb of this.intent.negated.verbs) {
            const names = verbNames(verb);
            const scored = this.actions
                .filter((action) => names.some((name) => startsWithWord(action.name, name)))
                .map((action) => ({action, fit: this.fit(action, 1)}))
                .filter(({fit}) => !fit.resourceMismatch && (this.nouns.size === 0 || fit.nounHits + fit.dataHits > 0 || fit.resourceMatch))
                .sort((a, b) => b.fit.score - a.fit.score);
            const best = scored[0]?.fit.score ?? 0;
            for (const {action} of scored.filter(({fit}) => fit.score >= best - PER_VERB_REACH).slice(0, PER_NEGATION))
                excluded.push({action: `${action.service}:${action.name}`, reason: `the request rules out "${verb}"`});
        }
        const negatedLevels = new Set<AccessLevel>();
        for (const access of this.intent.negated.access)
            if (access !== "full" && access !== "read" && access !== "list")
                intentVocabulary().access[access].levels.filter((level) => level !== "Read" && level !== "List").forEach((level) => negatedLevels.add(level));
        if (negatedLevels.size > 0) {
            const scored = this.actions
                .filter((action) => action.accessLevels.every((level) => negatedLevels.has(level) || level === "Tagging"))
                .map((action) => ({action, fit: this.fit(action, 1)}))
                .filter(({fit}) => !fit.resourceMismatch && (fit.nounHits > 0 || fit.resourceMatch))
                .sort((a, b) => b.fit.score - a.fit.score)
                .slice(0, PER_NEGATION);
            const words = this.intent.negated.access.join("/");
            for (const {action} of scored)
                excluded.push({action: `${action.service}:${action.name}`, reason: `the request rules out ${words} access (${action.accessLevels.join(", ")})`});
        }
        return excluded;
    }

    /** Permissions-management and tagging actions (also "Tagging, Write") come only when asked for. */
    private offLevel(action: CatalogAction, asked?: ReadonlySet<AccessLevel>): boolean {
        if (action.accessLevels.includes("Permissions management") && !this.permissionsAsked && !this.intent.access.includes("permissions") && !asked?.has("Permissions management"))
            return true;
        if (action.accessLevels.includes("Tagging") && !this.intent.access.includes("tagging") && !asked?.has("Tagging"))
            return true;
        return false;
    }

    /**
     * Creating a whole resource (CreateQueue) or deleting anything (DeleteQueue, PurgeQueue, DeleteMessage):
     * "write to the queue" means writing into it, not managing its life; deleting is asked for by name.
     */
    private isLifecycle(action: CatalogAction): boolean {
        const words = nameWords(action.name);
        return REMOVING_VERBS.has(words[0]!) || (words[0] === "create" && words.length > 1 && this.typeNames.has(words.slice(1).join("")));
    }

    /** How the name after its verb, and the resource types, fit the request. */
    private fit(action: CatalogAction, verbWords: number) {
        // The service's words for one thing ("Config" of CodeSigningConfig is the request's "configuration").
        const words = nameWords(action.name).map((word) => this.synonyms[word] ?? word);
        const restLength = Math.max(0, words.length - verbWords);
        let nounHits = 0;
        let dataHits = 0;
        for (let k = verbWords; k < words.length; k++) {
            if (this.nouns.has(words[k]!))
                nounHits++;
            else if (this.dataNouns.has(words[k]!))
                dataHits++;
        }
        const extra = restLength - nounHits - dataHits;
        let resourceMatch = false;
        let childMatch = false;
        if (this.resourceTypes.size > 0)
            for (const resource of action.resourceTypes) {
                resourceMatch ||= this.resourceTypes.has(resource.name);
                childMatch ||= this.childTypes.has(resource.name);
            }
        // Named resources of other types: the action cannot act on them (a stream action for a table).
        const resourceMismatch = this.resourceTypes.size > 0 && action.resourceTypes.length > 0 && !resourceMatch && !childMatch && nounHits === 0;
        // One noun fitting makes the match; more add little, so "DescribeInstances" keeps up with "DescribeSecurityGroups".
        let score = (nounHits > 0 ? NOUN_BONUS + MORE_NOUNS_BONUS * (nounHits - 1) : 0) + DATA_NOUN_BONUS * dataHits - EXTRA_WORD_PENALTY * extra
            + (resourceMatch ? RESOURCE_BONUS : childMatch ? RESOURCE_BONUS / 2 : 0);
        if (restLength > 0 && extra === 0)
            score += EXACT_BONUS;
        if (words.slice(verbWords).some((word) => this.objects.has(word)))
            score += OBJECT_BONUS;
        return {score, nounHits, dataHits, resourceMatch, resourceMismatch};
    }

    /** The part of a reason that says which nouns and resource types fit. */
    private note(action: CatalogAction): string {
        const notes: string[] = [];
        const nouns = nameWords(action.name).slice(1).filter((word) => this.nouns.has(word) || this.dataNouns.has(word));
        if (nouns.length > 0)
            notes.push(`nouns ${nouns.join(", ")}`);
        const types = action.resourceTypes.map((resource) => resource.name).filter((type) => this.resourceTypes.has(type));
        if (types.length > 0)
            notes.push(`acts on ${types.join(", ")}`);
        return notes.length > 0 ? `; ${notes.join("; ")}` : "";
    }
}

/** The intent's verbs that ask for this access by level (read, manage), not by name. */
function verbsGiving(intent: ServiceIntent, access: AccessIntent): string[] {
    return intent.verbs.filter((verb) => {
        const entry = verbEntry(verb);
        return entry != null && entry.names == null && entry.access.includes(access);
    });
}

/** The service's data nouns named anywhere in the request stay relevant to every verb. */
function dataNounsOf(intent: ServiceIntent): string[] {
    const data = new Set(serviceVocabulary().dataNouns[intent.service] ?? []);
    return (intent.nouns ?? []).filter((noun) => data.has(noun));
}

function verbEntry(verb: string) {
    return intentVocabulary().verbs.find((entry) => entry.words.some((word) => word.toLowerCase() === verb));
}

/** The action-name words of a verb: from the vocabulary, else the verb itself as the catalog spells it (renew → Renew). */
function verbNames(verb: string): string[] {
    const entry = verbEntry(verb);
    if (entry != null)
        return entry.names ?? [];
    return /^[a-z]+$/.test(verb) ? [verb.charAt(0).toUpperCase() + verb.slice(1)] : [];
}

/** The first list, or when it is empty, the second. */
function orElse<T>(first: T[], second: () => T[]): T[] {
    return first.length > 0 ? first : second();
}

function top(scored: Scored[], count: number, reach: number): Scored[] {
    if (scored.length === 0)
        return scored;
    scored.sort((a, b) => b.score - a.score || a.action.name.length - b.action.name.length);
    const best = scored[0]!.score;
    return scored.filter((entry) => entry.score >= best - reach).slice(0, count);
}

function levelsOf(actions: readonly CatalogAction[]): AccessLevel[] {
    const present = new Set(actions.flatMap((action) => action.accessLevels));
    return ACCESS_LEVELS.filter((level) => present.has(level));
}

function joinLevels(actions: readonly CatalogAction[]): string {
    return levelsOf(actions).join(", ");
}
