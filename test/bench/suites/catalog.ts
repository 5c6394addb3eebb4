import path from "node:path";
import {pathToFileURL} from "node:url";
import {Catalog} from "../../../source/catalog/index.js";
import {type BenchContext, packageRoot, runsFor} from "../context.js";
import {repeat, runProcess, summarize, timeCall} from "../measure.js";

const GROUP = "Catalog";

// Runs in a fresh process: the load as the CLI pays it, with a cold JIT.
const FRESH_LOAD = `
const rssBefore = process.memoryUsage().rss;
const {Catalog} = await import(${JSON.stringify(pathToFileURL(path.join(packageRoot, "dist", "catalog", "index.js")).href)});
const start = performance.now();
const catalog = Catalog.load();
const ms = performance.now() - start;
console.log(JSON.stringify({ms, actions: catalog.actionCount, rssBefore, rss: process.memoryUsage().rss}));
`;

export async function measureCatalog(context: BenchContext) {
    const {warmup, runs} = runsFor(context, 10, 5);
    const fresh: Array<{ms: number; actions: number; rssBefore: number; rss: number}> = [];
    for (let i = 0; i < warmup + runs; i++) {
        const run = await runProcess(process.execPath, ["--input-type=module", "--eval", FRESH_LOAD]);
        if (i >= warmup)
            fresh.push(JSON.parse(run.stdout));
    }
    const actions = fresh[0]!.actions;
    context.results.timing("catalog.load.fresh", GROUP, "Catalog.load() in a fresh process", summarize(fresh.map((run) => run.ms)),
        {target: {op: "<", value: 100}, note: `${actions.toLocaleString("en-US")} actions`});

    const repeated = await repeat(() => timeCall(() => Catalog.load()), runsFor(context, 20, 8));
    context.results.timing("catalog.load.repeated", GROUP, "Catalog.load() repeated in one process", repeated, {target: {op: "<", value: 100}});

    const mib = (bytes: number) => bytes / 2 ** 20;
    const rss = summarize(fresh.map((run) => mib(run.rss)));
    const baseline = summarize(fresh.map((run) => mib(run.rssBefore)));
    context.results.value("catalog.rss", GROUP, "Resident memory after catalog load", "MiB", rss.median,
        {note: `a bare node process: ${baseline.median.toFixed(0)} MiB`});
}
