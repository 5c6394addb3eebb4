import {spawnSync} from "node:child_process";
import type {BenchContext} from "../context.js";
import {summarize} from "../measure.js";

const GROUP = "GPU memory bandwidth";
const COPY_BYTES = 2 ** 30;

// Node cannot reach the card's memory except through llama.cpp, whose kernels are what is being
// judged; PyTorch, which GPU machines usually carry, times a plain device-to-device copy with CUDA events.
const COPY_SCRIPT = `
import json, torch
if not torch.cuda.is_available():
    raise SystemExit("PyTorch sees no CUDA device")
source = torch.full((${COPY_BYTES},), 90, dtype=torch.uint8, device="cuda")
target = torch.empty_like(source)
for _ in range(3):
    target.copy_(source)
torch.cuda.synchronize()
times = []
for _ in range(20):
    start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    start.record()
    target.copy_(source)
    end.record()
    end.synchronize()
    times.append(start.elapsed_time(end))
print(json.dumps({"ms": times, "device": torch.cuda.get_device_name(0)}))
`;

/** Vendors' figures, used (and labelled so) only where the copy cannot be measured. */
const DOCUMENTED = [
    {pattern: /H200/, bytesPerSecond: 4.8e12, source: "NVIDIA's H200 datasheet: 4.8 TB/s"},
    {pattern: /H100.*PCIe/, bytesPerSecond: 2.0e12, source: "NVIDIA's H100 PCIe datasheet: 2.0 TB/s"},
    {pattern: /H100/, bytesPerSecond: 3.35e12, source: "NVIDIA's H100 SXM datasheet: 3.35 TB/s"}
];

/**
 * The card's bandwidth for the GPU decode ceiling, counted as the CPU copy is (bytes read +
 * written), the fastest of 20 copies of 1 GiB; where PyTorch cannot run, the card's documented
 * figure, labelled as such; else none, and the GPU rows go without a ceiling.
 */
export function measureGpuBandwidth(context: BenchContext, device: string | undefined): {best: number} | undefined {
    const run = spawnSync("python3", ["-c", COPY_SCRIPT], {encoding: "utf8", timeout: 120_000});
    const failure = run.error?.message ?? (run.status !== 0 ? run.stderr.trim().split("\n").at(-1) || `python3 exited with ${run.status}` : undefined);
    if (failure == null) {
        const copy = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as {ms: number[]; device: string};
        const sample = summarize(copy.ms);
        const gbPerSecond = (ms: number) => 2 * COPY_BYTES / (ms / 1000) / 1e9;
        context.results.value("bandwidth.gpu.copy", GROUP, `Card copy bandwidth: ${copy.device}`, "GB/s", gbPerSecond(sample.median),
            {p95: gbPerSecond(sample.p95), runs: sample.runs, note: "PyTorch device-to-device copy of 1 GiB, read + written bytes"});
        context.results.value("bandwidth.gpu.best", GROUP, "Bandwidth used for the GPU decode ceiling (the fastest copy)", "GB/s", gbPerSecond(sample.min));
        return {best: gbPerSecond(sample.min) * 1e9};
    }
    context.log(`GPU copy bandwidth not measured: ${failure}`);
    const documented = DOCUMENTED.find((card) => device != null && card.pattern.test(device));
    if (documented == null) {
        context.results.skip("bandwidth.gpu.best", GROUP, "Bandwidth used for the GPU decode ceiling", "GB/s",
            `the copy could not be measured (${failure}) and ${device ?? "this card"} has no documented figure here`);
        return undefined;
    }
    context.results.value("bandwidth.gpu.best", GROUP, "Bandwidth used for the GPU decode ceiling: the documented figure, not measured", "GB/s",
        documented.bytesPerSecond / 1e9, {note: `${documented.source}; the copy could not be measured: ${failure}`});
    return {best: documented.bytesPerSecond};
}
