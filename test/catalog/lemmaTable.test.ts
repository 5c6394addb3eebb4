import {readdirSync, readFileSync} from "node:fs";
import path from "node:path";
import {describe, expect, it} from "vitest";
import {buildLemmaTable} from "../../source/catalog/build/buildLemmaTable.js";
import {tableForms} from "../../source/catalog/lemmaTable.js";
import {ruleLemmas, ruleSingular} from "../../source/text/inflection.js";
import {lemmas, nameWords, singular} from "../../source/retrieval/text.js";

const SOURCE = new URL("../../source/", import.meta.url).pathname;

describe("the normaliser's lemma table (catalog/lemmas.json, built with wink-nlp)", () => {
    it("is built with the catalog and read by singular() and lemmas()", () => {
        expect(tableForms("indices")?.[0]).toBe("index");
        expect(singular("indices")).toBe("index");
        expect(singular("aliases")).toBe("alias");
        expect(singular("alias")).toBe("alias");
        expect(singular("statuses")).toBe("status");
        expect(singular("caches")).toBe("cache");
        expect(singular("series")).toBe("series");
        expect(nameWords("ListAliases")).toEqual(["list", "alias"]);
        expect(nameWords("CreateCacheSecurityGroup")).toEqual(["create", "cache", "security", "group"]);
    });

    it("fixes forms the hand-written rules got wrong", () => {
        expect(ruleSingular("aliases")).toBe("aliase");
        expect(ruleSingular("caches")).toBe("cach");
        expect(ruleSingular("indices")).toBe("indice");
        expect(ruleLemmas("chosen")).toEqual(["chosen"]);
        expect(lemmas("chosen")).toEqual(["chosen", "choose"]);
        expect(lemmas("sold")).toEqual(["sold", "sell"]);
        expect(lemmas("running")).toEqual(["running", "run"]);
        expect(lemmas("modifies")).toEqual(["modifies", "modify"]);
        expect(lemmas("logging")).toEqual(["logging", "log"]);
    });

    it("keeps the word first, then its base forms", () => {
        expect(lemmas("stopped")[0]).toBe("stopped");
        expect(lemmas("stopped")).toContain("stop");
        expect(lemmas("creating")).toContain("create");
        expect(lemmas("queries")).toContain("query");
        expect(lemmas("writes")).toContain("write");
    });

    it("falls back to the rules for words the table lacks", () => {
        // Names a user makes up, and words wink-nlp's model does not know.
        for (const word of ["zorbles", "flimmering", "subnets", "vpcs"]) {
            expect(tableForms(word)).toBeUndefined();
            expect(singular(word)).toBe(ruleSingular(word));
            expect(lemmas(word)).toEqual(ruleLemmas(word));
        }
        expect(singular("subnets")).toBe("subnet");
        expect(lemmas("flimmering")).toContain("flimmer");
    });

    it("leaves mass nouns and invariant words as they are", () => {
        expect(singular("data")).toBe("data");
        expect(singular("media")).toBe("media");
        expect(singular("status")).toBe("status");
    });

    it("builds the same readings from a word list", () => {
        const table = buildLemmaTable(["indices", "aliases", "stopped", "subnets", "bucket"]);
        expect(table.forms["indices"]?.[0]).toBe("index");
        expect(table.forms["aliases"]?.[0]).toBe("alias");
        expect(table.forms["stopped"]).toContain("stop");
        expect(table.forms["subnets"]).toBeUndefined();
        // The rules already give a plain singular noun's forms: nothing to store.
        expect(table.forms["bucket"]).toBeUndefined();
    });
});

describe("run-time code never loads wink-nlp", () => {
    /** The relative imports of a source file, resolved to source files. */
    const importsOf = (file: string): string[] => {
        const text = readFileSync(file, "utf8");
        return [...text.matchAll(/(?:from\s+|import\(\s*)"(\.{1,2}\/[^"]+)"/g)]
            .map((match) => path.resolve(path.dirname(file), match[1]!).replace(/\.js$/, ""))
            .map((base) => [`${base}.ts`, `${base}.tsx`].find((candidate) => readdirSync(path.dirname(candidate)).includes(path.basename(candidate))) ?? `${base}.ts`);
    };
    const reachable = (entries: string[]): Set<string> => {
        const seen = new Set<string>();
        const queue = [...entries];
        while (queue.length > 0) {
            const file = queue.pop()!;
            if (seen.has(file))
                continue;
            seen.add(file);
            queue.push(...importsOf(file));
        }
        return seen;
    };

    it("only the catalog build imports it, and no entry point reaches the build's module", () => {
        const entries = [path.join(SOURCE, "cli", "main.ts"), path.join(SOURCE, "tui", "main.tsx"), path.join(SOURCE, "index.ts")]
            .filter((file) => readdirSync(path.dirname(file)).includes(path.basename(file)));
        expect(entries.length).toBeGreaterThanOrEqual(2);
        const files = reachable(entries);
        expect(files.has(path.join(SOURCE, "retrieval", "text.ts"))).toBe(true);
        const loaders = [...files].filter((file) => /from\s+"wink-|import\(\s*"wink-/.test(readFileSync(file, "utf8")));
        expect(loaders.map((file) => path.relative(SOURCE, file))).toEqual([]);
    });

    it("is imported by the catalog build only", () => {
        const all = (folder: string): string[] => readdirSync(folder, {withFileTypes: true})
            .flatMap((entry) => entry.isDirectory() ? all(path.join(folder, entry.name)) : /\.tsx?$/.test(entry.name) ? [path.join(folder, entry.name)] : []);
        const importers = all(SOURCE).filter((file) => /from\s+"wink-|import\(\s*"wink-/.test(readFileSync(file, "utf8")));
        expect(importers.map((file) => path.relative(SOURCE, file))).toEqual(["catalog/build/buildLemmaTable.ts"]);
    });
});
