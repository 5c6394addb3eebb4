import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {ConversationSession} from "../../source/engine/ConversationSession.js";
import type {EngineEvent, GenerateOptions} from "../../source/engine/types.js";
import {extractPrototypeJson, isPrototypeSchemaValid} from "../../source/evaluation/prototypeMetrics.js";
import {OpenAIEngine, type OpenAIEngineOptions} from "../../source/llm/remote/OpenAIEngine.js";
import {ServerFailure} from "../../source/llm/remote/ServerFailure.js";
import {runEngineEvents} from "../engine/runEngine.js";
import {spawnTestServer, unusedLoopbackPort, type RunningTestServer} from "./spawnTestServer.js";

const catalog = loadCatalog();
const REQUEST = "Allow read-only access to S3 bucket customer-data";
let server: RunningTestServer;

beforeAll(async () => {
    server = await spawnTestServer();
});
afterAll(async () => {
    await server?.close();
});

function engineFor(baseUrl: string, options: Partial<OpenAIEngineOptions> = {}) {
    return OpenAIEngine.create({baseUrl, model: "test", apiKeyEnv: "OPENAI_API_KEY", catalog, constraint: "grammar", ...options});
}

const run = runEngineEvents;

/** The request's failure, which must be a `ServerFailure`. */
async function failure(engine: OpenAIEngine, options: GenerateOptions = {}): Promise<ServerFailure> {
    const error = await run(engine, REQUEST, new ConversationSession(), options).then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServerFailure);
    return error as ServerFailure;
}

/** The model's own output, as streamed (before any repair), has a policy's shape (the benchmark's "schema valid"). */
const schemaValid = (events: EngineEvent[]) => isPrototypeSchemaValid(extractPrototypeJson(streamedText(events))?.value);
const streamedText = (events: EngineEvent[]) => events.map((event) => event.type === "token" ? event.text : "").join("");

describe("OpenAIEngine against the test server", () => {
    it("asks the server which constraint it applies: the grammar here, none where it ignores both", async () => {
        expect((await engineFor(server.url, {constraint: "auto"})).constraint).toBe("grammar");
        expect((await engineFor(server.fault("junk"), {constraint: "auto"})).constraint).toBe("none");
    });

    it("streams the context, then tokens, then a checked policy, with the narrowed grammar sent and reported", async () => {
        const engine = await engineFor(server.url);
        const before = (await server.requests()).length;
        const {events, result} = await run(engine, REQUEST);
        expect(events[0]!.type).toBe("context");
        expect(events.at(-1)!.type).toBe("done");
        const tokens = events.slice(1, -1);
        expect(tokens.length).toBeGreaterThan(3);
        expect(tokens.every((event) => event.type === "token")).toBe(true);
        expect(result.engine).toBe("openai");
        expect(result.policy).not.toBeNull();
        expect(result.check?.findings.filter((finding) => finding.severity === "ERROR")).toEqual([]);
        expect(result.timings.tokens).toBeGreaterThan(0);
        expect(result.timings.timeToFirstTokenMs).toBeGreaterThan(0);
        expect(result.timings.tokensPerSecond).toBeGreaterThan(0);
        const sent = (await server.requests()).slice(before);
        expect(sent[0]!.stream).toBe(true);
        expect(sent[0]!.grammar).toContain("root ::=");
        // Narrowed to S3: the action tree starts with its prefix and holds no other service's.
        expect(sent[0]!.grammar).toContain("\"s3:");
        expect(sent[0]!.grammar).not.toContain("dynamodb:");
        expect(result.constraint).toEqual({kind: "grammar", bytes: Buffer.byteLength(sent[0]!.grammar!), services: ["s3"]});
        expect(sent[0]!.messages[0]!.role).toBe("system");
        expect(sent[0]!.messages.at(-1)!.content).toContain("Catalog context");
    });

    it("the random model's output is a schema-valid policy with the grammar or the JSON schema, and not without either", async () => {
        const withGrammar = await run(await engineFor(server.url), REQUEST);
        const before = (await server.requests()).length;
        const withSchema = await run(await engineFor(server.url, {constraint: "json-schema"}), REQUEST);
        const schemaRequest = (await server.requests())[before]!;
        const without = await run(await engineFor(server.url, {constraint: "none"}), REQUEST, new ConversationSession(), {maxTokens: 200});
        expect(schemaValid(withGrammar.events)).toBe(true);
        expect(schemaRequest.jsonSchema).toMatchObject({required: ["Version", "Statement"]});
        expect(schemaRequest.grammar).toBeNull();
        expect(withSchema.result.constraint?.kind).toBe("json-schema");
        expect(schemaValid(withSchema.events)).toBe(true);
        expect(without.result.constraint).toEqual({kind: "none", bytes: 0, services: ["s3"]});
        expect(without.result.policy).toBeNull();
        expect(schemaValid(without.events)).toBe(false);
    });

    it("refines as a continued conversation: the follow-up resends the whole history", async () => {
        const engine = await engineFor(server.url);
        const session = new ConversationSession();
        const first = await run(engine, REQUEST, session);
        session.record(first.result);
        const before = (await server.requests()).length;
        const second = await run(engine, "also allow deleting objects", session);
        const sent = (await server.requests())[before]!;
        expect(sent.messages.map((message) => message.role).slice(0, 3)).toEqual(["system", "user", "assistant"]);
        expect(sent.messages[1]!.content).toContain(REQUEST);
        expect(sent.messages.at(-1)!.content).toContain("also allow deleting objects");
        expect(engine.historyOf(session)!.length).toBeGreaterThan(sent.messages.length);
        expect(second.result.changeSummary).toMatch(/^(Added |Removed |Same actions|No change)/);
    });

    it("stops when the signal fires mid-stream, keeps the partial text, and the server sees the connection close", async () => {
        const engine = await engineFor(server.url, {constraint: "none"});
        const controller = new AbortController();
        let seen = 0;
        const before = (await server.requests()).length;
        const {events, result} = await run(engine, REQUEST, new ConversationSession(), {signal: controller.signal, maxTokens: 4000}, (event) => {
            if (event.type === "token" && ++seen === 3)
                controller.abort();
        });
        expect(result.aborted).toBe(true);
        expect(result.policy).toBeNull();
        expect(result.text).toBe(streamedText(events));
        await expect.poll(async () => (await server.requests())[before]?.clientLeft).toBe(true);
    });

    it("gives up on a server that never answers after the timeout, with one line", async () => {
        const error = await failure(await engineFor(server.fault("hang"), {timeoutSeconds: 0.3}));
        expect(error.kind).toBe("timeout");
        expect(error.message).toMatch(/^no answer from http:\/\/127\.0\.0\.1:\d+\/fault\/hang\/\w+\/v1 within 0\.3 s/);
        expect(error.message).not.toContain("\n");
    });

    it("waits as Retry-After says after a 429, then succeeds", async () => {
        const url = server.fault("429");
        const {result} = await run(await engineFor(url), REQUEST);
        expect(result.policy).not.toBeNull();
        const prefix = new URL(url).pathname.replace(/\/v1$/, "");
        const [refused, answered] = (await server.requests()).filter((request) => request.path.startsWith(prefix));
        // The server asked for one second.
        expect(answered!.receivedAt - refused!.receivedAt).toBeGreaterThanOrEqual(950);
    });

    it("retries a 500 three times, then fails with the status and how many times", async () => {
        const url = server.fault("500");
        const error = await failure(await engineFor(url));
        expect(error.message).toMatch(/answered HTTP 500 4 times: the test server fails on purpose$/);
        const prefix = new URL(url).pathname.replace(/\/v1$/, "");
        expect((await server.requests()).filter((request) => request.path.startsWith(prefix))).toHaveLength(4);
    });

    it("reports a server that ignores the grammar as a failure, not a result", async () => {
        const error = await failure(await engineFor(server.fault("junk")), {maxTokens: 200});
        expect(error.kind).toBe("junk");
        expect(error.message).toMatch(/ignored the grammar it was sent: its answer is not a JSON policy/);
    });

    it("reports a stream that stops half-way as truncated, whether the response ends or the connection drops", async () => {
        for (const mode of ["half", "cut"] as const) {
            const error = await failure(await engineFor(server.fault(mode)));
            expect(error.kind, mode).toBe("truncated");
            expect(error.message, mode).toMatch(/truncated/);
        }
    });

    it("says a refused connection in one line", async () => {
        const port = await unusedLoopbackPort();
        const error = await failure(await engineFor(`http://127.0.0.1:${port}/v1`));
        expect(error.message).toBe(`cannot reach http://127.0.0.1:${port}/v1: connection refused`);
    });
});
