import {describe, expect, it} from "vitest";
import {fuzzEntry} from "./entryPoints.js";
import {FUZZ_COUNT, FUZZ_SEED, TUI_FUZZ_TIMEOUT_MS} from "./fuzzSettings.js";

describe("fuzz: the TUI's input", () => {
    it("keys, bursts of lines, pastes and commands: no crash, no hang, no control character echoed", {timeout: TUI_FUZZ_TIMEOUT_MS}, async () => {
        const report = await fuzzEntry("tui input", FUZZ_COUNT, FUZZ_SEED);
        expect(report.failures).toEqual([]);
        expect(report.runs).toBe(FUZZ_COUNT);
    });
});
