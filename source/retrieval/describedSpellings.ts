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
const PART_OF = lexiconWords("describedPartOf");
/** Words that end a description's object: prepositions and clause words ("publish metric data points to …"). */
const OBJECT_ENDS = new Set([...lexiconWords("functionWords"), ...lexiconWords("describedObjectEnders")]);

/** One action whose description opens with a verb and an object. */
interface Opening {
    service: string;
    name: string;
    /** Whether the last word of this run of the object names a thing of the service (a word of its resource types). */
    thing: boolean;
}

/**
 * Object words, lower case and singular and run together ("metric", "metricdatapoint") → the actions whose
 * non-reading description opens with this verb and them ("Grants permission to publish metric data points to
 * Amazon CloudWatch": PutMetricData for "publish"). Every leading run of the object counts, as a request
 * names a thing by its first words as often as by all of them. Read per verb on first use, as requests use
 * a few verbs; the descriptions are read only by requests that need them.
 */
const openingsOf = perVerb((catalog, verb) => {
    const openings = new Map<string, Opening[]>();
    for (const service of catalog.services) {
        let serviceWords: Set<string> | undefined;
        let things: Set<string> | undefined;
        for (const action of service.actions) {
            // Most descriptions do not have the verb among their first words: those are passed over unread.
            const at = action.description.indexOf(verb, OPENING.length);
            if (at < 0 || at > OPENING.length + VERB_REACH || action.accessLevels.every((level) => READING_LEVELS.has(level)))
                continue;
            serviceWords ??= new Set(service.name.toLowerCase().match(WORD) ?? []);
            things ??= new Set(service.resourceTypes.flatMap((type) => typeWords(type.name)));
            const read = readDescription(catalog, action.description, serviceWords);
            if (read == null || !read.verbs.includes(verb))
                continue;
            let key = "";
            for (const word of read.object) {
                key += word;
                const found = openings.get(key);
                const opening = {service: service.prefix, name: action.name, thing: things.has(word)};
                if (found == null)
                    openings.set(key, [opening]);
                else
                    found.push(opening);
            }
        }
    }
    return openings;
});

/**
 * The actions a verb and its object spell by their descriptions, for choosing a service: the object must end on
 * a thing the service has ("metric": CloudWatch's metric streams), not on a word that qualifies one ("create
 * multiple …"), and a spelling more services share says what many do ("list tags"), not whose the action is.
 */
export const describedSpellings = perVerb((catalog, verb) => {
    const spellings = new Map<string, DescribedAction[]>();
    for (const [key, openings] of openingsOf(catalog, verb)) {
        const things = openings.filter((opening) => opening.thing);
        if (things.length === 0 || new Set(things.map((opening) => opening.service)).size > MAX_SERVICES)
            continue;
        const actions: DescribedAction[] = [];
        for (const {service, name} of things) {
            const same = actions.find((entry) => entry.name === name);
            if (same == null)
                actions.push({name, services: [service]});
            else if (!same.services.includes(service))
                same.services.push(service);
        }
        spellings.set(key, actions);
    }
    return spellings as ReadonlyMap<string, readonly DescribedAction[]>;
});

/** Object words run together → the names of this service's actions whose description opens with the verb and them, unguarded: the service is known. */
export function describedActionsOf(catalog: Catalog, verb: string, service: string): Map<string, string[]> {
    const found = new Map<string, string[]>();
    for (const [key, openings] of openingsOf(catalog, verb))
        for (const opening of openings)
            if (opening.service === service)
                found.set(key, [...found.get(key) ?? [], opening.name]);
    return found;
}

/** `compute` memoised per catalog and verb. */
function perVerb<T>(compute: (catalog: Catalog, verb: string) => T): (catalog: Catalog, verb: string) => T {
    const byCatalog = memoPerCatalog(() => new Map<string, T>());
    return (catalog, verb) => {
        const byVerb = byCatalog(catalog);
        if (!byVerb.has(verb))
            byVerb.set(verb, compute(catalog, verb));
        return byVerb.get(verb)!;
    };
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
    // "start an execution of a flow alias": a part of another thing, which the name puts first (StartFlowExecution),
    // so "start executions" is Step Functions' StartExecution.
    if (PART_OF.has(words[at] ?? ""))
        return undefined;
    return object.length > 0 ? {verbs, object} : undefined;
}

// A hyphenated word is one piece, and ends the object: "Multi-Region access point" is no "multi".
const PIECE = /[a-z0-9]+(?:-[a-z0-9]+)*|[^\sa-z0-9]/g;
const SEPARATOR = /^[^a-z0-9]$/;
