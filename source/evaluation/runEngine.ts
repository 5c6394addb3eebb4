import {performance} from "node:perf_hooks";
import {ConversationSession} from "../engine/ConversationSession.js";
import type {GenerateOptions, GenerationResult, PolicyEngine} from "../engine/types.js";
import type {BenchmarkRow, SystemOutput} from "./benchmarkFiles.js";

export interface EngineRunOptions extends Pick<GenerateOptions, "rag" | "managed" | "companions" | "signal"> {
    /** Called after each row, e.g. to draw a progress bar. */
    onProgress?(done: number, total: number): void;
}

/**
 * Runs an engine over benchmark rows, one fresh conversation per row, and returns what it produced with
 * the wall time per row and the engine's own timings. A row the engine fails on is kept as a failure
 * with its error, so that one bad row does not lose a long run.
 */
export async function runEngineOnBenchmark(engine: PolicyEngine, rows: BenchmarkRow[], options: EngineRunOptions = {}): Promise<SystemOutput[]> {
    const {onProgress, ...generateOptions} = options;
    const outputs: SystemOutput[] = [];
    for (const row of rows) {
        generateOptions.signal?.throwIfAborted();
        const started = performance.now();
        try {
            const result = await generateOnce(engine, row.prompt, generateOptions);
            outputs.push({
                id: row.id,
                text: result.text,
                ms: performance.now() - started,
                ...engineTimings(result),
                ...(result.message != null ? {message: result.message} : {})
            });
        } catch (error) {
            if (generateOptions.signal?.aborted)
                throw error;
            outputs.push({id: row.id, text: "", ms: performance.now() - started, error: error instanceof Error ? error.message : String(error)});
        }
        onProgress?.(outputs.length, rows.length);
    }
    return outputs;
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
