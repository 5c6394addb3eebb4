// The model measurements, in their own process so that its peak resident memory is the model's
// and the product's, not the rest of the suite's. Reads a ModelWorkerRequest (JSON) from argv[2],
// writes progress to stderr and one ModelWorkerResult (JSON) to stdout.
import os from "node:os";
import {
    getLlama, type Llama, LlamaChatSession, type LlamaContextSequence, type LlamaGrammar, LlamaGrammarEvaluationState,
    LlamaLogLevel, type LlamaModel, type Token
} from "node-llama-cpp";
import {loadCatalog} from "../../../source/catalog/index.js";
import {buildPolicyGrammar} from "../../../source/llm/grammar/policyGrammar.js";
import {actionArrayGrammar} from "../grammar.js";
import {summarize} from "../measure.js";
import type {DecodeRun, ModelWorkerRequest, ModelWorkerResult} from "./protocol.js";

const request = JSON.parse(process.argv[2]!) as ModelWorkerRequest;
const log = (message: string) => process.stderr.write(`    ${message}\n`);

// As the LLM engine decodes: greedy, no repeat penalty. Grammar cost depends on it: the sampler
// tries the chosen token first and filters the whole vocabulary only when the grammar rejects it,
// which with random weights is almost always, so these figures are the grammar's worst case.
const SAMPLING = {temperature: 0} as const;

const result = await measure();
process.stdout.write(JSON.stringify(result) + "\n");
process.exit(0);

async function measure(): Promise<ModelWorkerResult> {
    let llama: Llama;
    try {
        llama = await getLlama({gpu: request.gpu ? "cuda" : false, build: "never", logLevel: LlamaLogLevel.error});
    } catch (error) {
        return {backend: {available: false, gpu: false, reason: request.gpu ? `no usable CUDA GPU (node-llama-cpp: ${firstLine(error)})` : firstLine(error)}};
    }
    if (request.gpu && llama.gpu !== "cuda")
        return {backend: {available: false, gpu: llama.gpu, reason: "no CUDA GPU on this machine"}};
    const device = request.gpu ? (await llama.getGpuDeviceNames()).join(", ") : os.cpus()[0]?.model.trim();
    const backend = {available: true, gpu: llama.gpu, device};
    if (request.mode === "probe")
        return {backend};

    const loadMs: number[] = [];
    let model: LlamaModel | undefined;
    for (let run = 0; run < request.runs; run++) {
        await model?.dispose();
        const start = performance.now();
        model = await llama.loadModel({modelPath: request.modelPath, gpuLayers: request.gpu ? "max" : 0});
        loadMs.push(performance.now() - start);
    }
    log(`loaded in ${summarize(loadMs).median.toFixed(0)} ms`);
    const context = await model!.createContext({contextSize: 4096, threads: request.threads});
    const sequence = context.getSequence();

    // Pages the weights in, so that the first timed run does not pay for it.
    await generate(sequence, model!.tokenize("Warm up"), 4);
    await sequence.clearHistory();

    const catalog = loadCatalog();
    const [policyGrammar, policyGrammarMs] = await timeGrammar(llama, buildPolicyGrammar({catalog, actions: "free"}));
    const [catalogGrammar, catalogGrammarMs] = await timeGrammar(llama, buildPolicyGrammar({catalog}));
    const chat = await measureChat(sequence, catalogGrammar);
    const decode = await measureDecode(model!, sequence, policyGrammar, catalogGrammar);
    const grammarScaling = request.grammarScaling != null ? await measureGrammarScaling(llama, model!, sequence, request.grammarScaling) : undefined;
    return {
        backend,
        loadMs,
        ...chat,
        decode,
        grammarBuildMs: {policyGrammar: policyGrammarMs, catalogGrammar: catalogGrammarMs},
        grammarScaling,
        peakRssMiB: process.resourceUsage().maxRSS / 1024
    };
}

/**
 * Time to first token of a new conversation, then of a follow-up in the same session (the
 * context's cache holds the conversation) and in a fresh session given the same history. Answers
 * are decoded under the whole-catalog grammar, as the engine decodes them.
 */
async function measureChat(sequence: LlamaContextSequence, grammar: LlamaGrammar) {
    const {system, request: userRequest, followUp} = request.prompt;
    const ttftMs: number[] = [];
    const refinementSameSessionMs: number[] = [];
    const refinementFreshSessionMs: number[] = [];
    let promptTokens = 0;
    let refinementSameSessionTokens = 0;
    let refinementFreshSessionTokens = 0;
    for (let run = 0; run < request.runs; run++) {
        await sequence.clearHistory();
        const session = new LlamaChatSession({contextSequence: sequence, systemPrompt: system, autoDisposeSequence: false});
        const first = await timeToFirstToken(sequence, session, userRequest, grammar, request.answerTokens);
        ttftMs.push(first.ms);
        promptTokens = first.evaluatedTokens;
        const history = session.getChatHistory();
        const same = await timeToFirstToken(sequence, session, followUp, grammar, 1);
        refinementSameSessionMs.push(same.ms);
        refinementSameSessionTokens = same.evaluatedTokens;
        session.dispose({disposeSequence: false});

        await sequence.clearHistory();
        const fresh = new LlamaChatSession({contextSequence: sequence, autoDisposeSequence: false});
        fresh.setChatHistory(history);
        const freshRun = await timeToFirstToken(sequence, fresh, followUp, grammar, 1);
        refinementFreshSessionMs.push(freshRun.ms);
        refinementFreshSessionTokens = freshRun.evaluatedTokens;
        fresh.dispose({disposeSequence: false});
        log(`chat run ${run + 1}: first token ${first.ms.toFixed(0)} ms, refinement ${same.ms.toFixed(0)} ms ` +
            `(same session, ${same.evaluatedTokens} tokens evaluated) vs ${freshRun.ms.toFixed(0)} ms (fresh, ${freshRun.evaluatedTokens} tokens)`);
    }
    await sequence.clearHistory();
    return {promptTokens, ttftMs, refinementSameSessionMs, refinementFreshSessionMs, refinementSameSessionTokens, refinementFreshSessionTokens};
}

/** Milliseconds to the first generated token, and how many input tokens were evaluated for it. */
async function timeToFirstToken(sequence: LlamaContextSequence, session: LlamaChatSession, text: string, grammar: LlamaGrammar, maxTokens: number) {
    const inputBefore = sequence.tokenMeter.usedInputTokens;
    let evaluatedTokens = 0;
    const start = performance.now();
    let first: number | undefined;
    await session.prompt(text, {
        ...SAMPLING,
        repeatPenalty: false,
        grammar,
        maxTokens,
        onToken: () => {
            if (first == null) {
                first = performance.now() - start;
                evaluatedTokens = sequence.tokenMeter.usedInputTokens - inputBefore;
            }
        }
    });
    return {ms: first ?? performance.now() - start, evaluatedTokens};
}

/** Decode speed after the real prompt: free text, the policy grammar without the action list, and the whole-catalog grammar. */
async function measureDecode(model: LlamaModel, sequence: LlamaContextSequence, policyGrammar: LlamaGrammar, catalogGrammar: LlamaGrammar) {
    const promptTokens = model.tokenize(`${request.prompt.system}\n\n${request.prompt.request}`);
    const variants = {freeText: undefined, policyGrammar, catalogGrammar};
    const decode = {freeText: [] as DecodeRun[], policyGrammar: [] as DecodeRun[], catalogGrammar: [] as DecodeRun[]};
    await evaluatePrefix(sequence, promptTokens);
    for (let run = 0; run < request.runs; run++) {
        for (const [name, grammar] of Object.entries(variants) as Array<[keyof typeof decode, LlamaGrammar | undefined]>) {
            decode[name].push(await decodeAfter(sequence, model, promptTokens, grammar, request.decodeTokens));
            const last = decode[name].at(-1)!;
            log(`decode ${name}: ${(last.tokens / last.ms * 1000).toFixed(1)} tokens/s`);
        }
    }
    await sequence.clearHistory();
    return decode;
}

/**
 * Grammar cost per token against the number of allowed actions: an endless JSON array of action
 * names as the catalog grammar writes them (a prefix tree), so every token is inside the list.
 */
async function measureGrammarScaling(llama: Llama, model: LlamaModel, sequence: LlamaContextSequence, {actionCounts, tokens}: {actionCounts: number[]; tokens: number}) {
    const actions = loadCatalog().allActions.map((action) => `${action.service}:${action.name}`);
    const promptTokens = model.tokenize(`${request.prompt.system}\n\n${request.prompt.request}`);
    await evaluatePrefix(sequence, promptTokens);
    const points: Array<{actions: number | "free"; runs: DecodeRun[]}> = [];
    for (const count of [...actionCounts, "free" as const]) {
        const [grammar] = await timeGrammar(llama, actionArrayGrammar(count === "free" ? undefined : spread(actions, count)));
        const runs: DecodeRun[] = [];
        for (let run = 0; run < request.runs; run++)
            runs.push(await decodeAfter(sequence, model, promptTokens, grammar, tokens));
        points.push({actions: count, runs});
        log(`action list of ${count}: ${(summarize(runs.map((run) => run.ms / run.tokens)).median).toFixed(1)} ms/token`);
    }
    await sequence.clearHistory();
    return points;
}

/** `count` actions spread evenly over the catalog, so every size mixes many services. */
function spread(actions: string[], count: number) {
    if (count >= actions.length)
        return actions;
    return Array.from({length: count}, (_, index) => actions[Math.floor(index * actions.length / count)]!);
}

async function timeGrammar(llama: Llama, gbnf: string): Promise<[LlamaGrammar, number]> {
    const start = performance.now();
    const grammar = await llama.createGrammar({grammar: gbnf});
    return [grammar, performance.now() - start];
}

/** Puts all but the last prompt token in the cache; each decode run starts by evaluating the last one. */
async function evaluatePrefix(sequence: LlamaContextSequence, promptTokens: Token[]) {
    await sequence.clearHistory();
    await sequence.evaluateWithoutGeneratingNewTokens(promptTokens.slice(0, -1));
}

/**
 * Rolls the sequence back to the cached prompt and decodes up to `tokens` tokens; a grammar that
 * completes (a random model can close the policy early) starts a new run from the prompt, so
 * every run times the same number of tokens.
 */
async function decodeAfter(sequence: LlamaContextSequence, model: LlamaModel, promptTokens: Token[], grammar: LlamaGrammar | undefined, tokens: number): Promise<DecodeRun> {
    let generated = 0;
    let ms = 0;
    while (generated < tokens) {
        const cached = promptTokens.length - 1;
        if (sequence.nextTokenIndex > cached)
            await sequence.eraseContextTokenRanges([{start: cached, end: sequence.nextTokenIndex}]);
        const grammarEvaluationState = grammar != null ? new LlamaGrammarEvaluationState({model, grammar}) : undefined;
        const start = performance.now();
        const count = await generate(sequence, promptTokens.slice(-1), tokens - generated, grammarEvaluationState);
        ms += performance.now() - start;
        generated += count;
        if (count === 0)
            throw new Error("The model generated nothing");
    }
    return {tokens: generated, ms};
}

async function generate(sequence: LlamaContextSequence, input: Token[], maxTokens: number, grammarEvaluationState?: LlamaGrammarEvaluationState) {
    let count = 0;
    for await (const token of sequence.evaluate(input, {...SAMPLING, grammarEvaluationState})) {
        void token;
        if (++count >= maxTokens)
            break;
    }
    return count;
}

function firstLine(error: unknown) {
    return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}
