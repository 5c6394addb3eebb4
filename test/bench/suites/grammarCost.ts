import {type BenchContext} from "../context.js";
import {measureGrammarCost} from "../grammar.js";

/** Issue 6's grammar figures on the test model with a 32,000-token vocabulary, where the grammar dominates each token's cost. */
export async function measureGrammarOnTestModel(context: BenchContext) {
    const result = await measureGrammarCost(context.quick ? {tokens: 40, runs: 2} : {tokens: 200, runs: 5});
    const group = `Grammar cost: test model, ${result.vocabularySize.toLocaleString("en-US")}-token vocabulary, ${result.threads} thread`;
    const {results} = context;
    const note = `${result.runs} runs × ${result.tokensPerRun} tokens`;
    results.value("grammar.build.policy", group, "Build: policy grammar without the action list", "ms", result.buildMs.policyGrammar);
    results.value("grammar.build.catalog", group, "Build: whole-catalog grammar", "ms", result.buildMs.catalogGrammar);
    results.value("grammar.freeText", group, "Free text", "ms/token", result.msPerToken.freeText, {runs: result.runs, note});
    results.value("grammar.policy", group, "Policy grammar without the action list", "ms/token", result.msPerToken.policyGrammar, {runs: result.runs});
    results.value("grammar.catalog", group, "Whole-catalog policy grammar", "ms/token", result.msPerToken.catalogGrammar, {runs: result.runs});
    results.value("grammar.catalogOverPolicy", group, "Whole-catalog grammar ÷ grammar without the action list", "×", result.catalogOverPolicy,
        {target: {op: "≤", value: 2}});
    results.value("grammar.actionList.free", group, "Inside action strings: any service:Name", "ms/token", result.msPerToken.actionListFree, {runs: result.runs});
    results.value("grammar.actionList.catalog", group, "Inside action strings: the catalog's prefix tree", "ms/token", result.msPerToken.actionListCatalog, {runs: result.runs});
}
