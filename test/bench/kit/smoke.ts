// The GPU kit's smoke test, bundled as test/bench/smoke.mjs and run by run.sh before the bench: in
// seconds, whether node-llama-cpp's CUDA build loads and decodes on this card (`--no-gpu`: its CPU
// build), so that a broken machine costs seconds of device time, not the bench's minutes. It writes
// the 1B Q4_0 shape, which the bench then reuses. Exits 1 with the reason on the last line.
import {statSync} from "node:fs";
import {getLlama, getLlamaGpuTypes, LlamaLogLevel} from "node-llama-cpp";
import {defaultThreads} from "../../../source/llm/ModelManager.js";
import {BENCH_MODELS, ensureBenchModel} from "../model/models.js";

const gpu = !process.argv.includes("--no-gpu");
const log = (message: string) => process.stdout.write(`smoke: ${message}\n`);
const DECODE_TOKENS = 16;

try {
    const modelPath = ensureBenchModel(BENCH_MODELS.llama1b, log);
    const usable = await getLlamaGpuTypes("supported");
    log(`backends node-llama-cpp can use here: ${usable.map((type) => type === false ? "cpu" : type).join(", ")}`);
    if (gpu && !usable.includes("cuda"))
        throw new Error("node-llama-cpp finds no CUDA here: the driver's libcuda.so.1 and libnvidia-ml.so.1 and CUDA 13's libcudart, libcublas and libcublasLt must be on LD_LIBRARY_PATH");
    const llama = await getLlama({gpu: gpu ? "cuda" : false, build: "never", logLevel: LlamaLogLevel.error});
    if (gpu) {
        const vram = await llama.getVramState();
        log(`${(await llama.getGpuDeviceNames()).join(", ")}: ${(vram.total / 2 ** 30).toFixed(1)} GiB, ${(vram.free / 2 ** 30).toFixed(1)} GiB free`);
    }
    const model = await llama.loadModel({modelPath, gpuLayers: gpu ? "max" : 0});
    // iam-gen's thread count: llama.cpp's default, one per core and more, crawls on a busy machine.
    const context = await model.createContext({contextSize: 512, threads: defaultThreads(statSync(modelPath).size)});
    const sequence = context.getSequence();
    const start = performance.now();
    let tokens = 0;
    for await (const _token of sequence.evaluate(model.tokenize("Allow reading objects in S3 bucket reports"), {temperature: 0})) {
        if (++tokens >= DECODE_TOKENS)
            break;
    }
    const ms = performance.now() - start;
    log(`${BENCH_MODELS.llama1b.label} on the ${gpu ? "GPU" : "CPU"}: ${tokens} tokens in ${ms.toFixed(0)} ms (prompt included); ok`);
    process.exit(0);
} catch (error) {
    log(`failed: ${(error instanceof Error ? error.message : String(error)).split("\n")[0]}`);
    process.exit(1);
}
