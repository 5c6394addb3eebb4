import {readFileSync} from "node:fs";
import path from "node:path";
import {packageRoot} from "../catalog/paths.js";

let lists: Record<string, readonly string[]> | undefined;
const sets = new Map<string, ReadonlySet<string>>();

function loadLists(): Record<string, readonly string[]> {
    const location = path.join(packageRoot, "catalog", "lexicon", "words.json");
    const data = JSON.parse(readFileSync(location, "utf8")) as Record<string, unknown>;
    const checked: Record<string, readonly string[]> = {};
    for (const [name, value] of Object.entries(data)) {
        if (name.startsWith("$"))
            continue;
        if (!Array.isArray(value) || value.some((word) => typeof word !== "string" || word === "" || word !== word.toLowerCase()))
            throw new Error(`${location}: "${name}" must be a list of non-empty lower-case words`);
        checked[name] = value as string[];
    }
    return checked;
}

/**
 * One word list of catalog/lexicon/words.json, as a set: the reader's code keeps only how a list is
 * interpreted, the words are data. An unknown name is a programming error, reported at load.
 */
export function lexiconWords(name: string): ReadonlySet<string> {
    lists ??= loadLists();
    const words = lists[name];
    if (words == null)
        throw new Error(`catalog/lexicon/words.json has no list "${name}"`);
    let set = sets.get(name);
    if (set == null)
        sets.set(name, set = new Set(words));
    return set;
}

let nominals: ReadonlyMap<string, string> | undefined;

/**
 * The verb a noun of action names ("invocation" → invoke, "submission" → submit), from
 * catalog/lexicon/nominals.json, or undefined. The file must map lower-case words to lower-case words.
 */
export function nominalVerb(word: string): string | undefined {
    if (nominals == null) {
        const location = path.join(packageRoot, "catalog", "lexicon", "nominals.json");
        const data = JSON.parse(readFileSync(location, "utf8")) as {nominals?: unknown};
        const entries = data.nominals != null && typeof data.nominals === "object" ? Object.entries(data.nominals) : [];
        if (entries.length === 0 || entries.some(([noun, verb]) => typeof verb !== "string" || !/^[a-z]+$/.test(noun) || !/^[a-z]+$/.test(verb)))
            throw new Error(`${location}: "nominals" must map lower-case nouns to lower-case verbs`);
        nominals = new Map(entries as Array<[string, string]>);
    }
    return nominals.get(word);
}
