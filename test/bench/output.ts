import {readFileSync, writeFileSync} from "node:fs";
import path from "node:path";
import {renderCharts} from "./charts.js";
import {packageRoot, resultsPath} from "./context.js";
import {updateReadme} from "./readme.js";
import type {BenchResults} from "./results.js";

/** Writes the results file and returns its path from the package root. */
export function writeResults(results: BenchResults) {
    const file = resultsPath({gpu: results.gpu.requested, only: results.only});
    writeFileSync(file, JSON.stringify(results, null, 2) + "\n");
    return path.relative(packageRoot, file);
}

/**
 * The results file, and for a whole run the charts of its series and the README's tables (where
 * there is a README: the GPU kit has none).
 */
export async function publishResults(results: BenchResults) {
    const written = writeResults(results);
    if (results.only == null) {
        await renderCharts(results);
        updateReadme();
    }
    return written;
}

/** Publishes a results file written elsewhere, such as the one the GPU kit brings back; says what it wrote. */
export async function importResults(file: string) {
    let results: BenchResults;
    try {
        results = JSON.parse(readFileSync(file, "utf8")) as BenchResults;
    } catch (error) {
        throw new Error(`cannot read ${file}: ${(error as Error).message.split("\n")[0]}`);
    }
    if (typeof results?.command !== "string" || typeof results.gpu?.requested !== "boolean" || !Array.isArray(results.figures) || !Array.isArray(results.series))
        throw new Error(`${file} is not a bench results file (no command, gpu, figures or series)`);
    const written = await publishResults(results);
    return results.only == null ? `${written}, the charts and the README's tables` : `${written} (a run of some sections: no charts, no README table)`;
}
