import OpenAI, {APIConnectionError, APIConnectionTimeoutError, APIError} from "openai";
import type {ChatCompletionChunk, ChatCompletionCreateParamsStreaming, ChatCompletionMessageParam} from "openai/resources/chat/completions";
import {ServerFailure} from "./ServerFailure.js";

export interface ServerOptions {
    /** The OpenAI-compatible base URL, e.g. `http://127.0.0.1:8080/v1`. */
    baseUrl: string;
    model: string;
    /** Sent as a bearer token when set; never written anywhere. */
    apiKey?: string;
    /** The environment variable the key came from, named in messages instead of the key. */
    apiKeyEnv: string;
    /** Per attempt; all attempts together stop at four times this. */
    timeoutSeconds: number;
}

/** Everything of a chat request but the model, the messages and the streaming flags. */
export type RequestExtras = Omit<Partial<ChatCompletionCreateParamsStreaming>, "model" | "messages" | "stream"> & Record<string, unknown>;

export interface Completion {
    text: string;
    /** "stop", "length", … ; null when the user's signal stopped it. */
    finishReason: string | null;
    aborted: boolean;
    /** The server's count of generated tokens, else the number of streamed chunks. */
    tokens: number;
    firstTextAt?: number;
    lastTextAt?: number;
}

/** Retries after the first attempt, on 429 and 5xx only. */
const MAX_RETRIES = 3;
const BACKOFF_MS = [500, 1_000, 2_000];
const MAX_MESSAGE_CHARS = 200;

/**
 * One OpenAI-compatible server, through the official client, for streamed chat completions. The
 * client's own retries are off: they neither bound the total time nor time out a stream that stops
 * midway. Here each attempt has `timeoutSeconds` from request to last chunk, 429 and 5xx are retried
 * up to three times after `Retry-After` (else a doubling backoff), and everything together stops at
 * four times the timeout. Every failure is a one-line `ServerFailure` without the key.
 */
export class ServerClient {
    private readonly client: OpenAI;
    readonly displayUrl: string;

    constructor(readonly options: ServerOptions) {
        this.displayUrl = withoutCredentials(options.baseUrl);
        this.client = new OpenAI({
            baseURL: options.baseUrl,
            // The client insists on a key; without one, the placeholder is never sent (the header is removed).
            apiKey: options.apiKey ?? "none",
            ...(options.apiKey == null ? {defaultHeaders: {Authorization: null}} : {}),
            organization: null,
            project: null,
            maxRetries: 0,
            logLevel: "off"
        });
    }

    /** Streams one chat completion, calling `onText` with each piece of text as it comes. */
    async complete(messages: ChatCompletionMessageParam[], extras: RequestExtras, {signal, onText}: {signal?: AbortSignal; onText?: (text: string) => void} = {}): Promise<Completion> {
        const timeoutMs = this.options.timeoutSeconds * 1000;
        const deadline = performance.now() + timeoutMs * 4;
        for (let attempt = 0; ; attempt++) {
            const attemptMs = Math.min(timeoutMs, deadline - performance.now());
            if (attemptMs <= 0)
                throw new ServerFailure(`no answer from ${this.displayUrl} within ${formatSeconds(timeoutMs * 4)} (${attempt} attempts; --timeout ${this.options.timeoutSeconds})`, "timeout");
            const timer = AbortSignal.timeout(attemptMs);
            const completion: Completion = {text: "", finishReason: null, aborted: false, tokens: 0};
            try {
                await this.attempt(messages, extras, completion, signal == null ? timer : AbortSignal.any([signal, timer]), (text) => {
                    const now = performance.now();
                    completion.firstTextAt ??= now;
                    completion.lastTextAt = now;
                    completion.text += text;
                    onText?.(text);
                });
            } catch (error) {
                if (signal?.aborted !== true && !timer.aborted) {
                    const wait = attempt < MAX_RETRIES && completion.text === "" ? retryWait(error, attempt) : undefined;
                    if (wait == null || performance.now() + wait >= deadline)
                        throw this.failure(error, attempt + 1);
                    await sleep(wait, signal);
                    continue;
                }
            }
            if (signal?.aborted === true)
                return {...completion, aborted: true, finishReason: null};
            if (timer.aborted)
                throw new ServerFailure(`no answer from ${this.displayUrl} within ${formatSeconds(attemptMs)} (--timeout ${this.options.timeoutSeconds})${completion.text === "" ? "" : `; it had streamed ${completion.tokens} chunks`}`, "timeout");
            if (completion.finishReason == null)
                throw new ServerFailure(`${this.displayUrl} closed the stream before the answer was complete (truncated after ${completion.tokens} chunks); nothing was kept`, "truncated");
            return completion;
        }
    }

    private async attempt(messages: ChatCompletionMessageParam[], extras: RequestExtras, completion: Completion, signal: AbortSignal, onText: (text: string) => void) {
        const body = {...extras, model: this.options.model, messages, stream: true, stream_options: {include_usage: true}} as ChatCompletionCreateParamsStreaming;
        const stream = await this.client.chat.completions.create(body, {signal});
        let chunks = 0;
        let usage: number | undefined;
        for await (const chunk of stream as AsyncIterable<ChatCompletionChunk>) {
            const choice = chunk.choices?.[0];
            const text = choice?.delta?.content;
            if (text != null && text !== "") {
                chunks++;
                completion.tokens = usage ?? chunks;
                onText(text);
            }
            if (choice?.finish_reason != null)
                completion.finishReason = choice.finish_reason;
            if (chunk.usage?.completion_tokens != null)
                usage = chunk.usage.completion_tokens;
        }
        completion.tokens = usage ?? chunks;
    }

    /** The error as one line: what failed, where, and what to do, with the key (if any) blanked out. */
    private failure(error: unknown, attempts: number): ServerFailure {
        const url = this.displayUrl;
        const redact = (text: string) => oneLine(this.options.apiKey == null ? text : text.replaceAll(this.options.apiKey, "***"));
        if (error instanceof ServerFailure)
            return error;
        if (error instanceof APIConnectionTimeoutError)
            return new ServerFailure(`no answer from ${url} within --timeout ${this.options.timeoutSeconds}`, "timeout");
        if (error instanceof APIConnectionError) {
            const cause = connectionCause(error);
            return new ServerFailure(`cannot reach ${url}: ${cause === "ECONNREFUSED" ? "connection refused" : cause === "ENOTFOUND" ? "host not found" : redact(cause)}`, "connection");
        }
        if (error instanceof APIError && error.status != null) {
            const detail = redact(serverMessage(error));
            if (error.status === 401 || error.status === 403)
                return new ServerFailure(this.options.apiKey == null
                    ? `${url} wants an API key (HTTP ${error.status}): set it in $${this.options.apiKeyEnv}, or name another variable with --api-key-env`
                    : `${url} refused the API key in $${this.options.apiKeyEnv} (HTTP ${error.status})`, "http", error.status);
            if (error.status === 404)
                return new ServerFailure(`${url}: HTTP 404 (${detail}); check that the URL ends in /v1 and that the server serves the model "${this.options.model}"`, "http", error.status);
            const times = attempts > 1 ? ` ${attempts} times` : "";
            return new ServerFailure(`${url} answered HTTP ${error.status}${times}: ${detail}`, "http", error.status);
        }
        if (error instanceof APIError)
            return new ServerFailure(`${url} reported an error in the stream: ${redact(serverMessage(error))}`, "junk");
        if (error instanceof SyntaxError)
            return new ServerFailure(`${url} sent a stream that is not OpenAI's format (not JSON)`, "junk");
        // undici ends a body that the server cut mid-chunk with "terminated".
        if (error instanceof TypeError && /terminated|other side closed/i.test(error.message))
            return new ServerFailure(`${url} closed the connection before the answer was complete (truncated); nothing was kept`, "truncated");
        return new ServerFailure(`${url}: ${redact(error instanceof Error ? error.message : String(error))}`, "connection");
    }
}

/**
 * How long to wait before retrying, or undefined when the error is not worth a retry: only 429, 5xx,
 * and a kept-alive connection that the server closed as the request went out.
 */
function retryWait(error: unknown, attempt: number): number | undefined {
    const backoff = BACKOFF_MS[attempt] ?? BACKOFF_MS.at(-1)!;
    if (error instanceof APIConnectionError && !(error instanceof APIConnectionTimeoutError))
        return ["ECONNRESET", "UND_ERR_SOCKET", "EPIPE"].includes(connectionCause(error)) ? backoff : undefined;
    if (!(error instanceof APIError) || error.status == null || (error.status !== 429 && error.status < 500))
        return undefined;
    return retryAfterMs(error.headers) ?? backoff;
}

/** `Retry-After` in seconds or as an HTTP date (and the `retry-after-ms` some servers send). */
export function retryAfterMs(headers: Headers | undefined): number | undefined {
    const milliseconds = Number(headers?.get("retry-after-ms") ?? Number.NaN);
    if (Number.isFinite(milliseconds) && milliseconds >= 0)
        return milliseconds;
    const value = headers?.get("retry-after");
    if (value == null || value.trim() === "")
        return undefined;
    const seconds = Number(value);
    if (Number.isFinite(seconds))
        return Math.max(0, seconds * 1000);
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
        const timer = setTimeout(done, ms);
        signal?.addEventListener("abort", done, {once: true});
        function done() {
            clearTimeout(timer);
            signal?.removeEventListener("abort", done);
            resolve();
        }
    });
}

function serverMessage(error: APIError): string {
    const body = error.error as {message?: unknown} | undefined;
    const message = typeof body?.message === "string" ? body.message : error.message.replace(/^\d{3}\s*/, "");
    return message === "" ? "no message" : message;
}

/** The code (ECONNREFUSED, …) or else the message of the innermost error under the client's "Connection error." */
function connectionCause(error: APIConnectionError): string {
    let cause: unknown = error.cause;
    let message = error.message;
    for (let depth = 0; cause instanceof Error && depth < 4; depth++) {
        const code = (cause as {code?: unknown}).code;
        if (typeof code === "string")
            return code;
        message = cause.message;
        cause = cause.cause;
    }
    return message;
}

/** The URL as shown in messages: without a user name or password in it. */
function withoutCredentials(baseUrl: string): string {
    try {
        const url = new URL(baseUrl);
        url.username = "";
        url.password = "";
        return url.toString().replace(/\/$/, "");
    } catch {
        return baseUrl;
    }
}

function oneLine(text: string): string {
    const line = text.replace(/\s+/g, " ").trim();
    return line.length > MAX_MESSAGE_CHARS ? `${line.slice(0, MAX_MESSAGE_CHARS - 1)}…` : line;
}

function formatSeconds(ms: number): string {
    return `${Number((ms / 1000).toFixed(1))} s`;
}
