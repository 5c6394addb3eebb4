// `npm run bench [-- --json] [--quick] [--only SECTIONS | --gpu] [--from RESULTS]`: measures start-up,
// the core paths and the model paths on the CPU (with --gpu: the model paths on a CUDA GPU), prints
// a table (JSON with --json), and writes test/bench/results.json (results-gpu.json for a GPU run),
// the charts in media/ and the README's Performance tables from the same run; a run of some
// sections writes results-only.json and nothing else. `--from` does the writing alone, from a run's
// results file (the one the GPU kit brings back).
import os from "node:os";
import {parseArgs} from "node:util";
import {type BenchContext} from "./context.js";
import {describeMachine, machineLine} from "./machine.js";
import {importResults, publishResults, writeResults} from "./output.js";
import {type BenchResults, loadLine, ResultSet} from "./results.js";
import {type Bandwidth, measureBandwidth} from "./suites/bandwidth.js";
import {measureCatalog} from "./suites/catalog.js";
import {measureCatalogEngine, measureChecker, measureRetrieval} from "./suites/core.js";
import {measureGpuBandwidth} from "./suites/gpuBandwidth.js";
import {measureGrammarOnTestModel} from "./suites/grammarCost.js";
import {benchPrompt, CPU_MODEL_RUNS, GPU_MODELS, measureModel, probeGpu} from "./suites/model.js";
import {measureSimulate} from "./suites/simulate.js";
import {measureCliColdStart, measureTuiFirstPaint} from "./suites/startup.js";
import {textTable} from "./table.js";

/** The sections a CPU run can pick with `--only` (all by default); `--gpu` runs the GPU's alone: the card's bandwidth and the model paths on it. */
const SECTIONS = ["bandwidth", "startup", "catalog", "core", "simulate", "grammar", "models"] as const;
type Section = typeof SECTIONS[number];

const {values: options} = parseArgs({
    options: {
        json: {type: "boolean", default: false},
        quick: {type: "boolean", default: false},
        gpu: {type: "boolean", default: false},
        only: {type: "string"},
        from: {type: "string"}
    }
});

if (options.from != null) {
    try {
        console.log(`${await importResults(options.from)} written from ${options.from}`);
        process.exit(0);
    } catch (error) {
        console.error(`bench: ${(error as Error).message}`);
        process.exit(2);
    }
}

if (options.gpu && options.only != null) {
    console.error("bench: --gpu runs the GPU sections alone; --only picks among the CPU sections");
    process.exit(2);
}
const wanted = new Set<string>(options.gpu ? [] : options.only?.split(",").map((name) => name.trim()) ?? SECTIONS);
const unknown = [...wanted].filter((name) => !(SECTIONS as readonly string[]).includes(name));
if (unknown.length > 0 || (!options.gpu && wanted.size === 0)) {
    console.error(`bench: --only takes a comma-separated list of ${SECTIONS.join(", ")}; got "${options.only}"`);
    process.exit(2);
}
const runs = (section: Section) => wanted.has(section);

const started = performance.now();
const loadAtStart = os.loadavg()[0]!;
const results = new ResultSet();
const context: BenchContext = {
    quick: options.quick,
    threads: os.availableParallelism(),
    results,
    log: (message) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}\n`)
};
const machine = describeMachine();
context.log(`${machineLine(machine)}${options.quick ? " (quick)" : ""}`);
let gpu: BenchResults["gpu"] = {requested: options.gpu, available: false};

/** The results so far: written after every section, so that a run stopped part-way keeps what it measured. */
function output(complete: boolean): BenchResults {
    const flags = [options.quick ? "--quick" : "", options.gpu ? "--gpu" : "", options.only != null ? `--only ${options.only}` : ""].filter((flag) => flag !== "");
    // From the sources, npm runs the bench; in the GPU kit, its carried node runs the bundle.
    const launcher = import.meta.url.endsWith(".ts") ? `npm run bench${flags.length > 0 ? " --" : ""}` : "the GPU kit's node test/bench/main.mjs";
    return {
        generatedAt: new Date().toISOString(),
        command: [launcher, ...flags].join(" "),
        quick: options.quick,
        only: options.only,
        complete,
        gpu,
        machine,
        durationS: Math.round((performance.now() - started) / 100) / 10,
        loadAverage: {atStart: round(loadAtStart), atEnd: round(os.loadavg()[0]!)},
        figures: results.figures,
        series: results.series
    };
}

/** Runs one part; a failure is reported in the table and the rest still runs. */
async function section<T>(name: string, measure: () => T | Promise<T>): Promise<T | undefined> {
    context.log(name);
    try {
        return await measure();
    } catch (error) {
        const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
        context.log(`${name} failed: ${reason}`);
        results.skip(`failed.${name}`, "Failed", name, "", reason);
        return undefined;
    } finally {
        writeResults(output(false));
    }
}

let bandwidth: Bandwidth | undefined;
if (runs("bandwidth"))
    bandwidth = await section("memory bandwidth", () => measureBandwidth(context));
if (runs("startup")) {
    await section("CLI cold start", () => measureCliColdStart(context));
    await section("TUI first paint", () => measureTuiFirstPaint(context));
}
if (runs("catalog"))
    await section("catalog load", () => measureCatalog(context));
if (runs("core")) {
    await section("retrieval", () => measureRetrieval(context));
    await section("catalog engine", () => measureCatalogEngine(context));
    await section("checker", () => measureChecker(context));
}
if (runs("simulate"))
    await section("simulate", () => measureSimulate(context));
if (runs("grammar"))
    await section("grammar cost on the test model", () => measureGrammarOnTestModel(context));
if (runs("models")) {
    const prompt = await benchPrompt();
    for (const {model, grammarScaling} of CPU_MODEL_RUNS)
        await section(`model paths: ${model.label} on the CPU`, () => measureModel(context, model, prompt, {gpu: false, grammarScaling, bandwidth}));
}
if (options.gpu) {
    const prompt = await benchPrompt();
    const probe = await section("GPU probe", () => probeGpu(context, prompt));
    gpu = {requested: true, available: probe?.available ?? false, device: probe?.device, note: probe?.note};
    if (probe?.available === true) {
        machine.gpu = probe.device;
        const cardBandwidth = await section("GPU memory bandwidth", () => measureGpuBandwidth(context, probe.device));
        for (const model of GPU_MODELS)
            await section(`model paths: ${model.label} on the GPU`, () => measureModel(context, model, prompt, {gpu: true, grammarScaling: false, bandwidth: cardBandwidth}));
    }
}

const final = output(true);
const written = await publishResults(final);

if (options.json)
    console.log(JSON.stringify(final, null, 2));
else
    console.log(`${textTable(final.figures)}\n\n${machineLine(machine)}; ${final.durationS} s; load average ${loadLine(final)}; written to ${written}`);

function round(value: number) {
    return Math.round(value * 100) / 100;
}
