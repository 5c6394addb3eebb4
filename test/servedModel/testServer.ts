// An OpenAI-compatible chat server backed by node-llama-cpp and the random-weight test model: a test
// fixture, not part of the product. `npm run test-server -- [--port N] [--model FILE]`.
//
// POST /v1/chat/completions honours `stream`, `max_tokens`, llama.cpp's `grammar` field and
// `response_format: {type: "json_schema"}`. Under /fault/<mode>/<tag>/v1 it misbehaves on purpose:
//   hang   accepts the request and never answers
//   429    answers 429 (Retry-After: 1) to the first request of each tag, then normally
//   500    always answers 500 (Retry-After: 0)
//   junk   ignores the grammar and schema: the model's unconstrained text
//   half   streams half of the answer, then ends the response without finishing it
//   cut    streams half of the answer, then destroys the connection
//   auth   answers 401, repeating the key it was sent in the message (as some gateways do)
// GET /_requests lists what the server received (constraints, headers, whether the client left early).
import {existsSync} from "node:fs";
import http from "node:http";
import path from "node:path";
import {parseArgs} from "node:util";
import type {ChatHistoryItem, LlamaGrammar} from "node-llama-cpp";
import {ModelManager, type LoadedModel} from "../../source/llm/ModelManager.js";
import {writeTestModel} from "../../source/llm/testModel/testModel.js";
import {TEST_MODEL_PATH} from "../setup/testModel.js";

interface ChatRequest {
    model?: string;
    messages?: {role: string; content: string}[];
    stream?: boolean;
    max_tokens?: number;
    grammar?: string;
    response_format?: {type?: string; json_schema?: {schema?: object}};
    stream_options?: {include_usage?: boolean};
}

/** What the server saw of one request, for the tests to assert on. */
export interface ReceivedRequest {
    path: string;
    mode: string;
    authorization: string | null;
    stream: boolean;
    maxTokens: number | null;
    messages: {role: string; content: string}[];
    grammar: string | null;
    jsonSchema: object | null;
    /** The client closed the connection before the answer was complete. */
    clientLeft: boolean;
    receivedAt: number;
}

const FAULT_PATH = /^\/fault\/([a-z0-9]+)\/([^/]+)(\/v1\/.*)$/;

export async function startTestServer({port = 0, modelPath = TEST_MODEL_PATH} = {}) {
    if (!existsSync(modelPath))
        writeTestModel(modelPath);
    const manager = new ModelManager();
    const loaded = await manager.load({modelPath, threads: 1, gpu: false});
    const grammars = new Map<string, Promise<LlamaGrammar>>();
    const received: ReceivedRequest[] = [];
    const seenTags = new Set<string>();
    let queue: Promise<unknown> = Promise.resolve();
    const serially = <T>(work: () => Promise<T>): Promise<T> => {
        const next = queue.then(work, work);
        queue = next.catch(() => undefined);
        return next;
    };

    const server = http.createServer(async (req, res) => {
        const url = new URL(req.url ?? "/", "http://localhost");
        const fault = FAULT_PATH.exec(url.pathname);
        const mode = fault?.[1] ?? "normal";
        const route = fault?.[3] ?? url.pathname;
        if (req.method === "GET" && url.pathname === "/_requests")
            return json(res, 200, received);
        if (req.method === "GET" && route === "/v1/models")
            return json(res, 200, {object: "list", data: [{id: "test", object: "model", owned_by: "iam-gen-test"}]});
        if (req.method !== "POST" || route !== "/v1/chat/completions")
            return json(res, 404, {error: {message: `no route ${req.method} ${url.pathname}`}});
        // Logged before the body is read: a client that gives up early has still been seen.
        const entry: ReceivedRequest = {
            path: url.pathname, mode, authorization: req.headers.authorization ?? null, stream: false, maxTokens: null,
            messages: [], grammar: null, jsonSchema: null, clientLeft: false, receivedAt: Date.now()
        };
        received.push(entry);
        const stop = new AbortController();
        res.on("close", () => {
            if (!res.writableFinished) {
                entry.clientLeft = true;
                stop.abort();
            }
        });
        let body: ChatRequest;
        try {
            body = JSON.parse(await readBody(req)) as ChatRequest;
        } catch {
            return json(res, 400, {error: {message: "the body is not JSON"}});
        }
        Object.assign(entry, {
            stream: body.stream === true, maxTokens: body.max_tokens ?? null, messages: body.messages ?? [], grammar: body.grammar ?? null,
            jsonSchema: body.response_format?.type === "json_schema" ? body.response_format.json_schema?.schema ?? null : null
        });
        if (mode === "hang")
            return;
        if (mode === "auth")
            return json(res, 401, {error: {message: `Incorrect API key provided: ${entry.authorization?.replace(/^Bearer /, "") ?? "none"}`}});
        if (mode === "500")
            return json(res, 500, {error: {message: "the test server fails on purpose"}}, {"retry-after": "0"});
        if (mode === "429" && !seenTags.has(fault![2]!)) {
            seenTags.add(fault![2]!);
            return json(res, 429, {error: {message: "slow down"}}, {"retry-after": "1"});
        }
        try {
            const grammar = mode === "junk" ? undefined : await grammarOf(body, loaded, grammars);
            await serially(() => answer(body, {res, loaded, grammar, signal: stop.signal, cutAfterHalf: mode === "half" ? "end" : mode === "cut" ? "destroy" : undefined}));
        } catch (error) {
            if (!res.headersSent)
                json(res, 400, {error: {message: error instanceof Error ? error.message : String(error)}});
            else
                res.destroy();
        }
    });
    // Kept-alive connections stay open: a test blocked in spawnSync must not find its pooled socket closed under it.
    server.keepAliveTimeout = 0;
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    const address = server.address() as {port: number};
    return {
        url: `http://127.0.0.1:${address.port}/v1`,
        port: address.port,
        async close() {
            server.closeAllConnections();
            await new Promise((resolve) => server.close(resolve));
            await manager.dispose();
        }
    };
}

function grammarOf(body: ChatRequest, loaded: LoadedModel, grammars: Map<string, Promise<LlamaGrammar>>): Promise<LlamaGrammar> | undefined {
    const schema = body.response_format?.type === "json_schema" ? body.response_format.json_schema?.schema : undefined;
    const key = body.grammar ?? (schema != null ? JSON.stringify(schema) : undefined);
    if (key == null)
        return undefined;
    let grammar = grammars.get(key);
    if (grammar == null) {
        grammar = body.grammar != null
            ? loaded.llama.createGrammar({grammar: body.grammar})
            : loaded.llama.createGrammarForJsonSchema(schema as Parameters<typeof loaded.llama.createGrammarForJsonSchema>[0]);
        grammar.catch(() => grammars.delete(key));
        grammars.set(key, grammar);
    }
    return grammar;
}

/** Runs the model on the conversation and writes the answer, streamed as server-sent events or as one JSON body. */
async function answer(body: ChatRequest, {res, loaded, grammar, signal, cutAfterHalf}: {res: http.ServerResponse; loaded: LoadedModel; grammar?: LlamaGrammar; signal: AbortSignal; cutAfterHalf?: "end" | "destroy"}) {
    if (signal.aborted)
        return;
    const messages = body.messages ?? [];
    const last = messages.at(-1);
    if (last?.role !== "user")
        throw new Error("the last message must be the user's");
    const chat = new loaded.bindings.LlamaChatSession({contextSequence: loaded.sequence, chatWrapper: loaded.chatWrapper});
    chat.setChatHistory(messages.slice(0, -1).map((message): ChatHistoryItem => message.role === "system"
        ? {type: "system", text: message.content}
        : message.role === "user" ? {type: "user", text: message.content} : {type: "model", response: [message.content]}));
    const id = `chatcmpl-test-${Date.now()}`;
    const chunk = (delta: object, finish: string | null) => ({id, object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model: body.model, choices: [{index: 0, delta, finish_reason: finish}]});
    const send = (value: object) => res.write(`data: ${JSON.stringify(value)}\n\n`);
    const pieces: string[] = [];
    try {
        if (body.stream === true) {
            res.writeHead(200, {"content-type": "text/event-stream", "cache-control": "no-cache"});
            send(chunk({role: "assistant", content: ""}, null));
        }
        const response = await chat.promptWithMeta(last.content, {
            ...(grammar != null ? {grammar} : {}),
            maxTokens: body.max_tokens ?? 1024,
            temperature: 0,
            repeatPenalty: false,
            signal,
            stopOnAbortSignal: true,
            onTextChunk: (text) => {
                pieces.push(text);
                if (body.stream === true && cutAfterHalf == null && text !== "")
                    send(chunk({content: text}, null));
            }
        });
        if (signal.aborted)
            return;
        const finish = response.stopReason === "maxTokens" ? "length" : "stop";
        const usage = {prompt_tokens: 0, completion_tokens: pieces.length, total_tokens: pieces.length};
        if (cutAfterHalf != null) {
            for (const text of pieces.slice(0, Math.ceil(pieces.length / 2)))
                send(chunk({content: text}, null));
            if (cutAfterHalf === "destroy")
                res.socket?.destroy();
            else
                res.end();
            return;
        }
        if (body.stream !== true)
            return json(res, 200, {id, object: "chat.completion", model: body.model, choices: [{index: 0, message: {role: "assistant", content: response.responseText}, finish_reason: finish}], usage});
        send(chunk({}, finish));
        if (body.stream_options?.include_usage === true)
            send({id, object: "chat.completion.chunk", model: body.model, choices: [], usage});
        res.end("data: [DONE]\n\n");
    } finally {
        await chat.dispose({disposeSequence: false});
    }
}

function json(res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, {"content-type": "application/json", ...headers});
    res.end(JSON.stringify(value));
}

function readBody(req: http.IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        const parts: Buffer[] = [];
        req.on("data", (part: Buffer) => parts.push(part));
        req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
        req.on("error", reject);
    });
}

if (process.argv[1] != null && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
    const {values} = parseArgs({options: {port: {type: "string", default: "0"}, model: {type: "string"}}});
    const server = await startTestServer({port: Number(values.port), ...(values.model != null ? {modelPath: path.resolve(values.model)} : {})});
    process.stdout.write(`listening on ${server.url}\n`);
    const stop = () => void server.close().then(() => process.exit(0));
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
}
