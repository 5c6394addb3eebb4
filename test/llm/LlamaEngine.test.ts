import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {ConversationSession} from "../../source/engine/ConversationSession.js";
import type {EngineEvent, GenerateOptions, GenerationResult} from "../../source/engine/types.js";
import {LlamaEngine} from "../../source/llm/LlamaEngine.js";
import {normalizePolicy} from "../../source/policy/index.js";
import type {PolicyDocument} from "../../source/policy/types.js";
import {runEngineEvents} from "../engine/runEngine.js";
import {TEST_LORA_PATH, TEST_MODEL_PATH} from "../setup/testModel.js";

const catalog = loadCatalog();
const REQUEST = "Allow read-only access to S3 bucket customer-data";
let engine: LlamaEngine;

beforeAll(async () => {
    engine = await LlamaEngine.create({modelPath: TEST_MODEL_PATH, threads: 1});
});
afterAll(async () => {
    await engine?.dispose();
});

function run(request: string, session = new ConversationSession(), options: GenerateOptions = {}, onEvent?: (event: EngineEvent) => void) {
    return runEngineEvents(engine, request, session, options, onEvent);
}

function actionsOf(policy: PolicyDocument) {
    const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
    return statements.flatMap((statement) => [statement.Action ?? [], statement.NotAction ?? []].flat());
}

function expectValidCatalogPolicy(result: GenerationResult) {
    expect(result.engine).toBe("llama");
    expect(result.policy).not.toBeNull();
    expect(result.check?.findings.filter((finding) => finding.severity === "ERROR")).toEqual([]);
    const actions = actionsOf(result.policy!);
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) {
        expect(action).not.toBe("*");
        expect(catalog.expand(action).length, action).toBeGreaterThan(0);
    }
}

describe("LlamaEngine on the generated test model", () => {
    it("streams the retrieval context, then tokens, then a checked policy with timings", async () => {
        const {events, result} = await run(REQUEST);
        expect(events[0]!.type).toBe("context");
        expect(events.at(-1)!.type).toBe("done");
        const tokens = events.slice(1, -1);
        expect(tokens.length).toBeGreaterThan(3);
        expect(tokens.every((event) => event.type === "token")).toBe(true);
        const streamed = tokens.map((event) => event.type === "token" ? event.text : "").join("");
        expect(JSON.parse(streamed)).toMatchObject({Version: "2012-10-17"});
        expectValidCatalogPolicy(result);
        expect(result.context?.services.map((service) => service.prefix)).toContain("s3");
        expect(result.timings.tokens).toBeGreaterThan(0);
        expect(result.timings.timeToFirstTokenMs).toBeGreaterThan(0);
        expect(result.timings.tokensPerSecond).toBeGreaterThan(0);
        expect(result.aborted).toBeUndefined();
        expect(result.truncated).toBeUndefined();
    });

    it("verifies the result and, when probes fail, gives the model one repair turn in the same chat", async () => {
        const session = new ConversationSession();
        const {events, result} = await run(REQUEST, session);
        const verification = result.verification!;
        expect(verification.probes).toBeGreaterThan(0);
        // The random-weight model misses what was asked, the same way each time (greedy decoding).
        expect(verification.failed.length).toBeGreaterThan(0);
        const users = engine.chatOf(session)!.getChatHistory().filter((item) => item.type === "user");
        expect(users).toHaveLength(2);
        expect(users[1]!.text).toContain("should be allowed");
        expect(verification.repair?.failedBefore).toBeGreaterThan(0);
        // Only the first answer is streamed; the repair is kept only when it fails fewer probes.
        const streamed = events.filter((event) => event.type === "token").map((event) => event.type === "token" ? event.text : "").join("");
        if (verification.repair?.kept === false)
            expect(result.policy).toEqual(normalizePolicy(JSON.parse(streamed), {catalog, repair: true}).policy);
        else
            expect(verification.failed.length).toBeLessThan(verification.repair!.failedBefore);
    });

    it("decodes greedily: the same request gives the same policy", async () => {
        const first = await run(REQUEST);
        const second = await run(REQUEST);
        expect(second.result.text).toBe(first.result.text);
    });

    it("keeps the partial text and marks the result aborted when the signal fires mid-stream", async () => {
        const controller = new AbortController();
        let seen = 0;
        const {events, result} = await run(REQUEST, new ConversationSession(), {signal: controller.signal}, (event) => {
            if (event.type === "token" && ++seen === 3)
                controller.abort();
        });
        expect(result.aborted).toBe(true);
        expect(result.policy).toBeNull();
        expect(result.text.length).toBeGreaterThan(0);
        expect(result.text).toBe(events.filter((event) => event.type === "token").map((event) => event.type === "token" ? event.text : "").join(""));
        expect(result.message).toMatch(/partial/);
    });

    it("returns an aborted result, not an error, when the signal fired before generation", async () => {
        const {result} = await run(REQUEST, new ConversationSession(), {signal: AbortSignal.abort()});
        expect(result.aborted).toBe(true);
        expect(result.policy).toBeNull();
    });

    it("marks a maxTokens cut as truncated with a clear message", async () => {
        const {result} = await run(REQUEST, new ConversationSession(), {maxTokens: 6});
        expect(result.truncated).toBe(true);
        expect(result.policy).toBeNull();
        expect(result.timings.tokens).toBe(6);
        expect(result.message).toMatch(/6-token limit.*--max-tokens/);
    });

    it("continues the conversation for a refinement without re-evaluating its history", async () => {
        const session = new ConversationSession();
        const first = await run(REQUEST, session);
        session.record(first.result);
        const sequence = engine.loaded.sequence;
        const inputBefore = sequence.tokenMeter.usedInputTokens;
        const second = await run("also allow deleting objects", session);
        session.record(second.result);
        const evaluated = sequence.tokenMeter.usedInputTokens - inputBefore;
        const history = engine.chatOf(session)!.getChatHistory();
        const repairTurns = [first, second].filter((turn) => turn.result.verification?.repair != null).length;
        expect(history.filter((item) => item.type === "user")).toHaveLength(2 + repairTurns);
        // Only the follow-up (and the model's answer) is new; the system prompt, the request with its context and the first answer are cached.
        expect(evaluated).toBeLessThan(sequence.nextTokenIndex / 2);
        expectValidCatalogPolicy(second.result);
        expect(second.result.changeSummary).toMatch(/^(Added |Removed |Same actions|No change)/);
    });

    it("puts the retrieval context in the prompt only with RAG on, and both results are valid", async () => {
        const withRag = new ConversationSession();
        const withoutRag = new ConversationSession();
        const rag = await run(REQUEST, withRag, {rag: true});
        const noRag = await run(REQUEST, withoutRag, {rag: false});
        const userText = (session: ConversationSession) => engine.chatOf(session)!.getChatHistory().find((item) => item.type === "user")!.text;
        expect(userText(withRag)).toContain("Catalog context");
        expect(userText(withRag)).toContain("s3:GetObject");
        expect(userText(withoutRag)).not.toContain("Catalog context");
        expect(noRag.events[0]).toEqual({type: "context", context: null});
        expect(rag.result.rag).toBe(true);
        expect(noRag.result.rag).toBe(false);
        expectValidCatalogPolicy(rag.result);
        expectValidCatalogPolicy(noRag.result);
    });

    it("answers a request without words with nothing to grant, without running the model", async () => {
        const {events, result} = await run(" \n🙂 ");
        expect(events.map((event) => event.type)).toEqual(["context", "done"]);
        expect(result.policy).toBeNull();
        expect(result.message).toMatch(/^Nothing to grant/);
    });

    it("loads a LoRA adapter on top of the model", async () => {
        const withLora = await LlamaEngine.create({modelPath: TEST_MODEL_PATH, lora: TEST_LORA_PATH, threads: 1});
        try {
            let result: GenerationResult | undefined;
            for await (const event of withLora.generate(REQUEST, new ConversationSession(), {maxTokens: 200}))
                if (event.type === "done")
                    result = event.result;
            expect(withLora.loaded.options.lora).toBe(TEST_LORA_PATH);
            expect(result!.timings.tokens).toBeGreaterThan(0);
        } finally {
            await withLora.dispose();
        }
    });
});
