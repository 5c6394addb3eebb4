// The model measurements, in their own process so that its peak resident memory is the model's
// and the product's, not the rest of the suite's. Reads a ModelWorkerRequest (JSON) from argv[2],
// writes progress to stderr and one ModelWorkerResult (JSON) to stdout.
import os from "node:os";
import {
    type ChatWrapper, getLlama, type Llama, LlamaChatSession, type LlamaContextSequence, type LlamaGrammar, LlamaGrammarEvaluationState,
    LlamaLogLevel, type LlamaModel, type Token, TokenBias
} from "node-llama-cpp";
import {loadCatalog} from "../../../source/catalog/index.js";
import {buildPolicyGrammar} from "../../../source/llm/grammar/policyGrammar.js";
import {type LoadedModel, ModelManager, type ModelOptions} from "../../../source/llm/ModelManager.js";
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
    if (request.mode === "probe")
        return probe();
    // Loaded as iam-gen loads it (threads, memory mapping, context), so the figures are the product's.
    const manager = new ModelManager();
    const options: ModelOptions = {
        modelPath: request.modelPath,
        gpu: request.gpu ? "auto" : false,
        gpuLayers: request.gpu ? "max" : 0,
        contextSize: 4096
    };
    const loadMs: number[] = [];
    let loaded: LoadedModel | undefined;
    for (let run = 0; run < request.runs; run++) {
        await manager.dispose();
        const start = performance.now();
        loaded = await manager.load(options);
        loadMs.push(performance.now() - start);
    }
    const {llama, model, sequence} = loaded!;
    if (request.gpu && llama.gpu !== "cuda")
        return {backend: {available: false, gpu: llama.gpu, reason: "no CUDA GPU on this machine"}};
    const backend = {available: true, gpu: llama.gpu, device: request.gpu ? (await llama.getGpuDeviceNames()).join(", ") : os.cpus()[0]?.model.trim()};
    log(`loaded in ${summarize(loadMs).median.toFixed(0)} ms, ${loaded!.options.threads} threads`);

    // Pages the weights in, so that the first timed run does not pay for it.
    await generate(sequence, model.tokenize("Warm up"), 4);
    await sequence.clearHistory();

    const catalog = loadCatalog();
    const [policyGrammar, policyGrammarMs] = await timeGrammar(llama, buildPolicyGrammar({catalog, actions: "free"}));
    const [catalogGrammar, catalogGrammarMs] = await timeGrammar(llama, buildPolicyGrammar({catalog}));
    const chat = await measureChat(sequence, loaded!.chatWrapper, catalogGrammar);
    const decode = await measureDecode(model, sequence, policyGrammar, catalogGrammar);
    const oneThread = request.gpu ? undefined : await measureOneThreadDecode(model);
    const grammarScaling = request.grammarScaling != null ? await measureGrammarScaling(llama, model, sequence, request.grammarScaling) : undefined;
    const vramUsedMiB = request.gpu ? await vramUsedByModel(llama, manager) : undefined;
    return {
        backend,
        threads: loaded!.options.threads,
        loadMs,
        ...chat,
        decode: {...decode, freeTextOneThread: oneThread},
        grammarBuildMs: {policyGrammar: policyGrammarMs, catalogGrammar: catalogGrammarMs},
        grammarScaling,
        peakRssMiB: process.resourceUsage().maxRSS / 1024,
        vramUsedMiB
    };
}

/** The card's used memory with the model loaded (weights, context, compute buffers, after decoding) minus after it is disposed. */
async function vramUsedByModel(llama: Llama, manager: ModelManager) {
    const loaded = (await llama.getVramState()).used;
    await manager.dispose();
    const unloaded = (await llama.getVramState()).used;
    return (loaded - unloaded) / 2 ** 20;
}

async function probe(): Promise<ModelWorkerResult> {
    try {
        const llama = await getLlama({gpu: request.gpu ? "cuda" : false, build: "never", logLevel: LlamaLogLevel.error});
        if (request.gpu && llama.gpu !== "cuda")
            return {backend: {available: false, gpu: llama.gpu, reason: "no CUDA GPU on this machine"}};
        return {backend: {available: true, gpu: llama.gpu, device: request.gpu ? (await llama.getGpuDeviceNames()).join(", ") : os.cpus()[0]?.model.trim()}};
    } catch (error) {
        return {backend: {available: false, gpu: false, reason: request.gpu ? `no usable CUDA GPU (node-llama-cpp: ${firstLine(error)})` : firstLine(error)}};
    }
}

/**
 * Free-text decode on one thread, in a second context: with what one core's copy bandwidth allows,
 * it tells whether llama.cpp's kernels are limited by memory or by arithmetic on this machine.
 */
async function measureOneThreadDecode(model: LlamaModel) {
    const context = await model.createContext({contextSize: 1024, threads: 1});
    try {
        const sequence = context.getSequence();
        const promptTokens = model.tokenize(`${request.prompt.system}\n\n${request.prompt.request}`);
        await evaluatePrefix(sequence, promptTokens);
        const runs: DecodeRun[] = [];
        for (let run = 0; run < request.runs; run++)
            runs.push(await decodeAfter(sequence, model, promptTokens, {}, request.decodeTokens));
        log(`decode freeText, 1 thread: ${(1000 / summarize(runs.map((run) => run.ms / run.tokens)).median).toFixed(1)} tokens/s`);
        return runs;
    } finally {
        await context.dispose();
    }
}

/**
 * Time to first token of a new conversation, then of a follow-up in the same session (the
 * context's cache holds the conversation) and in a fresh session given the same history. Answers
 * are decoded under the whole-catalog grammar, as the engine decodes them.
 */
async function measureChat(sequence: LlamaContextSequence, chatWrapper: ChatWrapper, grammar: LlamaGrammar) {
    const {system, request: userRequest, followUp} = request.prompt;
    const ttftMs: number[] = [];
    const refinementSameSessionMs: number[] = [];
    const refinementFreshSessionMs: number[] = [];
    let promptTokens = 0;
    let refinementSameSessionTokens = 0;
    let refinementFreshSessionTokens = 0;
    for (let run = 0; run < request.runs; run++) {
        await sequence.clearHistory();
        const session = new LlamaChatSession({contextSequence: sequence, chatWrapper, systemPrompt: system, autoDisposeSequence: false});
        const first = await timeToFirstToken(sequence, session, userRequest, grammar, request.answerTokens);
        ttftMs.push(first.ms);
        promptTokens = first.evaluatedTokens;
        const history = session.getChatHistory();
        const same = await timeToFirstToken(sequence, session, followUp, grammar, 1);
        refinementSameSessionMs.push(same.ms);
        refinementSameSessionTokens = same.evaluatedTokens;
        session.dispose({disposeSequence: false});

        await sequence.clearHistory();
        const fresh = new LlamaChatSession({contextSequence: sequence, chatWrapper, autoDisposeSequence: false});
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

/**
 * Decode speed after the real prompt: free text, the policy grammar without the action list, and
 * the whole-catalog grammar, each as the random model decodes (its first choice almost never fits
 * the grammar, so llama.cpp filters the whole vocabulary at every token: the grammar's worst case);
 * then free text and the whole-catalog grammar again with the model led through the reference
 * policy (its first choice fits, as a trained model's mostly does), the same tokens both times.
 */
async function measureDecode(model: LlamaModel, sequence: LlamaContextSequence, policyGrammar: LlamaGrammar, catalogGrammar: LlamaGrammar) {
    const promptTokens = model.tokenize(`${request.prompt.system}\n\n${request.prompt.request}`);
    const reference = model.tokenize(request.prompt.reference, false, "trimLeadingSpace");
    const variants = {
        freeText: {},
        policyGrammar: {grammar: policyGrammar},
        catalogGrammar: {grammar: catalogGrammar},
        guidedFreeText: {reference},
        guidedCatalogGrammar: {grammar: catalogGrammar, reference}
    } satisfies Record<string, DecodeOptions>;
    const decode = Object.fromEntries(Object.keys(variants).map((name) => [name, [] as DecodeRun[]])) as Record<keyof typeof variants, DecodeRun[]>;
    await evaluatePrefix(sequence, promptTokens);
    for (let run = 0; run < request.runs; run++) {
        for (const [name, options] of Object.entries(variants) as Array<[keyof typeof variants, DecodeOptions]>) {
            decode[name].push(await decodeAfter(sequence, model, promptTokens, options, request.decodeTokens));
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
            runs.push(await decodeAfter(sequence, model, promptTokens, {grammar}, tokens));
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

interface DecodeOptions {
    grammar?: LlamaGrammar;
    /** Tokens to lead the model through: each step's token gets a bias no random logit can beat. */
    reference?: Token[];
}

/**
 * Rolls the sequence back to the cached prompt and decodes up to `tokens` tokens; a grammar or
 * reference that completes (a random model can close the policy early) starts a new run from the
 * prompt, so every run times the same number of tokens.
 */
async function decodeAfter(sequence: LlamaContextSequence, model: LlamaModel, promptTokens: Token[], {grammar, reference}: DecodeOptions, tokens: number): Promise<DecodeRun> {
    const biases = reference?.map((token) => new TokenBias(model.tokenizer).set(token, {logit: 1000}));
    let generated = 0;
    let ms = 0;
    while (generated < tokens) {
        const cached = promptTokens.length - 1;
        if (sequence.nextTokenIndex > cached)
            await sequence.eraseContextTokenRanges([{start: cached, end: sequence.nextTokenIndex}]);
        const grammarEvaluationState = grammar != null ? new LlamaGrammarEvaluationState({model, grammar}) : undefined;
        const maxTokens = Math.min(tokens - generated, reference?.length ?? Infinity);
        const start = performance.now();
        const produced = await generate(sequence, promptTokens.slice(-1), maxTokens, grammarEvaluationState, biases);
        ms += performance.now() - start;
        generated += produced.length;
        if (produced.length === 0)
            throw new Error("The model generated nothing");
        if (reference != null && produced.some((token, index) => token !== reference[index]))
            throw new Error(`The model left the reference policy after ${produced.findIndex((token, index) => token !== reference[index])} tokens: the grammar rejects it`);
    }
    return {tokens: generated, ms};
}

async function generate(sequence: LlamaContextSequence, input: Token[], maxTokens: number, grammarEvaluationState?: LlamaGrammarEvaluationState, biases?: TokenBias[]) {
    const produced: Token[] = [];
    const tokenBias = biases == null ? undefined : () => biases[produced.length]!;
    for await (const token of sequence.evaluate(input, {...SAMPLING, grammarEvaluationState, tokenBias})) {
        produced.push(token);
        if (produced.length >= maxTokens)
            break;
    }
    return produced;
}

function firstLine(error: unknown) {
    return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}
