import {performance} from "node:perf_hooks";
import {ConversationSession} from "../engine/ConversationSession.js";
import type {GenerateOptions, GenerationResult, PolicyEngine} from "../engine/types.js";
import type {BenchmarkRow, SystemOutput} from "./benchmarkFiles.js";

export interface EngineRunOptions extends Pick<GenerateOptions, "rag" | "managed" | "companions" | "signal"> {
    /** Called after each row, e.g. to draw a progress bar. */
    onProgress?(done: number, total: number): void;
    /** Rows generated at once (default 1): a served model answers several requests in parallel. */
    concurrency?: number;
}

/**
 * Runs an engine over benchmark rows, one fresh conversation per row, and returns what it produced with
 * the wall time per row and the engine's own timings. A row the engine fails on is kept as a failure
 * with its error, so that one bad row does not lose a long run.
 */
export async function runEngineOnBenchmark(engine: PolicyEngine, rows: BenchmarkRow[], options: EngineRunOptions = {}): Promise<SystemOutput[]> {
    const {onProgress, concurrency = 1, ...generateOptions} = options;
    const outputs: SystemOutput[] = new Array(rows.length);
    let next = 0;
    let done = 0;
    // Each worker takes the next row until none is left; outputs keep the benchmark's order.
    const worker = async () => {
        while (next < rows.length) {
            const index = next++;
            outputs[index] = await runRow(engine, rows[index]!, generateOptions);
            onProgress?.(++done, rows.length);
        }
    };
    await Promise.all(Array.from({length: Math.min(concurrency, rows.length)}, worker));
    return outputs;
}

async function runRow(engine: PolicyEngine, row: BenchmarkRow, options: GenerateOptions): Promise<SystemOutput> {
    options.signal?.throwIfAborted();
    const started = performance.now();
    try {
        const result = await generateOnce(engine, row.prompt, options);
        return {
            id: row.id,
            text: result.text,
            ms: performance.now() - started,
            ...engineTimings(result),
            ...(result.message != null ? {message: result.message} : {})
        };
    } catch (error) {
        if (options.signal?.aborted)
            throw error;
        return {id: row.id, text: "", ms: performance.now() - started, error: error instanceof Error ? error.message : String(error)};
    }
}

async function generateOnce(engine: PolicyEngine, request: string, options: GenerateOptions): Promise<GenerationResult> {
    const events = engine.generate(request, new ConversationSession(), options);
    let next = await events.next();
    while (!next.done)
        next = await events.next();
    return next.value;
}

function engineTimings({timings}: GenerationResult) {
    return {
        ...(timings.timeToFirstTokenMs != null ? {timeToFirstTokenMs: timings.timeToFirstTokenMs} : {}),
        ...(timings.tokensPerSecond != null ? {tokensPerSecond: timings.tokensPerSecond} : {}),
        ...(timings.tokens != null ? {tokens: timings.tokens} : {})
    };
}
