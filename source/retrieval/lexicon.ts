import {readFileSync} from "node:fs";
import path from "node:path";
import {packageRoot} from "../catalog/paths.js";

/** A phrase as its lower-case words ("the following" → ["the", "following"]). */
export type Phrase = string[];

/** catalog/lexicon/framing.json: how requests are framed around the policy itself (see its $comment). */
export interface FramingLexicon {
    determiners: Phrase[];
    modifiers: Phrase[];
    heads: Phrase[];
    subjectVerbs: Phrase[];
    placementVerbs: Phrase[];
    addressees: Phrase[];
    openers: Phrase[];
    principalBrands: Phrase[];
    principalNouns: Phrase[];
    principalVerbs: Phrase[];
}

export interface Lexicon {
    framing: FramingLexicon;
}

export const LEXICON_FOLDER = path.join(packageRoot, "catalog", "lexicon");

let loaded: Lexicon | undefined;

/** The lexicon's data files, checked and with every phrase split into words; read once per process. */
export function lexicon(): Lexicon {
    loaded ??= {framing: readPhraseLists("framing.json") as unknown as FramingLexicon};
    return loaded;
}

/**
 * Reads a lexicon file whose fields (other than `$comment`) are lists of phrases. A file that breaks
 * that shape is a packaging error, reported with the file and field rather than as a wrong reading later.
 */
export function readPhraseLists(file: string): Record<string, Phrase[]> {
    const location = path.join(LEXICON_FOLDER, file);
    const data = JSON.parse(readFileSync(location, "utf8")) as unknown;
    if (data == null || typeof data !== "object" || Array.isArray(data))
        throw new Error(`${location}: expected an object of phrase lists`);
    const lists: Record<string, Phrase[]> = {};
    for (const [field, value] of Object.entries(data)) {
        if (field === "$comment")
            continue;
        if (!Array.isArray(value) || value.some((phrase) => typeof phrase !== "string" || phrase.trim() === "" || phrase !== phrase.toLowerCase()))
            throw new Error(`${location}: "${field}" must be a list of non-empty lower-case phrases`);
        lists[field] = value.map((phrase: string) => phrase.trim().split(/\s+/));
    }
    return lists;
}
