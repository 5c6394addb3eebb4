/**
 * Text a model produces, pushed as it comes and read as an async stream of chunks. Reading may lag
 * behind or never happen (a repair turn is only awaited); leaving the stream early stops the
 * producer through `stop`.
 */
export class StreamedText {
    /** Aborted when the reader leaves before the producer finished. */
    readonly stop = new AbortController();
    private readonly pending: string[] = [];
    private finished = false;
    private wake?: () => void;

    push(chunk: string) {
        this.pending.push(chunk);
        this.wake?.();
    }

    finish() {
        this.finished = true;
        this.wake?.();
    }

    /** The chunks in order; `settled` is awaited after an early exit, so that the producer has stopped when it returns. */
    async *chunks(settled: Promise<unknown>): AsyncGenerator<string> {
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
                await settled.catch(() => undefined);
            }
        }
    }
}
