import {describe, expect, it} from "vitest";
import {fuzzEntry} from "./entryPoints.js";
import {FUZZ_COUNT, FUZZ_SEED, FUZZ_TIMEOUT_MS} from "./fuzzSettings.js";

describe("fuzz: settings files and model-file headers", () => {
    it.each(["settings", "model header"] as const)("%s: no crash, no hang, one-line reasons", {timeout: FUZZ_TIMEOUT_MS}, async (entry) => {
        const report = await fuzzEntry(entry, FUZZ_COUNT, FUZZ_SEED);
        expect(report.failures).toEqual([]);
        expect(report.runs).toBe(FUZZ_COUNT);
    });
});
