import {readFileSync} from "node:fs";
import {LEMMA_TABLE_FORMAT_VERSION} from "./build/lemmaTableFormat.js";
import {catalogLemmasPath} from "./paths.js";
import type {LemmaTableFile} from "./types.js";

let table: ReadonlyMap<string, readonly string[]> | undefined;

/**
 * The forms of a word from catalog/lemmas.json (its singular first, then its other base forms), or
 * undefined for a word the table lacks. Read once, on first use; the table is plain JSON so that a
 * fresh process does not load an NLP model (wink-nlp runs only when the catalog is built).
 */
export function tableForms(word: string): readonly string[] | undefined {
    if (table == null) {
        const location = catalogLemmasPath();
        let file: LemmaTableFile;
        try {
            file = JSON.parse(readFileSync(location, "utf8")) as LemmaTableFile;
        } catch (error) {
            throw new Error(`Cannot read the lemma table ${location}: run "npm run catalog" (${(error as Error).message})`);
        }
        if (file.formatVersion !== LEMMA_TABLE_FORMAT_VERSION)
            throw new Error(`The lemma table has format ${file.formatVersion}, expected ${LEMMA_TABLE_FORMAT_VERSION}: run "npm run catalog"`);
        table = new Map(Object.entries(file.forms));
    }
    return table.get(word);
}
