import {spawn} from "node:child_process";

/** A timing's distribution over its measured runs (warm-up runs excluded). */
export interface Sample {
    median: number;
    p95: number;
    min: number;
    max: number;
    runs: number;
}

export function summarize(values: readonly number[]): Sample {
    if (values.length === 0)
        throw new Error("No values to summarize");
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
    // Nearest rank: with few runs the p95 is the slowest run, which is the honest answer.
    const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!;
    return {median, p95, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: sorted.length};
}

export interface RepeatOptions {
    warmup: number;
    runs: number;
}

/** Runs `measureOnce` warm-up + runs times; each call returns the milliseconds it measured. */
export async function repeat(measureOnce: () => number | Promise<number>, {warmup, runs}: RepeatOptions): Promise<Sample> {
    for (let i = 0; i < warmup; i++)
        await measureOnce();
    const values: number[] = [];
    for (let i = 0; i < runs; i++)
        values.push(await measureOnce());
    return summarize(values);
}

/** Milliseconds one call of `fn` takes. */
export async function timeCall(fn: () => unknown): Promise<number> {
    const start = performance.now();
    await fn();
    return performance.now() - start;
}

/**
 * Times `fn` over a batch of calls so that sub-millisecond work is measured above the timer's
 * resolution; returns milliseconds per call.
 */
export function timePerCall(fn: () => unknown, calls: number): number {
    const start = performance.now();
    for (let i = 0; i < calls; i++)
        fn();
    return (performance.now() - start) / calls;
}

export interface ProcessRun {
    ms: number;
    exitCode: number | null;
    stdout: string;
    stderr: string;
}

/** Spawns a process and measures wall time from spawn to exit, as a user at a shell feels it. */
export function timeProcess(command: string, args: readonly string[], options: {cwd?: string; env?: NodeJS.ProcessEnv} = {}): Promise<ProcessRun> {
    return new Promise((resolve, reject) => {
        const start = performance.now();
        const child = spawn(command, args, {cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"]});
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => stdout += chunk);
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => stderr += chunk);
        child.on("error", reject);
        child.on("close", (exitCode) => resolve({ms: performance.now() - start, exitCode, stdout, stderr}));
    });
}

/** Runs a process to completion and fails with its stderr when it exits non-zero. */
export async function runProcess(command: string, args: readonly string[], options: {cwd?: string; env?: NodeJS.ProcessEnv} = {}): Promise<ProcessRun> {
    const run = await timeProcess(command, args, options);
    if (run.exitCode !== 0)
        throw new Error(`${command} ${args.join(" ")} exited with ${run.exitCode}: ${run.stderr.trim().split("\n").slice(-3).join(" | ")}`);
    return run;
}
