import {describe, expect, it} from "vitest";
import {fuzzEntry} from "./entryPoints.js";
import {FUZZ_COUNT, FUZZ_SEED, FUZZ_TIMEOUT_MS} from "./fuzzSettings.js";

describe("fuzz: policies and batch files", () => {
    it.each(["validate --fix", "batch"] as const)("%s: no crash, no hang, nothing broader, nothing unprintable", {timeout: FUZZ_TIMEOUT_MS}, async (entry) => {
        const report = await fuzzEntry(entry, FUZZ_COUNT, FUZZ_SEED);
        expect(report.failures).toEqual([]);
        expect(report.runs).toBe(FUZZ_COUNT);
    });
});
