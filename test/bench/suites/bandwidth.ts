import {Worker} from "node:worker_threads";
import type {BenchContext} from "../context.js";
import {repeat, timeCall} from "../measure.js";

/** Bytes per second in the fastest copy run: with any number of threads (the decode ceiling), and with one. */
export interface Bandwidth {
    best: number;
    oneThread: number;
}

const GROUP = "Memory bandwidth";

// Each worker copies its slice of a shared buffer when told to, so that only the copy is timed.
const COPY_WORKER = `
const {parentPort, workerData} = require("node:worker_threads");
const {source, target, offset, length} = workerData;
const from = new Uint8Array(source, offset, length);
const to = new Uint8Array(target, offset, length);
parentPort.on("message", () => {
    to.set(from);
    parentPort.postMessage("done");
});
`;

/**
 * Decoding reads every weight once per token, so memory bandwidth ÷ model bytes is the fastest
 * any decoder can go on this machine. Measured like STREAM's copy (bytes read + bytes written),
 * with one thread and with one thread per core. The ceiling takes the fastest run, as STREAM
 * reports: on a shared VM the median moved by half between runs minutes apart, the peak much less.
 */
export async function measureBandwidth(context: BenchContext): Promise<Bandwidth> {
    const bytes = (context.quick ? 256 : 1024) * 2 ** 20;
    const repeats = {warmup: 1, runs: context.quick ? 9 : 15};
    const source = new SharedArrayBuffer(bytes);
    const target = new SharedArrayBuffer(bytes);
    new Uint8Array(source).fill(0x5a);

    const from = new Uint8Array(source);
    const to = new Uint8Array(target);
    const single = await repeat(() => timeCall(() => to.set(from)), repeats);

    const workers = startCopyWorkers(source, target, context.threads);
    try {
        const parallel = await repeat(() => timeCall(() => Promise.all(workers.map(copyOnce))), repeats);
        const gbPerSecond = (ms: number) => 2 * bytes / (ms / 1000) / 1e9;
        const note = `copy of ${bytes / 2 ** 20} MiB, read + written bytes`;
        context.results.value("bandwidth.single", GROUP, "Copy, 1 thread", "GB/s", gbPerSecond(single.median),
            {p95: gbPerSecond(single.p95), runs: single.runs, note});
        context.results.value("bandwidth.parallel", GROUP, `Copy, ${context.threads} threads`, "GB/s", gbPerSecond(parallel.median),
            {p95: gbPerSecond(parallel.p95), runs: parallel.runs, note});
        const best = gbPerSecond(Math.min(single.min, parallel.min));
        context.results.value("bandwidth.best", GROUP, "Bandwidth used for the decode ceiling (the fastest run)", "GB/s", best);
        return {best: best * 1e9, oneThread: gbPerSecond(single.min) * 1e9};
    } finally {
        await Promise.all(workers.map((worker) => worker.terminate()));
    }
}

function startCopyWorkers(source: SharedArrayBuffer, target: SharedArrayBuffer, count: number) {
    const slice = Math.floor(source.byteLength / count);
    return Array.from({length: count}, (_, index) => new Worker(COPY_WORKER, {
        eval: true,
        workerData: {
            source,
            target,
            offset: index * slice,
            length: index === count - 1 ? source.byteLength - index * slice : slice
        }
    }));
}

function copyOnce(worker: Worker) {
    return new Promise<void>((resolve, reject) => {
        const fail = (error: Error) => reject(error);
        worker.once("error", fail);
        worker.once("message", () => {
            worker.off("error", fail);
            resolve();
        });
        worker.postMessage("go");
    });
}
