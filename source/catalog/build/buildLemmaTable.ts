import {readdirSync, readFileSync} from "node:fs";
import path from "node:path";
import winkNLP, {type ItsFunction} from "wink-nlp";
import model from "wink-eng-lite-web-model";
import {camelWords, ruleLemmas, ruleSingular} from "../../text/inflection.js";
import type {CatalogDescriptionsFile, CatalogIndexFile, LemmaTableFile} from "../types.js";

import {LEMMA_TABLE_FORMAT_VERSION} from "./lemmaTableFormat.js";

/**
 * The project's vocabulary, lower case: the words of service names and prefixes, action names,
 * resource types and condition keys (CamelCase split), of the action and condition key descriptions,
 * and of the curated lexicon (catalog/lexicon/*.json, verbs.json, aliases.json).
 */
export function collectVocabulary(index: CatalogIndexFile, descriptions: CatalogDescriptionsFile, catalogDir: string): Set<string> {
    const words = new Set<string>();
    const addText = (text: string) => {
        for (const [part] of text.matchAll(/[A-Za-z]+/g)) {
            for (const word of camelWords(part)) {
                if (word.length >= 2 && /^[a-z]+$/.test(word))
                    words.add(word);
            }
        }
    };
    for (const service of index.services) {
        addText(service.prefix);
        addText(service.name);
        for (const [name] of service.actions)
            addText(name);
        for (const [name] of service.resourceTypes)
            addText(name);
        for (const [key] of service.conditionKeys)
            addText(key);
    }
    for (const [key] of index.globalConditionKeys)
        addText(key);
    for (const byAction of Object.values(descriptions.actions))
        Object.values(byAction).forEach(addText);
    Object.values(descriptions.conditionKeys).forEach(addText);
    const lexiconDir = path.join(catalogDir, "lexicon");
    const lexiconFiles = [
        ...readdirSync(lexiconDir).filter((file) => file.endsWith(".json")).map((file) => path.join(lexiconDir, file)),
        path.join(catalogDir, "verbs.json"),
        path.join(catalogDir, "aliases.json")
    ];
    const walk = (value: unknown): void => {
        if (typeof value === "string")
            addText(value);
        else if (Array.isArray(value))
            value.forEach(walk);
        else if (value != null && typeof value === "object") {
            for (const [key, inner] of Object.entries(value)) {
                if (key.startsWith("$"))
                    continue;
                addText(key);
                walk(inner);
            }
        }
    };
    for (const file of lexiconFiles)
        walk(JSON.parse(readFileSync(file, "utf8")));
    return words;
}

/**
 * Lemmatises each word with wink-nlp's English model, read in small frames: "the X" gives its reading
 * as a noun (queries → query, indices → index), "they X" and "to X" its reading as a verb (stopped →
 * stop, writing → write). The singular folds a plural only: a word that does not end in "s" keeps
 * its form ("data" is not "datum" here), and a noun wink reads as a verb in "the X" ("the writes")
 * folds to the verb's base form when the word is that verb's "s" form. Left out, so that the runtime
 * falls back to the rules of text/inflection.ts: inflected-looking words it has no lemma for
 * ("subnets", "analyzes"), and words whose forms the rules already give.
 */
export function buildLemmaTable(vocabulary: Iterable<string>): LemmaTableFile {
    const nlp = winkNLP(model);
    const its = nlp.its;
    // wink numbers a word its model lacks after the model's own lexicon, in the order they are first read.
    const firstUnknown = Number(nlp.readDoc("qzxjvkqw").tokens().itemAt(0).out(its.uniqueId));
    const read = (frame: string) => {
        const tokens = nlp.readDoc(frame).tokens();
        const token = tokens.itemAt(tokens.length() - 1);
        // wink-nlp's typings declare lemma with the document's raw data where out() passes a token.
        return {lemma: String(token.out(its.lemma as unknown as ItsFunction<string>)), pos: token.out(its.pos), id: Number(token.out(its.uniqueId))};
    };
    const forms: Record<string, string[]> = {};
    for (const word of [...vocabulary].sort()) {
        const asNoun = read(`the ${word}`);
        const known = asNoun.id < firstUnknown;
        const asVerb = [read(`they ${word}`), read(`to ${word}`)].find((reading) => reading.pos === "VERB" || reading.pos === "AUX");
        const isNoun = asNoun.pos === "NOUN" || asNoun.pos === "PROPN";
        // An inflected-looking word the model reads as its own base form ("analyzes", "forwarding", "subnets")
        // is one it has no lemma for: the rules decide. A noun in "s" that its lexicon has and that it keeps
        // is invariant ("series", "news"). (wink also lemmatises words its lexicon lacks: "aliases" → alias.)
        if (/(s|ed|ing)$/.test(word) && asNoun.lemma === word && (asVerb == null || asVerb.lemma === word) && !(isNoun && known && word.endsWith("s")))
            continue;
        let one = word;
        if (word.endsWith("s")) {
            if (isNoun)
                one = asNoun.lemma;
            else if (asNoun.pos === "VERB" && thirdPerson(asNoun.lemma) === word)
                one = asNoun.lemma;
        }
        if (!/^[a-z]+$/.test(one))
            one = word;
        const bases = [...new Set([asVerb?.lemma, one].filter((form): form is string => form != null && /^[a-z]+$/.test(form) && form !== word))];
        const byRules = ruleLemmas(word);
        if (one === ruleSingular(word) && bases.length === byRules.length - 1 && bases.every((form, i) => form === byRules[i + 1]))
            continue;
        forms[word] = [one, ...bases];
    }
    return {formatVersion: LEMMA_TABLE_FORMAT_VERSION, library: "wink-nlp with wink-eng-lite-web-model", forms};
}

/** The "s" form of a verb, which is also how the noun spelt like it makes its plural: write → writes, cache → caches, modify → modifies. */
function thirdPerson(verb: string): string {
    if (/[^aeiou]y$/.test(verb))
        return verb.slice(0, -1) + "ies";
    return /(s|x|z|ch|sh)$/.test(verb) ? verb + "es" : verb + "s";
}
