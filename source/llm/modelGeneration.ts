import type {Catalog} from "../catalog/Catalog.js";
import type {ConversationSession} from "../engine/ConversationSession.js";
import type {EngineEvent, EngineName, GenerateOptions, GenerationResult, OutputConstraint} from "../engine/types.js";
import {checkPolicy, formatPolicy, normalizePolicy} from "../policy/index.js";
import {extractPolicyJson} from "../policy/extractPolicyJson.js";
import {policyStatements} from "../policy/statements.js";
import type {PolicyDocument} from "../policy/types.js";
import {retrieve} from "../retrieval/index.js";
import type {Effect, RetrievalContext} from "../retrieval/types.js";
import {describeProbe, verifyGeneration} from "../verification/index.js";
import {refinementPrompt, repairPrompt, requestPrompt} from "./prompt.js";
import {similarManagedPolicies} from "./similarManagedPolicies.js";

export interface GenerationOutcome {
    text: string;
    stopReason: "done" | "abort" | "maxTokens";
    maxTokens: number;
    tokens: number;
    timeToFirstTokenMs?: number;
    tokensPerSecond?: number;
    /** How the output was constrained, when the engine reports it (a served model). */
    constraint?: OutputConstraint;
}

/** One answer of a model: its text as it streams, and how it ended. */
export interface ModelTurn {
    chunks(): AsyncGenerator<string>;
    outcome: Promise<GenerationOutcome>;
}

/** What the output may contain: statements of these effects on these services' actions (none named: the whole catalog). */
export interface OutputScope {
    services: string[];
    effects: Effect[];
}

export interface TurnOptions {
    signal?: AbortSignal;
    maxTokens: number;
    /** `performance.now()` when the request came in: time to first token counts from it. */
    started: number;
}

/** A conversation with a model, one per `ConversationSession`: each turn sees the turns before it. */
export interface ModelChat {
    /** The last policy as the model wrote it when checks left it unchanged: the model need not be shown it again. */
    unchangedPolicy?: string;
    turn(prompt: string, scope: OutputScope, options: TurnOptions): Promise<ModelTurn>;
}

/** What an engine that runs a model gives the shared generation: its name, catalog, settings and chats. */
export interface ModelEngineParts {
    name: EngineName;
    catalog: Catalog;
    options: {account?: string; region?: string; partition?: string; maxTokens?: number; examples?: number};
    chatFor(session: ConversationSession): ModelChat;
    /** Waits for the engine's turn when it runs one generation at a time; returns the release. */
    acquire?(): Promise<() => void>;
}

const DEFAULT_MAX_TOKENS = 1024;
/** Failing probes told to the model in a repair turn: the first few say what is wrong without filling the context. */
const MAX_REPAIR_PROBES = 8;
/** The prompt takes the request's first characters: a 20 KB paste must not fill the context. */
const MAX_REQUEST_CHARS = 4_000;
const NOTHING_TO_GRANT = "Nothing to grant: the request has no words. Say which AWS service and what it should do, e.g. \"read objects in S3 bucket reports\".";

/**
 * A request or follow-up through a model, the same for every model engine: retrieval, the prompt,
 * output scoped to the retrieved services, the streamed answer, then the text parsed, repaired,
 * checked and verified, with one repair turn when verification fails.
 */
export async function* generateWithModel(engine: ModelEngineParts, fullRequest: string, session: ConversationSession, options: GenerateOptions = {}): AsyncGenerator<EngineEvent, GenerationResult> {
    const started = performance.now();
    const request = fullRequest.slice(0, MAX_REQUEST_CHARS);
    const rag = options.rag ?? true;
    const current = session.current;
    const readRequest = () => retrieve(request, {...retrievalSettings(engine), catalog: engine.catalog, impliedServices: current == null});
    const context = rag ? readRequest() : null;
    const retrievalMs = performance.now() - started;
    yield {type: "context", context};
    if (!/[\p{L}\p{N}]/u.test(request)) {
        const result: GenerationResult = {
            engine: engine.name, request: fullRequest, policy: null, text: "", check: null, repairs: [], context, rag,
            timings: {totalMs: performance.now() - started, retrievalMs},
            message: NOTHING_TO_GRANT
        };
        yield {type: "done", result};
        return result;
    }

    const release = await engine.acquire?.();
    try {
        const chat = engine.chatFor(session);
        const currentPolicy = current?.policy ?? null;
        const prompt = currentPolicy == null
            ? requestPrompt(request, context, context == null ? [] : similarManagedPolicies(context, engine.options.examples ?? 1))
            : refinementPrompt(request, JSON.stringify(currentPolicy) === chat.unchangedPolicy ? null : currentPolicy, context);
        const scope: OutputScope = rag
            ? {services: scopeServices(context, currentPolicy), effects: scopeEffects(context, currentPolicy)}
            : {services: [], effects: ["Allow", "Deny"]};
        const turnOptions: TurnOptions = {signal: options.signal, maxTokens: options.maxTokens ?? engine.options.maxTokens ?? DEFAULT_MAX_TOKENS, started};
        const turn = await chat.turn(prompt, scope, turnOptions);
        for await (const text of turn.chunks())
            yield {type: "token", text};
        const outcome = await turn.outcome;
        const first = outcomeResult(engine, {request: fullRequest, context, rag, retrievalMs, started, previous: currentPolicy}, outcome);
        // Verified against retrieval's reading even with RAG off: the model was not shown it, the check still needs it.
        const reading = context ?? readRequest();
        const result = await verified(engine, first, reading, currentPolicy, started, async (repair) => (await chat.turn(repair, scope, turnOptions)).outcome);
        const lastWritten = result.verification?.repair?.kept === false ? undefined : result;
        chat.unchangedPolicy = lastWritten?.policy != null && lastWritten.repairs.length === 0 ? JSON.stringify(lastWritten.policy) : undefined;
        yield {type: "done", result};
        return result;
    } finally {
        release?.();
    }
}

function retrievalSettings({options: {account, region, partition}}: ModelEngineParts) {
    return {account, region, partition};
}

interface ResultFrame {
    request: string;
    context: RetrievalContext | null;
    rag: boolean;
    retrievalMs: number;
    started: number;
    previous: PolicyDocument | null;
}

/**
 * The result with its verification. When probes fail, the model gets one repair turn in the
 * same chat, told which; its policy is kept only when it fails fewer probes, and the result
 * says that a repair turn ran and whether it was kept.
 */
async function verified(engine: ModelEngineParts, result: GenerationResult, reading: RetrievalContext, previous: PolicyDocument | null, started: number, repairTurn: (prompt: string) => Promise<GenerationOutcome>): Promise<GenerationResult> {
    if (result.policy == null)
        return result;
    const verify = (policy: PolicyDocument) => verifyGeneration({policy, context: reading, ...(previous != null ? {previous} : {})}, engine.catalog);
    const verification = verify(result.policy);
    if (verification.failed.length === 0 || result.aborted === true || result.truncated === true)
        return {...result, verification};
    const outcome = await repairTurn(repairPrompt(verification.failed.slice(0, MAX_REPAIR_PROBES).map(describeProbe)));
    const frame = {request: result.request, context: result.context, rag: result.rag, retrievalMs: result.timings.retrievalMs, started, previous};
    const repaired = outcomeResult(engine, frame, outcome);
    const repairedVerification = repaired.policy == null || repaired.aborted === true ? undefined : verify(repaired.policy);
    const failedBefore = verification.failed.length;
    if (repairedVerification == null || repairedVerification.failed.length >= failedBefore)
        return {...result, verification: {...verification, repair: {failedBefore, kept: false}}};
    return {...repaired, verification: {...repairedVerification, repair: {failedBefore, kept: true}}};
}

/** A model's answer as a result: parsed, normalised with repairs and checked, or the raw text and why there is no policy. */
function outcomeResult(engine: ModelEngineParts, frame: ResultFrame, outcome: GenerationOutcome): GenerationResult {
    const timings = {
        totalMs: performance.now() - frame.started,
        retrievalMs: frame.retrievalMs,
        timeToFirstTokenMs: outcome.timeToFirstTokenMs,
        tokensPerSecond: outcome.tokensPerSecond,
        tokens: outcome.tokens
    };
    const value = extractPolicyJson(outcome.text)?.value;
    const base = {
        engine: engine.name, request: frame.request, context: frame.context, rag: frame.rag, timings,
        aborted: outcome.stopReason === "abort" || undefined,
        truncated: outcome.stopReason === "maxTokens" || undefined,
        ...(outcome.constraint != null ? {constraint: outcome.constraint} : {})
    };
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
    const {policy, repairs} = normalizePolicy(value, {catalog: engine.catalog, repair: true});
    const check = checkPolicy(policy, {catalog: engine.catalog});
    return {
        ...base,
        policy,
        text: formatPolicy(policy),
        check,
        repairs,
        ...(frame.previous != null ? {changeSummary: changeSummary(frame.previous, policy)} : {})
    };
}

/** The grammar only admits policies, but a partial answer (aborted, truncated) may parse as something else. */
export function isPolicyShaped(value: unknown): value is PolicyDocument {
    if (typeof value !== "object" || value == null || Array.isArray(value))
        return false;
    const statement = (value as {Statement?: unknown}).Statement;
    const statements = Array.isArray(statement) ? statement : [statement];
    return statements.length > 0 && statements.every((entry) => typeof entry === "object" && entry != null && !Array.isArray(entry));
}

/** Services the output may use with retrieval on: those retrieved plus those of the policy being refined. */
function scopeServices(context: RetrievalContext | null, current: PolicyDocument | null): string[] {
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
 * Effects the output may use with retrieval on: the request's and its candidates', plus those
 * already in the policy being refined; a request that does not deny gets only Allow statements.
 */
function scopeEffects(context: RetrievalContext | null, current: PolicyDocument | null): Effect[] {
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
