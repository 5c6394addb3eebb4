import {readFileSync} from "node:fs";
import path from "node:path";
import {describe, expect, it} from "vitest";
import {root} from "../cli/runCli.js";
import {replaceBetweenMarkers, TABLE_HEADER, tableRow} from "./evaluationTables.js";

const readme = readFileSync(path.join(root, "README.md"), "utf8");

describe("the README's evaluation tables, as npm run media writes them", () => {
    it("has a marked block for each table it writes, holding the header and rows of that shape", () => {
        for (const benchmark of ["seed-test", "seed-synthetic"]) {
            const block = new RegExp(`<!-- media:eval:${benchmark} -->\\n([\\s\\S]*?)<!-- /media:eval:${benchmark} -->`).exec(readme)?.[1];
            expect(block, benchmark).toBeDefined();
            const lines = block!.trimEnd().split("\n");
            expect(lines.slice(0, 2)).toEqual(TABLE_HEADER);
            expect(lines.slice(2).every((line) => /^\| [^|]+ \|( \d+\.\d{1,3}%? \|){9}$/.test(line)), lines.join("\n")).toBe(true);
        }
    });

    it("writes a run's figures as the table's row, and only between its markers", () => {
        const run = {jsonValid: 100, jsonExtracted: 100, schemaValid: 100, serviceAccuracy: 84.77, serviceAccuracyAll: 84.77, effectAccuracy: 98.01, actionF1Macro: 0.8244, hallucinationRate: 0, exactMatch: 24.5};
        expect(tableRow("catalog engine, `--no-managed`", run)).toBe("| catalog engine, `--no-managed` | 100.0% | 100.0% | 100.0% | 84.8% | 84.8% | 98.0% | 0.824 | 0.0% | 24.5% |");
        expect(replaceBetweenMarkers("a\n<!-- media:x -->\nold\n<!-- /media:x -->\nb", "x", ["new"])).toBe("a\n<!-- media:x -->\nnew\n<!-- /media:x -->\nb");
        expect(() => replaceBetweenMarkers("no markers", "x", [])).toThrow(/no <!-- media:x -->/);
    });
});
