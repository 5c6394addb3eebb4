import {describe, expect, it} from "vitest";
import {fuzzEntry} from "./entryPoints.js";
import {FUZZ_COUNT, FUZZ_SEED, FUZZ_TIMEOUT_MS} from "./fuzzSettings.js";

describe("fuzz: requests and follow-ups", () => {
    it.each(["generate", "refine"] as const)("%s: no crash, no hang", {timeout: FUZZ_TIMEOUT_MS}, async (entry) => {
        const report = await fuzzEntry(entry, FUZZ_COUNT, FUZZ_SEED);
        expect(report.failures).toEqual([]);
        expect(report.runs).toBe(FUZZ_COUNT);
    });
});
