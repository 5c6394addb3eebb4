import path from "node:path";
import {fileURLToPath} from "node:url";
import type {ResultSet} from "./results.js";

export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Where a run's results are kept: a GPU run's apart, so that each fills its own README table, and a
 * run of some sections (`--only`) apart too, so that it never stands for a whole run.
 */
export function resultsPath({gpu, only}: {gpu: boolean; only?: string}) {
    return path.join(packageRoot, "test", "bench", gpu ? "results-gpu.json" : only != null ? "results-only.json" : "results.json");
}

/** Models the suite writes; git-ignored, rebuilt when missing. */
export const generatedDir = path.join(packageRoot, "test", ".generated", "bench");

export interface BenchContext {
    /** Fewer runs and smaller inputs, so that the whole suite finishes in under 5 minutes on 2 cores. */
    quick: boolean;
    /** Threads for the model and the bandwidth test: one per core. */
    threads: number;
    results: ResultSet;
    /** Progress, on stderr, so that `--json` output stays clean. */
    log(message: string): void;
}

/** Warm-up and run counts for a measurement, smaller under --quick. */
export function runsFor(context: BenchContext, full: number, quick: number) {
    return {warmup: 1, runs: context.quick ? quick : full};
}
