import type {Catalog} from "../catalog/Catalog.js";
import type {AccessLevel} from "../catalog/types.js";
import {memoPerCatalog} from "../catalog/memoPerCatalog.js";
import {singular, typeWords} from "./text.js";
import {lexiconWords} from "./words.js";

/** An action a verb and its object spell by the action's description, not its name, with the services whose description says so. */
export interface DescribedAction {
    name: string;
    services: string[];
}

/** How the catalog's descriptions open before their verb. */
const OPENING = "Grants permission to ";
const WORD = /[A-Za-z0-9]+/g;
/** A spelling that more services' descriptions share says what many do ("get information", "list tags"), not whose the action is. */
const MAX_SERVICES = 3;
/** As many object words as a request's verb is read with. */
const MAX_OBJECT_WORDS = 3;
/**
 * Reading actions are described with interchangeable verbs ("view a dashboard", "get", "retrieve", "return",
 * "describe"), and their names say as much: which verb a description chose says nothing of whose it is.
 */
const READING_LEVELS: ReadonlySet<AccessLevel> = new Set(["Read", "List"]);
/** How far into a description its verbs reach ("create, update, or delete …"). */
const VERB_REACH = 30;
/** Enough of a description to hold its verbs and object. */
const OPENING_LENGTH = 80;

const OBJECT_FILLER = lexiconWords("objectFiller");
const BRAND_WORDS = lexiconWords("brandWords");
const COORDINATORS = lexiconWords("coordinators");
/** Words that end a description's object: prepositions and clause words ("publish metric data points to …"). */
const OBJECT_ENDS = new Set([...lexiconWords("functionWords"), ...lexiconWords("describedObjectEnders")]);

/**
 * Object words, lower case and singular and run together ("metric", "metricdatapoint") → the actions whose
 * description opens with this verb and them ("Grants permission to publish metric data points to Amazon
 * CloudWatch": PutMetricData for "publish"). Every leading run of the object counts, as a request names a
 * thing by its first words as often as by all of them. Built per verb on first use: only requests that name
 * no service spell actions by their words, and they use a few verbs.
 */
export function describedSpellings(catalog: Catalog, verb: string): ReadonlyMap<string, readonly DescribedAction[]> {
    const byVerb = spellingsByVerb(catalog);
    let spellings = byVerb.get(verb);
    if (spellings == null)
        byVerb.set(verb, spellings = spellingsOf(catalog, verb));
    return spellings;
}

const spellingsByVerb = memoPerCatalog(() => new Map<string, Map<string, DescribedAction[]>>());

function spellingsOf(catalog: Catalog, verb: string): Map<string, DescribedAction[]> {
    const spellings = new Map<string, {actions: DescribedAction[]; services: string[]}>();
    for (const service of catalog.services) {
        let serviceWords: Set<string> | undefined;
        let things: Set<string> | undefined;
        for (const action of service.actions) {
            // Most descriptions do not have the verb among their first words: those are passed over unread.
            const at = action.description.indexOf(verb, OPENING.length);
            if (at < 0 || at > OPENING.length + VERB_REACH || action.accessLevels.every((level) => READING_LEVELS.has(level)))
                continue;
            serviceWords ??= new Set(service.name.toLowerCase().match(WORD) ?? []);
            // The object must name a thing the service has ("metric": CloudWatch's metric streams), not merely a word
            // its descriptions use ("view the permissions of a document" spells no action for "view my permissions").
            things ??= new Set(service.resourceTypes.flatMap((type) => typeWords(type.name)));
            const read = readDescription(catalog, action.description, serviceWords);
            if (read == null || !read.verbs.includes(verb))
                continue;
            let key = "";
            for (const word of read.object)
                if ((key += word) && things.has(word))
                    addSpelling(spellings, key, service.prefix, action.name);
        }
    }
    const kept = new Map<string, DescribedAction[]>();
    for (const [key, {actions, services}] of spellings)
        if (services.length <= MAX_SERVICES)
            kept.set(key, actions);
    return kept;
}

/** Adds an action to a spelling's; the catalog is read service by service, so a new service is another than the last. */
function addSpelling(spellings: Map<string, {actions: DescribedAction[]; services: string[]}>, key: string, service: string, name: string) {
    let found = spellings.get(key);
    if (found == null)
        spellings.set(key, found = {actions: [], services: []});
    if (found.services.at(-1) !== service)
        found.services.push(service);
    if (found.services.length > MAX_SERVICES)
        return;
    const same = found.actions.find((entry) => entry.name === name);
    if (same == null)
        found.actions.push({name, services: [service]});
    else if (same.services.at(-1) !== service)
        same.services.push(service);
}

/**
 * The verbs and object words a description opens with: "create or update a Lambda function alias" →
 * create, update; function, alias. The service's own name and brand words are no part of the object.
 */
function readDescription(catalog: Catalog, description: string, serviceWords: ReadonlySet<string>): {verbs: string[]; object: string[]} | undefined {
    if (!description.startsWith(OPENING))
        return undefined;
    // Words and the punctuation between them: a comma or a full stop ends the object ("delete a bucket, and …").
    const words = description.slice(OPENING.length, OPENING.length + OPENING_LENGTH).toLowerCase().match(PIECE) ?? [];
    if (words.length === 0 || catalog.verbLevel(words[0]!) == null)
        return undefined;
    const verbs = [words[0]!];
    let at = 1;
    // "create or update", "create, update, or delete": verbs in a series share the object.
    for (let next = at; ; at = ++next) {
        while (next < words.length && (SEPARATOR.test(words[next]!) || COORDINATORS.has(words[next]!)))
            next++;
        if (next === at || next >= words.length || catalog.verbLevel(words[next]!) == null)
            break;
        verbs.push(words[next]!);
    }
    const object: string[] = [];
    for (; at < words.length && object.length < MAX_OBJECT_WORDS; at++) {
        const word = words[at]!;
        if (serviceWords.has(word) || BRAND_WORDS.has(word) || (object.length === 0 && OBJECT_FILLER.has(word)))
            continue;
        if (!/^[a-z]+$/.test(word) || OBJECT_ENDS.has(word))
            break;
        object.push(singular(word));
    }
    return object.length > 0 ? {verbs, object} : undefined;
}

// A hyphenated word is one piece, and ends the object: "Multi-Region access point" is no "multi".
const PIECE = /[a-z0-9]+(?:-[a-z0-9]+)*|[^\sa-z0-9]/g;
const SEPARATOR = /^[^a-z0-9]$/;
