import type {LlamaChatSession, LlamaGrammar} from "node-llama-cpp";

export interface GenerationOutcome {
    text: string;
    stopReason: "done" | "abort" | "maxTokens";
    maxTokens: number;
    tokens: number;
    timeToFirstTokenMs?: number;
    tokensPerSecond?: number;
}

/**
 * One prompt to the model, turned from node-llama-cpp's callbacks into an async stream of text
 * chunks plus an outcome. Leaving the stream early aborts the generation.
 */
export class Generation {
    readonly outcome: Promise<GenerationOutcome>;
    private readonly pending: string[] = [];
    private finished = false;
    private wake?: () => void;
    private readonly stop = new AbortController();

    constructor(chat: LlamaChatSession, prompt: string, grammar: LlamaGrammar, options: {signal?: AbortSignal; maxTokens: number; temperature: number; seed?: number; started: number}) {
        let tokens = 0;
        let streamed = "";
        let firstTokenAt: number | undefined;
        let lastTokenAt: number | undefined;
        const signal = options.signal == null ? this.stop.signal : AbortSignal.any([options.signal, this.stop.signal]);
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
                        this.pending.push(chunk);
                        this.wake?.();
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
                this.finished = true;
                this.wake?.();
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

    async *chunks(): AsyncGenerator<string> {
        try {
            for (;;) {
                const chunk = this.pending.shift();
                if (chunk != null) {
                    yield chunk;
                    continue;
                }
                if (this.finished)
                    return;
                await new Promise<void>((resolve) => this.wake = resolve);
                this.wake = undefined;
            }
        } finally {
            if (!this.finished) {
                this.stop.abort(new Error("The stream was closed"));
                await this.outcome.catch(() => undefined);
            }
        }
    }
}
