// Grammar cost per token on the test model with a realistic 32,000-token vocabulary: free text, the
// policy grammar without the action list, and the whole-catalog policy grammar, plus grammar build
// time. Run alone with `npx tsx test/bench/grammar.ts [--json] [--tokens N] [--runs N]`; the suite
// calls `measureGrammarCost`.
import {existsSync, mkdirSync} from "node:fs";
import path from "node:path";
import {parseArgs} from "node:util";
import {
    getLlama, type LlamaContextSequence, type LlamaGrammar, LlamaGrammarEvaluationState, LlamaLogLevel, type LlamaModel, type Token
} from "node-llama-cpp";
import {loadCatalog} from "../../source/catalog/index.js";
import {buildPolicyGrammar} from "../../source/llm/grammar/policyGrammar.js";
import {prefixTreeGrammar} from "../../source/llm/grammar/prefixTree.js";
import {SYSTEM_PROMPT} from "../../source/llm/prompt.js";
import {writeTestModel} from "../../source/llm/testModel/testModel.js";
import {generatedDir} from "./context.js";

export interface GrammarCostResult {
    vocabularySize: number;
    threads: number;
    tokensPerRun: number;
    runs: number;
    /** GBNF generation + llama.cpp compilation. */
    buildMs: {policyGrammar: number; catalogGrammar: number};
    /** Median ms per generated token over the runs. */
    msPerToken: {
        freeText: number;
        policyGrammar: number;
        catalogGrammar: number;
        /** Every token inside an action string: the part the action list makes expensive. */
        actionListFree: number;
        actionListCatalog: number;
    };
    /** catalogGrammar ÷ policyGrammar (target ≤ 2). */
    catalogOverPolicy: number;
    actionListCatalogOverFree: number;
}

const REQUEST = "Allow read-only access to S3 bucket customer-data and let it decrypt with the KMS key";

export async function measureGrammarCost({tokens = 200, runs = 5, threads = 1} = {}): Promise<GrammarCostResult> {
    const modelPath = path.join(generatedDir, "test-model-32k.gguf");
    if (!existsSync(modelPath)) {
        mkdirSync(generatedDir, {recursive: true});
        writeTestModel(modelPath, {vocabulary: "32k"});
    }
    const catalog = loadCatalog();
    const llama = await getLlama({gpu: false, build: "never", maxThreads: 0, logLevel: LlamaLogLevel.error});
    const model = await llama.loadModel({modelPath});
    const vocabularySize = model.fileInfo.metadata.tokenizer.ggml.tokens?.length ?? 0;
    const context = await model.createContext({contextSize: 4096, threads});
    const sequence = context.getSequence();

    const timedBuild = async (build: () => string): Promise<[LlamaGrammar, number]> => {
        const start = performance.now();
        const grammar = await llama.createGrammar({grammar: build()});
        return [grammar, performance.now() - start];
    };
    const [policyGrammar, policyBuildMs] = await timedBuild(() => buildPolicyGrammar({catalog, actions: "free"}));
    const [catalogGrammar, catalogBuildMs] = await timedBuild(() => buildPolicyGrammar({catalog}));
    const [actionListFree] = await timedBuild(() => actionArrayGrammar(undefined));
    const [actionListCatalog] = await timedBuild(() => actionArrayGrammar(catalog.allActions.map((action) => `${action.service}:${action.name}`)));

    const prompt = model.tokenize(`${SYSTEM_PROMPT}\n\n${REQUEST}`);
    await sequence.evaluateWithoutGeneratingNewTokens(prompt.slice(0, -1));
    const variants = {freeText: undefined, policyGrammar, catalogGrammar, actionListFree, actionListCatalog};
    const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, [] as number[]])) as Record<keyof typeof variants, number[]>;
    await decode(sequence, model, prompt, undefined, 8); // warm-up
    for (let run = 0; run < runs; run++) {
        for (const [name, grammar] of Object.entries(variants) as Array<[keyof typeof variants, LlamaGrammar | undefined]>)
            samples[name].push(await decode(sequence, model, prompt, grammar, tokens));
    }
    await context.dispose();
    await model.dispose();
    const msPerToken = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)])) as GrammarCostResult["msPerToken"];
    return {
        vocabularySize,
        threads,
        tokensPerRun: tokens,
        runs,
        buildMs: {policyGrammar: policyBuildMs, catalogGrammar: catalogBuildMs},
        msPerToken,
        catalogOverPolicy: msPerToken.catalogGrammar / msPerToken.policyGrammar,
        actionListCatalogOverFree: msPerToken.actionListCatalog / msPerToken.actionListFree
    };
}

/** An endless JSON array of actions, so that every generated token is inside an action string. */
export function actionArrayGrammar(actions: string[] | undefined) {
    if (actions == null)
        return String.raw`root ::= "[\"" action ("\", \"" action)*` + "\n" + String.raw`action ::= [a-z0-9-]{1,40} ":" [A-Za-z0-9*-]{1,80}`;
    const tree = prefixTreeGrammar(actions, {ruleName: "act", terminator: "\"\\\"\"", wildcardAfter: ":"});
    return [String.raw`root ::= "[\"" ${tree.root} (", \"" ${tree.root})*`, ...tree.rules].join("\n");
}

/**
 * Greedy decoding (as the engine decodes) of `tokens` tokens after the cached prompt; a policy
 * that completes early starts again from the prompt, so every variant times the same count.
 * Returns ms per token.
 */
async function decode(sequence: LlamaContextSequence, model: LlamaModel, prompt: Token[], grammar: LlamaGrammar | undefined, tokens: number) {
    let generated = 0;
    let ms = 0;
    while (generated < tokens) {
        const cached = prompt.length - 1;
        if (sequence.nextTokenIndex > cached)
            await sequence.eraseContextTokenRanges([{start: cached, end: sequence.nextTokenIndex}]);
        const grammarEvaluationState = grammar == null ? undefined : new LlamaGrammarEvaluationState({model, grammar});
        const start = performance.now();
        let count = 0;
        for await (const token of sequence.evaluate(prompt.slice(-1), {temperature: 0, grammarEvaluationState})) {
            // The first token of a run pays for evaluating the last prompt token, not for sampling.
            if (count === 0)
                ms -= performance.now() - start;
            void token;
            if (++count >= tokens - generated || model.isEogToken(token))
                break;
        }
        ms += performance.now() - start;
        generated += Math.max(1, count - 1);
    }
    return ms / generated;
}

function median(values: number[]) {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

// Run alone from its source; bundled into the GPU kit's bench, import.meta.url is the bundle's and this must not run.
if (import.meta.url === `file://${process.argv[1]}` && import.meta.url.endsWith("/grammar.ts")) {
    const {values} = parseArgs({options: {json: {type: "boolean", default: false}, tokens: {type: "string", default: "200"}, runs: {type: "string", default: "5"}}});
    const result = await measureGrammarCost({tokens: Number(values.tokens), runs: Number(values.runs)});
    if (values.json) {
        console.log(JSON.stringify(result, null, 2));
    } else {
        const row = (label: string, value: number) => `${label.padEnd(46)} ${value.toFixed(2).padStart(8)}`;
        console.log([
            `grammar cost, test model with a 32,000-token vocabulary, ${result.threads} thread, ${result.runs} runs × ${result.tokensPerRun} tokens (median)`,
            row("build: policy grammar, no action list (ms)", result.buildMs.policyGrammar),
            row("build: whole-catalog grammar (ms)", result.buildMs.catalogGrammar),
            row("free text (ms/token)", result.msPerToken.freeText),
            row("policy grammar, no action list (ms/token)", result.msPerToken.policyGrammar),
            row("whole-catalog policy grammar (ms/token)", result.msPerToken.catalogGrammar),
            row("inside action strings, free (ms/token)", result.msPerToken.actionListFree),
            row("inside action strings, catalog tree (ms/token)", result.msPerToken.actionListCatalog),
            row("whole-catalog ÷ no action list (target ≤ 2)", result.catalogOverPolicy),
            row("inside actions: catalog ÷ free", result.actionListCatalogOverFree)
        ].join("\n"));
    }
}
