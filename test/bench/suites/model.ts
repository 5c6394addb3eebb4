import {spawn} from "node:child_process";
import {statSync} from "node:fs";
import path from "node:path";
import {refinementPrompt, requestPrompt, SYSTEM_PROMPT} from "../../../source/llm/prompt.js";
import {CatalogEngine} from "../../../source/engine/catalog/CatalogEngine.js";
import {ConversationSession} from "../../../source/engine/ConversationSession.js";
import {similarManagedPolicies} from "../../../source/llm/similarManagedPolicies.js";
import {policyStatements} from "../../../source/policy/statements.js";
import type {PolicyDocument} from "../../../source/policy/types.js";
import {retrieve} from "../../../source/retrieval/index.js";
import {type BenchContext, packageRoot} from "../context.js";
import {summarize} from "../measure.js";
import {BENCH_MODELS, type BenchModel, ensureBenchModel} from "../model/models.js";
import type {BenchPrompt, DecodeRun, ModelWorkerRequest, ModelWorkerResult} from "../model/protocol.js";

// From the sources the worker runs under tsx; in the GPU kit's bundle it is plain JavaScript beside the bench.
const workerArguments = import.meta.url.endsWith(".ts")
    ? ["--import", "tsx", path.join(packageRoot, "test", "bench", "model", "worker.ts")]
    : [path.join(packageRoot, "test", "bench", "worker.mjs")];

/** Allowed-action counts for the grammar cost chart: from a narrowed grammar to the whole catalog. */
const ACTION_COUNTS = [50, 200, 1000, 5000, 22_091];

const REQUEST = "Allow a Lambda function to read from DynamoDB table users and write logs to CloudWatch";
const FOLLOW_UP = "Also restrict it to us-east-1";

/**
 * The conversation the model paths are timed on, as the LLM engine writes it: the system prompt,
 * the request with its retrieval context and a similar managed policy, then a follow-up. The
 * engine shows the model its previous policy again only when the checks changed it; here they did
 * not, so the follow-up carries only its own retrieval context. The reference answer is the
 * catalog engine's policy for the request, in the engine's display format.
 */
export async function benchPrompt(): Promise<BenchPrompt> {
    const context = retrieve(REQUEST);
    const generator = new CatalogEngine().generate(REQUEST, new ConversationSession());
    let step = await generator.next();
    while (step.done !== true)
        step = await generator.next();
    return {
        system: SYSTEM_PROMPT,
        request: requestPrompt(REQUEST, context, similarManagedPolicies(context, 1)),
        followUp: refinementPrompt(FOLLOW_UP, null, retrieve(FOLLOW_UP)),
        reference: asTheGrammarWritesIt(step.value.policy!)
    };
}

/** The policy as the grammar has the model write it: Action and Resource always as lists. */
function asTheGrammarWritesIt(policy: PolicyDocument) {
    const statements = policyStatements(policy).map((statement) => Object.fromEntries(Object.entries(statement)
        .map(([key, value]) => [key, LIST_FIELDS.has(key) && !Array.isArray(value) ? [value] : value])));
    return JSON.stringify({...policy, Statement: statements}, null, 2);
}

const LIST_FIELDS = new Set(["Action", "NotAction", "Resource", "NotResource"]);

/** The model paths on the CPU: the ~1B shape in Q4_0 and in Q8_0 (on a few cores the first is limited by arithmetic, the second by memory). */
export const CPU_MODEL_RUNS = [
    {model: BENCH_MODELS.llama1b, grammarScaling: true},
    {model: BENCH_MODELS.llama1bQ8, grammarScaling: false}
] as const;

/** The model paths on a CUDA GPU: the 7B shape the prototype was measured on first (a run stopped early keeps it), then the 1B shapes. */
export const GPU_MODELS = [BENCH_MODELS.mistral7b, BENCH_MODELS.llama1b, BENCH_MODELS.llama1bQ8] as const;

/** Whether node-llama-cpp's CUDA build loads here; without it the GPU rows are skipped, each saying why. */
export async function probeGpu(context: BenchContext, prompt: BenchPrompt) {
    const probe = await runWorker(context, {...workerRequest(context, "", prompt, false), mode: "probe", gpu: true});
    if (probe.backend.available)
        return {available: true, device: probe.backend.device};
    const reason = probe.backend.reason ?? "no GPU";
    context.log(`--gpu: ${reason}; skipping the GPU runs`);
    for (const model of GPU_MODELS)
        context.results.skip(`model.gpu.${model.id}`, `Model on GPU: ${model.label}`, "All model figures", "", reason);
    return {available: false, note: reason};
}

function workerRequest(context: BenchContext, modelPath: string, prompt: BenchPrompt, scaling: boolean): ModelWorkerRequest {
    return {
        mode: "measure",
        gpu: false,
        modelPath,
        runs: context.quick ? 2 : 5,
        decodeTokens: context.quick ? 32 : 128,
        answerTokens: 96,
        prompt,
        grammarScaling: scaling ? {actionCounts: ACTION_COUNTS, tokens: context.quick ? 12 : 48} : undefined
    };
}

/** The prototype's stack decodes the 7B shape at 11.8 tokens/s on an H200; the target is 10× that with the catalog grammar on (guided: as a trained model decodes). */
const GPU_7B_TARGET = {op: "≥", value: 118} as const;

export interface ModelRun {
    gpu: boolean;
    /** Also measure grammar cost per token against the number of allowed actions. */
    grammarScaling: boolean;
    /** The machine's (or on the GPU, the card's) bandwidth in bytes/s, for the decode ceiling; one thread's, for the 1-thread rows. */
    bandwidth?: {best: number; oneThread?: number};
}

export async function measureModel(context: BenchContext, model: BenchModel, prompt: BenchPrompt, {gpu, grammarScaling, bandwidth}: ModelRun) {
    const modelPath = ensureBenchModel(model, context.log);
    const modelBytes = statSync(modelPath).size;
    const result = await runWorker(context, {...workerRequest(context, modelPath, prompt, grammarScaling), gpu});
    const where = gpu ? "GPU" : `CPU, ${result.threads} threads`;
    const group = `Model: ${model.label} (${(modelBytes / 2 ** 30).toFixed(2)} GiB), ${where}`;
    const key = `model.${gpu ? "gpu" : "cpu"}.${model.id}`;
    const {results} = context;

    results.timing(`${key}.load`, group, "Load time (file to ready context)", summarize(result.loadMs!));
    results.timing(`${key}.ttft`, group, "Time to first token, new conversation", summarize(result.ttftMs!),
        {note: `${result.promptTokens} prompt tokens: system prompt, retrieval context, request`});

    const decode = result.decode!;
    const rates = {
        freeText: decodeRate(decode.freeText),
        policyGrammar: decodeRate(decode.policyGrammar),
        catalogGrammar: decodeRate(decode.catalogGrammar),
        guidedFreeText: decodeRate(decode.guidedFreeText),
        guidedCatalogGrammar: decodeRate(decode.guidedCatalogGrammar)
    };
    const worst = "random model: its first choice rejected, the whole vocabulary filtered";
    results.value(`${key}.decode.freeText`, group, "Decode, free text", "tokens/s", rates.freeText.median, rates.freeText.extra);
    results.value(`${key}.decode.policyGrammar`, group, "Decode, policy grammar without the action list", "tokens/s", rates.policyGrammar.median,
        {...rates.policyGrammar.extra, note: worst});
    results.value(`${key}.decode.catalogGrammar`, group, "Decode, whole-catalog grammar, worst case", "tokens/s", rates.catalogGrammar.median,
        {...rates.catalogGrammar.extra, note: worst});
    results.value(`${key}.decode.catalogVsFree`, group, "Whole-catalog grammar ÷ free text, worst case", "%",
        100 * rates.catalogGrammar.median / rates.freeText.median);
    const guided = "led through the reference policy's tokens: the first choice fits, as a trained model's";
    results.value(`${key}.decode.guidedFreeText`, group, "Decode, free text, guided", "tokens/s", rates.guidedFreeText.median,
        {...rates.guidedFreeText.extra, note: guided});
    results.value(`${key}.decode.guidedCatalogGrammar`, group, "Decode, whole-catalog grammar, guided", "tokens/s", rates.guidedCatalogGrammar.median,
        {...rates.guidedCatalogGrammar.extra, note: guided,
            ...gpu && model === BENCH_MODELS.mistral7b ? {target: GPU_7B_TARGET} : {}});
    results.value(`${key}.decode.guidedCatalogVsFree`, group, "Whole-catalog grammar ÷ free text, guided (same tokens)", "%",
        100 * rates.guidedCatalogGrammar.median / rates.guidedFreeText.median, {target: {op: "≥", value: 80}});
    if (bandwidth != null) {
        const ceiling = bandwidth.best / modelBytes;
        results.value(`${key}.ceiling`, group, "Decode ceiling: bandwidth ÷ model bytes", "tokens/s", ceiling);
        results.value(`${key}.decode.freeTextVsCeiling`, group, "Free-text decode ÷ ceiling (llama.cpp alone)", "%",
            100 * rates.freeText.median / ceiling);
        results.value(`${key}.decode.catalogVsCeiling`, group, "Whole-catalog grammar decode ÷ ceiling, worst case", "%",
            100 * rates.catalogGrammar.median / ceiling);
        results.value(`${key}.decode.guidedCatalogVsCeiling`, group, "Whole-catalog grammar decode ÷ ceiling, guided", "%",
            100 * rates.guidedCatalogGrammar.median / ceiling, {target: {op: "≥", value: 60}});
    }
    const oneThreadRuns = result.decode!.freeTextOneThread;
    if (oneThreadRuns != null) {
        const oneThread = decodeRate(oneThreadRuns);
        results.value(`${key}.decode.freeTextOneThread`, group, "Decode, free text, 1 thread", "tokens/s", oneThread.median, oneThread.extra);
        if (bandwidth?.oneThread != null) {
            const share = 100 * oneThread.median * modelBytes / bandwidth.oneThread;
            results.value(`${key}.decode.oneThreadReadRate`, group, "Weights read by 1 decoding thread ÷ 1 thread's copy bandwidth", "%", share,
                {note: share < 80 ? "a core computes slower than it reads: arithmetic, not memory, sets the pace" : "a core decodes about as fast as it reads"});
        }
    }
    results.value(`${key}.grammarBuild`, group, "Whole-catalog grammar build (llama.createGrammar)", "ms", result.grammarBuildMs!.catalogGrammar,
        {note: `without the action list: ${result.grammarBuildMs!.policyGrammar.toFixed(0)} ms`});

    const same = summarize(result.refinementSameSessionMs!);
    const fresh = summarize(result.refinementFreshSessionMs!);
    results.timing(`${key}.refinement.same`, group, "Refinement: time to first token, same session", same,
        {note: `evaluates ${result.refinementSameSessionTokens} tokens`});
    results.timing(`${key}.refinement.fresh`, group, "Refinement: time to first token, fresh session", fresh,
        {note: `evaluates ${result.refinementFreshSessionTokens} tokens`});
    results.value(`${key}.refinement.ratio`, group, "Refinement time to first token, same ÷ fresh session", "%", 100 * same.median / fresh.median,
        {target: {op: "≤", value: 100 / 3}});
    results.value(`${key}.peakRss`, group, "Peak resident memory (model process)", "MiB", result.peakRssMiB!);
    if (result.vramUsedMiB != null)
        results.value(`${key}.vram`, group, "VRAM used: weights, context and compute buffers", "MiB", result.vramUsedMiB);

    const label = `${model.label}, ${where}`;
    results.addSeries({
        id: `decode-${gpu ? "gpu-" : ""}${model.id}`,
        title: `Decode speed: ${label}`,
        kind: "bar",
        x: {label: "Output"},
        y: {label: "tokens/s (median)"},
        points: [
            {x: "free text", y: rates.freeText.median, series: "random model"},
            {x: "grammar, no action list", y: rates.policyGrammar.median, series: "random model"},
            {x: "whole-catalog grammar", y: rates.catalogGrammar.median, series: "random model"},
            {x: "free text, guided", y: rates.guidedFreeText.median, series: "guided through a policy"},
            {x: "whole-catalog grammar, guided", y: rates.guidedCatalogGrammar.median, series: "guided through a policy"}
        ],
        rules: bandwidth != null ? [{y: bandwidth.best / modelBytes, label: "ceiling: bandwidth ÷ model bytes"}] : []
    });
    results.addSeries({
        id: `ttft-${gpu ? "gpu-" : ""}${model.id}`,
        title: `Time to first token: ${label}`,
        kind: "bar",
        x: {label: "Prompt"},
        y: {label: "ms (median)"},
        points: [
            {x: "new conversation", y: summarize(result.ttftMs!).median, series: "time to first token"},
            {x: "refinement, fresh session", y: fresh.median, series: "time to first token"},
            {x: "refinement, same session", y: same.median, series: "time to first token"}
        ]
    });
    if (result.grammarScaling != null) {
        const free = result.grammarScaling.find((point) => point.actions === "free")!;
        const freeText = summarize(result.decode!.freeText.map(msPerToken)).median;
        results.addSeries({
            id: "scaling-grammar",
            title: `Grammar cost per token vs allowed actions: ${label}`,
            kind: "line",
            x: {label: "Allowed actions (prefix-tree grammar)", log: true},
            y: {label: "ms per token inside the action list (median)"},
            points: result.grammarScaling.filter((point) => point.actions !== "free")
                .map((point) => ({x: point.actions as number, y: summarize(point.runs.map(msPerToken)).median, series: "catalog action list"})),
            rules: [
                {y: summarize(free.runs.map(msPerToken)).median, label: "any service:Name string"},
                {y: freeText, label: "free text"}
            ]
        });
        for (const point of result.grammarScaling) {
            const sample = summarize(point.runs.map(msPerToken));
            results.timing(`${key}.grammarScaling.${point.actions}`, `Grammar cost per token vs allowed actions (${model.label})`,
                point.actions === "free" ? "Inside an action list of any service:Name string" : `Inside an action list of ${point.actions.toLocaleString("en-US")} actions`,
                sample);
        }
    }
}

function msPerToken(run: DecodeRun) {
    return run.ms / run.tokens;
}

/** Tokens/s at the median and at the slow end (p95 time per token). */
function decodeRate(runs: DecodeRun[]) {
    const perToken = summarize(runs.map(msPerToken));
    return {median: 1000 / perToken.median, extra: {p95: 1000 / perToken.p95, runs: perToken.runs}};
}

function runWorker(context: BenchContext, request: ModelWorkerRequest): Promise<ModelWorkerResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [...workerArguments, JSON.stringify(request)], {cwd: packageRoot, stdio: ["ignore", "pipe", "pipe"]});
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => stdout += chunk);
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
            stderr += chunk;
            for (const line of chunk.split("\n").filter((line) => line.trim() !== ""))
                context.log(line.trim());
        });
        child.on("error", reject);
        child.on("close", (code) => {
            if (code !== 0)
                reject(new Error(`the model worker exited with ${code}: ${stderr.trim().split("\n").slice(-3).join(" | ")}`));
            else
                resolve(JSON.parse(stdout.trim().split("\n").at(-1)!) as ModelWorkerResult);
        });
    });
}
