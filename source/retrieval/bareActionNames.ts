import type {Catalog} from "../catalog/Catalog.js";
import {managedServiceUsage} from "../managed/index.js";
import {hyphenedToNext, lemmas, STOPWORDS, type Token} from "./text.js";
import {lexiconWords, nominalVerb} from "./words.js";
import {memoPerCatalog} from "../catalog/memoPerCatalog.js";
import {describedSpellings} from "./describedSpellings.js";

/** An action written by its name alone ("the CreateSnapshot API action"), with every service that has it. */
export interface BareActionName {
    /** Canonical case, e.g. `CreateSnapshot`. */
    name: string;
    services: string[];
    /** The services whose action is spelt exactly as written (Athena's CreateWorkGroup, not Redshift Serverless's CreateWorkgroup). */
    exactCase: string[];
    start: number;
    end: number;
}

/** Lower-case action name → its canonical case and the services that have an action of that name. */
const actionNames = memoPerCatalog((catalog) => {
    const names = new Map<string, {name: string; services: string[]; spellings: Map<string, string[]>}>();
    for (const service of catalog.services) {
        for (const action of service.actions) {
            let entry = names.get(action.name.toLowerCase());
            if (entry == null)
                names.set(action.name.toLowerCase(), entry = {name: action.name, services: [], spellings: new Map()});
            entry.services.push(service.prefix);
            entry.spellings.set(action.name, [...entry.spellings.get(action.name) ?? [], service.prefix]);
        }
    }
    return names;
});

/** Two or more capitalised parts run together, as AWS writes API names: CreateCacheCluster, ListRules. */
const CAMEL_CASE = /^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+$/;

/**
 * Words written as an AWS API name, not prefixed by a service ("allows the CopySnapshot action"), or
 * spelt out in words before "action" ("the create change set action" → CreateChangeSet).
 */
export function findBareActionNames(catalog: Catalog, text: string, tokens: readonly Token[]): BareActionName[] {
    const names = actionNames(catalog);
    const found: BareActionName[] = [];
    tokens.forEach((token, index) => {
        if (ACTION_WORDS.has(token.norm)) {
            const spelt = speltName(names, tokens, index);
            if (spelt != null && !found.some((bare) => bare.end > spelt.start))
                found.push(spelt);
        }
        // `ec2:CopySnapshot` is a named action already; `ec2:Attribute` a condition key.
        if (!CAMEL_CASE.test(token.text) || text[token.start - 1] === ":")
            return;
        const entry = names.get(token.lower);
        if (entry != null)
            found.push({name: entry.name, services: entry.services, exactCase: entry.spellings.get(token.text) ?? [], start: index, end: index + 1});
    });
    return found.sort((a, b) => a.start - b.start);
}

/** The longest run of two to five plain words right before `index` that spells an action name. */
function speltName(names: ReturnType<typeof actionNames>, tokens: readonly Token[], index: number): BareActionName | undefined {
    for (let start = Math.max(0, index - MAX_SPELT_WORDS); start <= index - 2; start++) {
        const run = tokens.slice(start, index);
        if (run.some((word) => word.sentence !== tokens[index]!.sentence || !/^[a-z]+$/i.test(word.text)))
            continue;
        const entry = names.get(run.map((word) => word.lower).join("")) ?? names.get(run.map((word) => word.norm).join(""));
        if (entry != null)
            return {name: entry.name, services: entry.services, exactCase: [], start, end: index};
    }
    return undefined;
}

/**
 * The service a bare action name is meant for: one the request names that has it, else of those that
 * spell it exactly as written (else all that have it), the one AWS's managed policies grant most often.
 */
export function serviceOfBareName(bare: BareActionName, namedServices: readonly string[]): string {
    const named = bare.services.find((service) => namedServices.includes(service));
    if (named != null)
        return named;
    const pool = bare.exactCase.length > 0 ? bare.exactCase : bare.services;
    return [...pool].sort((a, b) => managedServiceUsage(b) - managedServiceUsage(a))[0]!;
}

/** The most words an action name spelt out in words may have ("the create change set action"). */
const MAX_SPELT_WORDS = 5;

/** A family of a service's actions written by the first word of their names: `Put*`, "the Get and List actions". */
export interface ActionFamily {
    /** The first word, as action names spell it (`Describe`). */
    word: string;
    start: number;
    end: number;
}

/** Words after a list of name words that say they are action names ("the Get, List and Describe actions"). */
const ACTION_WORDS = lexiconWords("actionWords");
const CAPITALISED_WORD = /^[A-Z][a-z]+$/;

/**
 * Families of actions a request writes by the first word of their names: a capitalised word with a
 * `*` after it ("any of the S3 Put* actions"), or a list of capitalised words before "actions" ("the
 * Get, List, and Describe* actions"). `isFirstWord` says whether some named service's action names
 * start with the word; the caller ties each family to that service.
 */
export function findActionFamilies(text: string, tokens: readonly Token[], isFirstWord: (word: string) => boolean): ActionFamily[] {
    const isMember = (token: Token) => CAPITALISED_WORD.test(token.text) && text[token.start - 1] !== ":" && isFirstWord(token.text);
    const found = new Map<number, ActionFamily>();
    tokens.forEach((token, index) => {
        if (isMember(token) && text[token.end] === "*")
            found.set(index, {word: token.text, start: index, end: index + 1});
        // "actions whose names start with Describe and List": the words after "start with" are families.
        if (lemmas(token.lower).some((form) => NAME_PATTERN_VERBS.has(form)) && tokens[index + 1]?.lower === "with")
            for (let k = index + 2; k < tokens.length && tokens[k]!.sentence === token.sentence; k++) {
                if (isMember(tokens[k]!))
                    found.set(k, {word: tokens[k]!.text, start: k, end: k + 1});
                else if (!COORDINATORS.has(tokens[k]!.lower))
                    break;
            }
        if (!ACTION_WORDS.has(token.norm))
            return;
        for (let k = index - 1; k >= 0 && tokens[k]!.sentence === token.sentence; k--) {
            const before = tokens[k]!;
            if (isMember(before))
                found.set(k, {word: before.text, start: k, end: k + 1});
            else if (before.lower !== "and" && before.lower !== "or")
                break;
        }
    });
    return [...found.values()];
}

/** Words between a verb and its object that are not part of the object's name. */
const OBJECT_FILLER = lexiconWords("objectFiller");
const MAX_OBJECT_WORDS = 3;
const COORDINATORS = lexiconWords("coordinators");
const NAME_PATTERN_VERBS = lexiconWords("namePatternVerbs");

/**
 * An acronym before a plain noun modifies it ("your API documentation", "the KMS key"), and so does a
 * word hyphened to the next ("the key-pair names"): it ends no object.
 */
function modifiesNext(tokens: readonly Token[], index: number): boolean {
    const [word, next] = [tokens[index]!, tokens[index + 1]];
    if (hyphenedToNext(tokens, index))
        return true;
    return /^[A-Z]{2,}$/.test(word.text) && next != null && next.clause === word.clause && /^[a-z]+$/.test(next.text) && !STOPWORDS.has(next.lower);
}

/**
 * The last verb of the series a verb begins ("create, delete, and describe named queries": describe),
 * or the verb itself: verbs joined by commas or coordinators share the object after the last.
 */
export function seriesEnd(tokens: readonly Token[], index: number, isVerb: (token: Token) => boolean): number {
    let last = index;
    for (;;) {
        let next = last + 1;
        const separated = tokens[next] != null && tokens[next]!.clause !== tokens[last]!.clause;
        while (next < tokens.length && COORDINATORS.has(tokens[next]!.lower))
            next++;
        const member = tokens[next];
        if ((next === last + 1 && !separated) || member == null || member.sentence !== tokens[index]!.sentence || !isVerb(member))
            return last;
        last = next;
    }
}

/** An action name a verb of the request spells with its object, the services that have it, and the verb's token. */
export interface ComposedName {
    name: string;
    services: readonly string[];
    verb: number;
    /** The word of action names the verb was read as (`Publish`, `Put`). */
    verbName: string;
    /** Spelt with the verb as written ("run queries": RunQuery), not with one of its synonyms (StartQuery). */
    literal: boolean;
    /** The object's words up to the one that ends the name, singular ("the execution role" → execution, role): the thing the action acts on, with what qualifies it. */
    object: readonly string[];
}

/**
 * Actions whose name the request spells as a verb and its object ("pass the execution role" →
 * PassRole, "list all workgroups" → ListWorkGroups, "create a branch" → CreateBranch), or whose
 * description does ("publish metrics" → PutMetricData, "publishes metric data points"), with the
 * services that have them: how AWS names its actions is the strongest hint of whose they are.
 */
export function composedActionNames(
    catalog: Catalog, tokens: readonly Token[], verbNames: (token: Token) => readonly string[], options: {descriptions?: boolean} = {}
): ComposedName[] {
    const names = actionNames(catalog);
    const found = new Map<string, ComposedName>();
    // Whether the verb and this run of object words spell an action name; each one found, by name or description, is kept.
    const spells = (at: number, verbs: readonly string[], run: readonly Token[], phrase: readonly Token[] = run) => {
        const singularRun = run.map((word) => word.norm).join("");
        const asWritten = run.slice(0, -1).map((word) => word.norm).join("") + run.at(-1)!.lower;
        let matched = false;
        for (const verb of verbs) {
            const literal = lemmas(tokens[at]!.lower).includes(verb.toLowerCase());
            const keep = (entry: {name: string; services: readonly string[]}) =>
                found.set(`${at} ${entry.name}`, {name: entry.name, services: entry.services, verb: at, verbName: verb, literal, object: phrase.map((word) => word.norm)});
            for (const object of new Set([singularRun, asWritten])) {
                const entry = names.get(verb.toLowerCase() + object);
                if (entry != null) {
                    keep(entry);
                    matched = true;
                }
            }
            // "publish metrics": CloudWatch's PutMetricData "publish[es] metric data points". A description is a looser
            // spelling than a name: it must begin where the request's object does ("view stack permissions" is no
            // "view the permissions of a document"), and a shorter run may still spell a name ("create volume snapshots").
            if (run.length === phrase.length && options.descriptions !== false)
                for (const entry of describedSpellings(catalog, verb.toLowerCase()).get(singularRun) ?? [])
                    if (!found.has(`${at} ${entry.name}`))
                        keep(entry);
        }
        return matched;
    };
    tokens.forEach((token, index) => {
        const verbs = verbNames(token);
        if (verbs.length === 0)
            return;
        // "create, cancel and update the reservation": verbs in a series share the object after the last.
        let k = seriesEnd(tokens, index, (other) => verbNames(other).length > 0) + 1;
        while (k < tokens.length && OBJECT_FILLER.has(tokens[k]!.lower) && tokens[k]!.sentence === token.sentence)
            k++;
        const words: Token[] = [];
        while (words.length < MAX_OBJECT_WORDS && k + words.length < tokens.length && tokens[k + words.length]!.sentence === token.sentence && /^[a-z]+$/i.test(tokens[k + words.length]!.text))
            words.push(tokens[k + words.length]!);
        // Every run of the object's words ("the execution role" may be PassRole); the longest that spells a name wins
        // ("update a data catalog" is UpdateDataCatalog, not UpdateCatalog).
        for (let length = words.length; length >= 1; length--) {
            let matched = false;
            for (let from = 0; from + length <= words.length; from++)
                if (!modifiesNext(tokens, k + from + length - 1))
                    matched = spells(index, verbs, words.slice(from, from + length), words.slice(0, from + length)) || matched;
            if (matched)
                break;
        }
        // "job submission": a noun of action names has its object right before it too.
        if (nominalVerb(token.norm) != null)
            for (let before = index - 1; before >= 0 && index - before <= MAX_OBJECT_WORDS && tokens[before]!.sentence === token.sentence && /^[a-z]+$/i.test(tokens[before]!.text) && !OBJECT_FILLER.has(tokens[before]!.lower); before--)
                spells(index, verbs, tokens.slice(before, index));
    });
    return [...found.values()];
}
