import {readdirSync, readFileSync} from "node:fs";
import path from "node:path";
import {describe, expect, test} from "vitest";
import {LEXICON_FOLDER, lexicon, readPhraseReadings} from "../../source/retrieval/lexicon.js";
import {intentVocabulary, serviceVocabulary} from "../../source/retrieval/vocabulary.js";
import {loadCatalog} from "../../source/catalog/index.js";
import {lexiconWords} from "../../source/retrieval/words.js";

describe("the lexicon files", () => {
    test("each loads through its checked reader", () => {
        expect(Object.keys(lexicon())).toEqual(["framing", "followUps", "scope"]);
        expect(readPhraseReadings().length).toBeGreaterThan(0);
        expect(intentVocabulary().verbs.length).toBeGreaterThan(0);
        expect(Object.keys(serviceVocabulary().services).length).toBeGreaterThan(0);
    });

    test("every word list of words.json has a role and lower-case words, and every list is read by the code", () => {
        const data = JSON.parse(readFileSync(path.join(LEXICON_FOLDER, "words.json"), "utf8")) as Record<string, unknown>;
        const lists = Object.keys(data).filter((name) => !name.startsWith("$"));
        const source = readdirSync(new URL("../../source/", import.meta.url).pathname, {recursive: true, encoding: "utf8"})
            .filter((file) => file.endsWith(".ts"))
            .map((file) => readFileSync(new URL(`../../source/${file}`, import.meta.url), "utf8")).join("\n");
        for (const name of lists) {
            expect(lexiconWords(name).size, name).toBeGreaterThan(0);
            expect(source.includes(`lexiconWords("${name}")`), `${name} is read somewhere`).toBe(true);
        }
    });

    test("a verb's access comes from the catalog's actions named after it, unless its entry says why not", () => {
        const catalog = loadCatalog();
        const {access, verbs} = intentVocabulary();
        expect(catalog.verbLevel("describe")).toBe("Read");
        expect(catalog.verbLevel("tag")).toBe("Tagging");
        const unexplained = verbs.flatMap((entry) => entry.words.flatMap((word) => {
            const level = catalog.verbLevel(word);
            const levels = entry.access.flatMap((kind) => kind === "full" ? [level] : access[kind as keyof typeof access]?.levels ?? []);
            return level == null || levels.includes(level) || entry.why != null ? [] : [`${word}: ${entry.access.join("+")} but the catalog says ${level}`];
        }));
        expect(unexplained).toEqual([]);
        expect(verbs.filter((entry) => entry.why != null && entry.why.trim().split(/\s+/).length < 6)).toEqual([]);
    });

    test("an unknown list is an error, not an empty set", () => {
        expect(() => lexiconWords("noSuchList")).toThrow(/no list "noSuchList"/);
    });
});
