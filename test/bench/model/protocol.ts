/** What the model suite asks its worker process to measure. */
export interface ModelWorkerRequest {
    /** `probe`: only say whether the requested backend is available. */
    mode: "probe" | "measure";
    gpu: boolean;
    modelPath: string;
    /** Runs per measurement and tokens per decode run. */
    runs: number;
    decodeTokens: number;
    /** Tokens of the first answer before the refinement is asked. */
    answerTokens: number;
    prompt: BenchPrompt;
    /** Also measure how grammar cost per token grows with the number of allowed actions. */
    grammarScaling?: {actionCounts: number[]; tokens: number};
}

export interface BenchPrompt {
    system: string;
    request: string;
    followUp: string;
    /** A policy the whole-catalog grammar accepts, whose tokens stand in for a trained model's choices. */
    reference: string;
}

export interface DecodeRun {
    tokens: number;
    ms: number;
}

export interface ModelWorkerResult {
    backend: {available: boolean; gpu: string | false; device?: string; reason?: string};
    /** CPU threads iam-gen chose for this model. */
    threads?: number;
    /** Until the model and its context are ready, as iam-gen loads them. */
    loadMs?: number[];
    promptTokens?: number;
    /** Time to first token of a new conversation (system prompt + retrieval context + request). */
    ttftMs?: number[];
    refinementSameSessionMs?: number[];
    refinementFreshSessionMs?: number[];
    /** Input tokens evaluated before the follow-up's first token: the new message only, when the cache is reused. */
    refinementSameSessionTokens?: number;
    /** The whole conversation, which a fresh session must evaluate. */
    refinementFreshSessionTokens?: number;
    decode?: {
        freeText: DecodeRun[];
        policyGrammar: DecodeRun[];
        catalogGrammar: DecodeRun[];
        /** Led through the reference policy's tokens, without and with the grammar. */
        guidedFreeText: DecodeRun[];
        guidedCatalogGrammar: DecodeRun[];
        freeTextOneThread?: DecodeRun[];
    };
    grammarBuildMs?: {policyGrammar: number; catalogGrammar: number};
    grammarScaling?: Array<{actions: number | "free"; runs: DecodeRun[]}>;
    peakRssMiB?: number;
    /** On the GPU: the card memory the loaded model held. */
    vramUsedMiB?: number;
}
