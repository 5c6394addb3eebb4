/**
 * The fuzz suite at any size: `npm run fuzz -- [--count N] [--seed S] [--only "validate --fix"]`.
 * Prints each entry point's runs, failures and slowest run; exits 1 when anything failed.
 */
import {parseArgs} from "node:util";
import writeTestModels from "../setup/testModel.js";
import {ENTRY_POINTS, type EntryName, fuzzEntry} from "./entryPoints.js";
import {FUZZ_COUNT, FUZZ_SEED} from "./fuzzSettings.js";

const {values} = parseArgs({options: {count: {type: "string"}, seed: {type: "string"}, only: {type: "string", multiple: true}}});
const count = Number(values.count ?? FUZZ_COUNT);
const seed = Number(values.seed ?? FUZZ_SEED);
const entries = values.only == null ? ENTRY_POINTS : ENTRY_POINTS.filter((entry) => values.only!.includes(entry));
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed) || entries.length === 0) {
    process.stderr.write(`usage: npm run fuzz -- [--count N] [--seed S] [--only ${ENTRY_POINTS.map((entry) => `"${entry}"`).join("|")}]\n`);
    process.exit(2);
}

// The model-header mutants start from the test model, as under vitest's global setup.
writeTestModels();
let failed = 0;
for (const entry of entries as readonly EntryName[]) {
    const started = performance.now();
    const report = await fuzzEntry(entry, count, seed);
    failed += report.failures.length;
    process.stdout.write(`${entry.padEnd(14)} ${report.runs} runs, ${report.failures.length} failures, slowest ${Math.round(report.slowestMs)} ms, ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    for (const failure of report.failures.slice(0, 10))
        process.stdout.write(`  ${failure.problem}\n    input: ${JSON.stringify(failure.input)}\n`);
}
process.exit(failed > 0 ? 1 : 0);
