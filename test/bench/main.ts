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
import {type BenchResults, ResultSet} from "./results.js";
import {measureBandwidth} from "./suites/bandwidth.js";
import {measureCatalog} from "./suites/catalog.js";
import {measureCatalogEngine, measureChecker, measureRetrieval} from "./suites/core.js";
import {measureGrammarOnTestModel} from "./suites/grammarCost.js";
import {benchPrompt, measureModels} from "./suites/model.js";
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

context.log("memory bandwidth");
const bandwidth = await measureBandwidth(context);
context.log("CLI cold start");
await measureCliColdStart(context);
context.log("TUI first paint");
await measureTuiFirstPaint(context);
context.log("catalog load");
await measureCatalog(context);
context.log("retrieval");
measureRetrieval(context);
context.log("catalog engine");
await measureCatalogEngine(context);
context.log("checker");
await measureChecker(context);
context.log("grammar cost on the test model");
await measureGrammarOnTestModel(context);
const {gpu} = await measureModels(context, await benchPrompt(), bandwidth);
if (gpu.device != null)
    machine.gpu = gpu.device;

const output: BenchResults = {
    generatedAt: new Date().toISOString(),
    command: `npm run bench${options.quick ? " -- --quick" : ""}${options.gpu ? (options.quick ? " --gpu" : " -- --gpu") : ""}`,
    quick: options.quick,
    gpu: {requested: options.gpu, ...gpu},
    machine,
    durationS: Math.round((performance.now() - started) / 100) / 10,
    figures: results.figures,
    series: results.series
};
writeFileSync(path.join(packageRoot, "test", "bench", "results.json"), JSON.stringify(output, null, 2) + "\n");
await renderCharts(output);
updateReadme(output);

if (options.json)
    console.log(JSON.stringify(output, null, 2));
else
    console.log(`${textTable(output.figures)}\n\n${machineLine(machine)}; ${output.durationS} s; written to test/bench/results.json`);
