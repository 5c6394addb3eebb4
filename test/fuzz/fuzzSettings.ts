/** The suite's fixed seed and size: the same 1,000 inputs per entry point on every run. `npm run fuzz` runs more. */
export const FUZZ_SEED = 20_261_205;
export const FUZZ_COUNT = 1000;
/** A thousand runs of the slowest entry point take about 20 s on the 2-core CI machine. */
export const FUZZ_TIMEOUT_MS = 120_000;
/** The TUI's input renders the App after each input: a thousand take about 40 s of CPU, more on a busy machine. */
export const TUI_FUZZ_TIMEOUT_MS = 300_000;
