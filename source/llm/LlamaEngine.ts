import type {LlamaChatSession} from "node-llama-cpp";
import type {Catalog} from "../catalog/Catalog.js";
import {loadCatalog} from "../catalog/loadCatalog.js";
import type {ConversationSession} from "../engine/ConversationSession.js";
import type {EngineEvent, GenerateOptions, GenerationResult, PolicyEngine} from "../engine/types.js";
import {checkPolicy, formatPolicy, normalizePolicy} from "../policy/index.js";
import {extractPolicyJson} from "../policy/extractPolicyJson.js";
import type {PolicyDocument} from "../policy/types.js";
import {retrieve} from "../retrieval/index.js";
import type {Effect, RetrievalContext} from "../retrieval/types.js";
import {Generation, type GenerationOutcome} from "./Generation.js";
import {PolicyGrammars} from "./grammar/PolicyGrammars.js";
import {ModelManager, type LoadedModel, type ModelOptions} from "./ModelManager.js";
import {refinementPrompt, repairPrompt, requestPrompt, SYSTEM_PROMPT} from "./prompt.js";
import {similarManagedPolicies} from "./similarManagedPolicies.js";
import {policyStatements} from "../policy/statements.js";
import {describeProbe, verifyGeneration} from "../verification/index.js";

export interface LlamaEngineOptions extends Omit<ModelOptions, "signal"> {
    catalog?: Catalog;
    /** Share one manager (and so one loaded model) between engines; by default the engine has its own. */
    manager?: ModelManager;
    /** Default token limit per answer (per request: `GenerateOptions.maxTokens`). */
    maxTokens?: number;
    /** 0 (the default) decodes greedily: the same request gives the same policy. */
    temperature?: number;
    seed?: number;
    /** Account, region and partition for the ARNs retrieval proposes. */
    account?: string;
    region?: string;
    partition?: string;
    /** How many similar AWS managed policies to show the model as examples, with retrieval on (default 1). */
    examples?: number;
}

const DEFAULT_MAX_TOKENS = 1024;
/** Failing probes told to the model in a repair turn: the first few say what is wrong without filling the context. */
const MAX_REPAIR_PROBES = 8;
/** The prompt takes the request's first characters: a 20 KB paste must not fill the context. */
const MAX_REQUEST_CHARS = 4_000;
const NOTHING_TO_GRANT = "Nothing to grant: the request has no words. Say which AWS service and what it should do, e.g. \"read objects in S3 bucket reports\".";

/** What the engine keeps per conversation: its chat, whose history stays in the context cache. */
interface ChatState {
    chat: LlamaChatSession;
    /** The last policy as the model wrote it when checks left it unchanged: the model need not be shown it again. */
    unchangedPolicy?: string;
}

/**
 * The LLM engine: a resident GGUF model through node-llama-cpp, the retrieval context in the
 * prompt, decoding constrained by a grammar that only admits an identity policy with catalog
 * actions, streamed text, and every result parsed, repaired and checked.
 */
export class LlamaEngine implements PolicyEngine {
    readonly name = "llama" as const;
    private readonly catalog: Catalog;
    private readonly chats = new WeakMap<ConversationSession, ChatState>();
    private readonly grammars: PolicyGrammars;
    /** One generation at a time: all chats share the model's one context sequence. */
    private queue: Promise<unknown> = Promise.resolve();

    private constructor(readonly loaded: LoadedModel, private readonly options: LlamaEngineOptions, private readonly ownsManager?: ModelManager) {
        this.catalog = options.catalog ?? loadCatalog();
        this.grammars = PolicyGrammars.for(loaded.llama, this.catalog);
    }

    /** Loads the model (throws `ModelFileError` with a one-line reason when it cannot be used). */
    static async create(options: LlamaEngineOptions, signal?: AbortSignal): Promise<LlamaEngine> {
        const manager = options.manager ?? new ModelManager();
        try {
            const loaded = await manager.load({...options, signal});
            return new LlamaEngine(loaded, options, options.manager == null ? manager : undefined);
        } catch (error) {
            if (options.manager == null)
                await manager.dispose();
            throw error;
        }
    }

    get modelPath() {
        return this.loaded.options.modelPath;
    }

    /** The chat of a conversation, for inspecting its history and the context state it left. */
    chatOf(session: ConversationSession): LlamaChatSession | undefined {
        return this.chats.get(session)?.chat;
    }

    async *generate(fullRequest: string, session: ConversationSession, options: GenerateOptions = {}): AsyncGenerator<EngineEvent, GenerationResult> {
        const started = performance.now();
        const request = fullRequest.slice(0, MAX_REQUEST_CHARS);
        const rag = options.rag ?? true;
        const current = session.current;
        const context = rag ? this.retrieve(request, current == null) : null;
        const retrievalMs = performance.now() - started;
        yield {type: "context", context};
        if (!/[\p{L}\p{N}]/u.test(request)) {
            const result: GenerationResult = {
                engine: this.name, request: fullRequest, policy: null, text: "", check: null, repairs: [], context, rag,
                timings: {totalMs: performance.now() - started, retrievalMs},
                message: NOTHING_TO_GRANT
            };
            yield {type: "done", result};
            return result;
        }

        const release = await this.acquire();
        try {
            const state = this.chats.get(session) ?? this.newChat(session);
            const currentPolicy = current?.policy ?? null;
            const prompt = currentPolicy == null
                ? requestPrompt(request, context, context == null ? [] : similarManagedPolicies(context, this.options.examples ?? 1))
                : refinementPrompt(request, JSON.stringify(currentPolicy) === state.unchangedPolicy ? null : currentPolicy, context);
            const grammar = rag
                ? await this.grammars.get(grammarServices(context, currentPolicy), grammarEffects(context, currentPolicy))
                : await this.grammars.get();
            const generationOptions = {
                ...options,
                maxTokens: options.maxTokens ?? this.options.maxTokens ?? DEFAULT_MAX_TOKENS,
                temperature: this.options.temperature ?? 0,
                seed: this.options.seed,
                started
            };
            const generation = new Generation(state.chat, prompt, grammar, generationOptions);
            for await (const text of generation.chunks())
                yield {type: "token", text};
            const outcome = await generation.outcome;
            const first = this.result(fullRequest, context, rag, outcome, retrievalMs, started, currentPolicy);
            // Verified against retrieval's reading even with RAG off: the model was not shown it, the check still needs it.
            const reading = context ?? this.retrieve(request, current == null);
            const result = await this.verified(first, reading, currentPolicy, started, (repairPrompt) => new Generation(state.chat, repairPrompt, grammar, generationOptions).outcome);
            const lastWritten = result.verification?.repair?.kept === false ? undefined : result;
            state.unchangedPolicy = lastWritten?.policy != null && lastWritten.repairs.length === 0 ? JSON.stringify(lastWritten.policy) : undefined;
            yield {type: "done", result};
            return result;
        } finally {
            release();
        }
    }

    async dispose() {
        await this.queue.catch(() => undefined);
        await this.ownsManager?.dispose();
    }

    /**
     * The result with its verification. When probes fail, the model gets one repair turn in the
     * same chat, told which; its policy is kept only when it fails fewer probes, and the result
     * says that a repair turn ran and whether it was kept.
     */
    private async verified(result: GenerationResult, reading: RetrievalContext, previous: PolicyDocument | null, started: number, repairTurn: (prompt: string) => Promise<GenerationOutcome>): Promise<GenerationResult> {
        if (result.policy == null)
            return result;
        const verify = (policy: PolicyDocument) => verifyGeneration({policy, context: reading, ...(previous != null ? {previous} : {})}, this.catalog);
        const verification = verify(result.policy);
        if (verification.failed.length === 0 || result.aborted === true || result.truncated === true)
            return {...result, verification};
        const outcome = await repairTurn(repairPrompt(verification.failed.slice(0, MAX_REPAIR_PROBES).map(describeProbe)));
        const repaired = this.result(result.request, result.context, result.rag, outcome, result.timings.retrievalMs, started, previous);
        const repairedVerification = repaired.policy == null || repaired.aborted === true ? undefined : verify(repaired.policy);
        const failedBefore = verification.failed.length;
        if (repairedVerification == null || repairedVerification.failed.length >= failedBefore)
            return {...result, verification: {...verification, repair: {failedBefore, kept: false}}};
        return {...repaired, verification: {...repairedVerification, repair: {failedBefore, kept: true}}};
    }

    private retrieve(request: string, impliedServices: boolean): RetrievalContext {
        const {account, region, partition} = this.options;
        return retrieve(request, {catalog: this.catalog, account, region, partition, impliedServices});
    }

    private newChat(session: ConversationSession): ChatState {
        const state: ChatState = {
            chat: new this.loaded.bindings.LlamaChatSession({
                contextSequence: this.loaded.sequence,
                chatWrapper: this.loaded.chatWrapper,
                systemPrompt: SYSTEM_PROMPT
            })
        };
        this.chats.set(session, state);
        return state;
    }

    private async acquire(): Promise<() => void> {
        let release!: () => void;
        const turn = new Promise<void>((resolve) => release = resolve);
        const previous = this.queue;
        this.queue = previous.then(() => turn);
        await previous;
        return release;
    }

    private result(request: string, context: RetrievalContext | null, rag: boolean, outcome: GenerationOutcome, retrievalMs: number, started: number, previous: PolicyDocument | null): GenerationResult {
        const timings = {
            totalMs: performance.now() - started,
            retrievalMs,
            timeToFirstTokenMs: outcome.timeToFirstTokenMs,
            tokensPerSecond: outcome.tokensPerSecond,
            tokens: outcome.tokens
        };
        const extracted = extractPolicyJson(outcome.text);
        const value = extracted?.value;
        const base = {engine: this.name, request, context, rag, timings, aborted: outcome.stopReason === "abort" || undefined, truncated: outcome.stopReason === "maxTokens" || undefined};
        if (!isPolicyShaped(value)) {
            return {
                ...base,
                policy: null,
                text: outcome.text,
                check: null,
                repairs: [],
                message: outcome.stopReason === "abort"
                    ? "Stopped before the policy was complete; the partial output is kept."
                    : outcome.stopReason === "maxTokens"
                        ? `The model reached the ${outcome.maxTokens}-token limit before finishing the policy; raise --max-tokens.`
                        : "The model's output is not a JSON policy."
            };
        }
        const {policy, repairs} = normalizePolicy(value, {catalog: this.catalog, repair: true});
        const check = checkPolicy(policy, {catalog: this.catalog});
        return {
            ...base,
            policy,
            text: formatPolicy(policy),
            check,
            repairs,
            ...(previous != null ? {changeSummary: changeSummary(previous, policy)} : {})
        };
    }
}

/** The grammar only admits policies, but a partial answer (aborted, truncated) may parse as something else. */
function isPolicyShaped(value: unknown): value is PolicyDocument {
    if (typeof value !== "object" || value == null || Array.isArray(value))
        return false;
    const statement = (value as {Statement?: unknown}).Statement;
    const statements = Array.isArray(statement) ? statement : [statement];
    return statements.length > 0 && statements.every((entry) => typeof entry === "object" && entry != null && !Array.isArray(entry));
}

/** Services the grammar admits with retrieval on: those retrieved plus those of the policy being refined. */
function grammarServices(context: RetrievalContext | null, current: PolicyDocument | null): string[] {
    const services = new Set<string>();
    for (const service of context?.services ?? [])
        if (service.role === "target")
            services.add(service.prefix);
    for (const candidate of context?.candidates ?? [])
        services.add(candidate.service);
    for (const action of current == null ? [] : policyActions(current)) {
        const separator = action.indexOf(":");
        if (separator > 0)
            services.add(action.slice(0, separator).toLowerCase());
    }
    return [...services];
}

/**
 * Effects the grammar admits with retrieval on: the request's and its candidates', plus those
 * already in the policy being refined; a request that does not deny gets only Allow statements.
 */
function grammarEffects(context: RetrievalContext | null, current: PolicyDocument | null): Effect[] {
    const effects = new Set<Effect>(context == null ? ["Allow", "Deny"] : [context.effect]);
    for (const candidate of context?.candidates ?? [])
        effects.add(candidate.effect);
    for (const statement of current == null ? [] : policyStatements(current))
        effects.add(statement.Effect);
    return [...effects];
}

/** One line on what a refinement changed: the actions added and removed, else whether anything else did. */
function changeSummary(previous: PolicyDocument, next: PolicyDocument): string {
    const before = new Set(policyActions(previous));
    const after = new Set(policyActions(next));
    const added = [...after].filter((action) => !before.has(action));
    const removed = [...before].filter((action) => !after.has(action));
    const parts = [
        ...(added.length > 0 ? [`added ${listActions(added)}`] : []),
        ...(removed.length > 0 ? [`removed ${listActions(removed)}`] : [])
    ];
    if (parts.length > 0)
        return `${parts.join("; ")}.`.replace(/^./, (first) => first.toUpperCase());
    return JSON.stringify(previous) === JSON.stringify(next) ? "No change." : "Same actions; resources, effects or conditions changed.";
}

function policyActions(policy: PolicyDocument): string[] {
    return policyStatements(policy).flatMap((statement) => [statement.Action ?? [], statement.NotAction ?? []].flat());
}

function listActions(actions: string[]) {
    return actions.length <= 3 ? actions.join(", ") : `${actions.slice(0, 3).join(", ")} and ${actions.length - 3} more`;
}
