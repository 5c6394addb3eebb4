import {readdirSync, readFileSync} from "node:fs";
import path from "node:path";
import {describe, expect, test} from "vitest";

/**
 * The source folders in layers, lowest first: front ends → wiring → engines → reading and checking →
 * catalog. A folder may import its own files and folders of a lower layer only.
 */
const LAYERS: Record<string, number> = {
    files: -1, text: -1,
    catalog: 0,
    policy: 1,
    managed: 2, simulation: 2, export: 2,
    retrieval: 3,
    companions: 4,
    verification: 4,
    packing: 4,
    accessDenied: 4,
    engine: 5,
    llm: 6, settings: 6,
    evaluation: 7, generator: 7,
    cli: 8,
    tui: 9
};

const SOURCE = new URL("../source/", import.meta.url).pathname;

function sourceFiles(folder: string): string[] {
    return readdirSync(folder, {withFileTypes: true}).flatMap((entry) => {
        const full = path.join(folder, entry.name);
        return entry.isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(entry.name) ? [full] : [];
    });
}

/** The top-level source folder each relative import of a file lands in. */
function importedFolders(file: string): string[] {
    const text = readFileSync(file, "utf8");
    const specifiers = [...text.matchAll(/(?:from\s+|import\()\s*"(\.{1,2}\/[^"]+)"/g)].map((match) => match[1]!);
    return specifiers.map((specifier) => path.relative(SOURCE, path.resolve(path.dirname(file), specifier)).split(path.sep)[0]!);
}

describe("layers", () => {
    const files = sourceFiles(SOURCE).filter((file) => path.dirname(file) !== SOURCE.replace(/\/$/, ""));
    test("every source folder has a layer", () => {
        const folders = [...new Set(files.map((file) => path.relative(SOURCE, file).split(path.sep)[0]!))];
        expect(folders.filter((folder) => LAYERS[folder] == null)).toEqual([]);
    });

    test("no folder imports one of a higher layer", () => {
        const violations = files.flatMap((file) => {
            const own = path.relative(SOURCE, file).split(path.sep)[0]!;
            return importedFolders(file)
                .filter((folder) => folder !== own && LAYERS[folder] != null && LAYERS[folder]! >= LAYERS[own]!)
                .map((folder) => `${path.relative(SOURCE, file)} imports ${folder}/`);
        });
        expect([...new Set(violations)]).toEqual([]);
    });
});
