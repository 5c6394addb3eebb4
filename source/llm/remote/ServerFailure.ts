/**
 * A served model that could not give an answer: refused, timed out, an HTTP error after the
 * retries, a stream cut short or not in OpenAI's format, output that ignores the constraint sent.
 * The CLI exits 3 on it, apart from 1 (nothing to grant) and 2 (bad input). The message is one
 * line and never holds the API key.
 */
export class ServerFailure extends Error {
    constructor(message: string, readonly kind: "connection" | "timeout" | "http" | "truncated" | "junk", readonly status?: number) {
        super(message);
        this.name = "ServerFailure";
    }
}
