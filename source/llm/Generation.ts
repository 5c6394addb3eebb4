import type {LlamaChatSession, LlamaGrammar} from "node-llama-cpp";
import type {GenerationOutcome, ModelTurn} from "./modelGeneration.js";
import {StreamedText} from "./streamedText.js";

/**
 * One prompt to the model, turned from node-llama-cpp's callbacks into an async stream of text
 * chunks plus an outcome. Leaving the stream early aborts the generation.
 */
export class Generation implements ModelTurn {
    readonly outcome: Promise<GenerationOutcome>;
    private readonly text = new StreamedText();

    constructor(chat: LlamaChatSession, prompt: string, grammar: LlamaGrammar, options: {signal?: AbortSignal; maxTokens: number; temperature: number; seed?: number; started: number}) {
        let tokens = 0;
        let streamed = "";
        let firstTokenAt: number | undefined;
        let lastTokenAt: number | undefined;
        const signal = options.signal == null ? this.text.stop.signal : AbortSignal.any([options.signal, this.text.stop.signal]);
        this.outcome = (async (): Promise<GenerationOutcome> => {
            let text = "";
            let stopReason: GenerationOutcome["stopReason"];
            try {
                if (signal.aborted)
                    throw signal.reason;
                const response = await chat.promptWithMeta(prompt, {
                    grammar,
                    maxTokens: options.maxTokens,
                    temperature: options.temperature,
                    seed: options.seed,
                    // JSON repeats its punctuation and keys by design: a repeat penalty only breaks it.
                    repeatPenalty: false,
                    signal,
                    stopOnAbortSignal: true,
                    onToken: (generated) => {
                        const now = performance.now();
                        firstTokenAt ??= now;
                        lastTokenAt = now;
                        tokens += generated.length;
                    },
                    onTextChunk: (chunk) => {
                        streamed += chunk;
                        this.text.push(chunk);
                    }
                });
                text = response.responseText;
                stopReason = response.stopReason === "abort" ? "abort" : response.stopReason === "maxTokens" ? "maxTokens" : "done";
            } catch (error) {
                // Aborted before the first token: node-llama-cpp throws instead of returning a partial answer.
                if (!signal.aborted)
                    throw error;
                text = streamed;
                stopReason = "abort";
            } finally {
                this.text.finish();
            }
            const decodeSeconds = firstTokenAt != null && lastTokenAt != null ? (lastTokenAt - firstTokenAt) / 1000 : 0;
            return {
                text,
                stopReason,
                maxTokens: options.maxTokens,
                tokens,
                timeToFirstTokenMs: firstTokenAt == null ? undefined : firstTokenAt - options.started,
                tokensPerSecond: tokens > 1 && decodeSeconds > 0 ? (tokens - 1) / decodeSeconds : undefined
            };
        })();
        // The stream reports failures through `outcome`; this keeps an unawaited rejection from crashing the process.
        this.outcome.catch(() => undefined);
    }

    chunks(): AsyncGenerator<string> {
        return this.text.chunks(this.outcome);
    }
}
