// `npm run bench [-- --json] [--quick] [--gpu]`: measures start-up, the core paths and the model paths,
// prints a table (JSON with --json), and writes test/bench/results.json, the charts in media/ and the
// README's Performance table from the same run.
import {writeFileSync} from "node:fs";
import os from "node:os";
import path from "node:path";
import {parseArgs} from "node:util";
import {renderCharts} from "./charts.js";
import {type BenchContext, packageRoot} from "./context.js";
import {describeMachine, machineLine} from "./machine.js";
import {updateReadme} from "./readme.js";
import {type BenchResults, loadLine, ResultSet} from "./results.js";
import {measureBandwidth} from "./suites/bandwidth.js";
import {measureCatalog} from "./suites/catalog.js";
import {measureCatalogEngine, measureChecker, measureRetrieval} from "./suites/core.js";
import {measureGrammarOnTestModel} from "./suites/grammarCost.js";
import {benchPrompt, measureModels} from "./suites/model.js";
import {measureSimulate} from "./suites/simulate.js";
import {measureCliColdStart, measureTuiFirstPaint} from "./suites/startup.js";
import {textTable} from "./table.js";

const {values: options} = parseArgs({
    options: {
        json: {type: "boolean", default: false},
        quick: {type: "boolean", default: false},
        gpu: {type: "boolean", default: false}
    }
});

const started = performance.now();
const loadAtStart = os.loadavg()[0]!;
const results = new ResultSet();
const context: BenchContext = {
    quick: options.quick,
    gpu: options.gpu,
    threads: os.availableParallelism(),
    results,
    log: (message) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}\n`)
};
const machine = describeMachine();
context.log(`${machineLine(machine)}${options.quick ? " (quick)" : ""}`);

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
    }
}

const bandwidth = await section("memory bandwidth", () => measureBandwidth(context));
await section("CLI cold start", () => measureCliColdStart(context));
await section("TUI first paint", () => measureTuiFirstPaint(context));
await section("catalog load", () => measureCatalog(context));
await section("retrieval", () => measureRetrieval(context));
await section("catalog engine", () => measureCatalogEngine(context));
await section("checker", () => measureChecker(context));
await section("simulate", () => measureSimulate(context));
await section("grammar cost on the test model", () => measureGrammarOnTestModel(context));
const gpu = await section("model paths", async () => measureModels(context, await benchPrompt(), bandwidth));
if (gpu?.device != null)
    machine.gpu = gpu.device;

const flags = [options.quick ? "--quick" : "", options.gpu ? "--gpu" : ""].filter((flag) => flag !== "");
const output: BenchResults = {
    generatedAt: new Date().toISOString(),
    command: `npm run bench${flags.length > 0 ? ` -- ${flags.join(" ")}` : ""}`,
    quick: options.quick,
    gpu: {requested: options.gpu, available: gpu?.available ?? false, device: gpu?.device, note: gpu?.note},
    machine,
    durationS: Math.round((performance.now() - started) / 100) / 10,
    loadAverage: {atStart: round(loadAtStart), atEnd: round(os.loadavg()[0]!)},
    figures: results.figures,
    series: results.series
};
writeFileSync(path.join(packageRoot, "test", "bench", "results.json"), JSON.stringify(output, null, 2) + "\n");
await renderCharts(output);
updateReadme(output);

if (options.json)
    console.log(JSON.stringify(output, null, 2));
else
    console.log(`${textTable(output.figures)}\n\n${machineLine(machine)}; ${output.durationS} s; load average ${loadLine(output)}; written to test/bench/results.json`);

function round(value: number) {
    return Math.round(value * 100) / 100;
}
