import type {Companion} from "../catalog/companionRules.js";
import type {PackResult} from "../packing/types.js";
import type {CheckReport, PolicyDocument, Repair} from "../policy/types.js";
import type {FollowUpChange} from "../retrieval/readFollowUp.js";
import type {RetrievalContext} from "../retrieval/types.js";
import type {Verification} from "../verification/types.js";
import type {ConversationSession} from "./ConversationSession.js";

export type EngineName = "catalog" | "llama" | "openai";

/**
 * `auto` picks the best local engine available: a configured model when there is one, else the catalog
 * engine. `openai` is a model served elsewhere, over the OpenAI-compatible API; only chosen by name.
 */
export type EngineChoice = "auto" | EngineName;

export const ENGINE_CHOICES: readonly EngineChoice[] = ["auto", "catalog", "llama", "openai"];

export interface GenerateOptions {
    /** Ground the generator in the retrieval result (default true). */
    rag?: boolean;
    signal?: AbortSignal;
    /** LLM engine: stop after this many tokens and mark the result truncated. */
    maxTokens?: number;
    /** Return an AWS managed policy's document when the request names one (default false). */
    managed?: boolean;
    /** Add the actions the job needs beyond those its words name, each with its reason (default true). */
    companions?: boolean;
}

export interface ManagedPolicyMatch {
    name: string;
    arn: string;
    /** True when the result's policy is that managed policy's document. */
    used: boolean;
}

export interface GenerationTimings {
    totalMs: number;
    retrievalMs: number;
    /** LLM engine only. */
    timeToFirstTokenMs?: number;
    tokensPerSecond?: number;
    tokens?: number;
}

/** How a served model's output was constrained (`openai` engine): the kind sent, and its size in bytes. */
export interface OutputConstraint {
    kind: "grammar" | "json-schema" | "none";
    /** Size of the grammar or schema sent with each request (0 for none). */
    bytes: number;
    /** The services it admits (narrowed by retrieval), or every service of the catalog. */
    services: string[] | "catalog";
}

export interface GenerationResult {
    engine: EngineName;
    request: string;
    /** Null when nothing could be generated (junk input, an abort before any policy). */
    policy: PolicyDocument | null;
    /** The policy formatted for display, or the raw text when it could not be parsed. */
    text: string;
    check: CheckReport | null;
    repairs: Repair[];
    context: RetrievalContext | null;
    rag: boolean;
    timings: GenerationTimings;
    /** For a refinement: one line saying what changed. */
    changeSummary?: string;
    /** For a refinement: the typed change the follow-up was read as. */
    change?: FollowUpChange;
    /** For a refinement that changed nothing (not understood, or it would have widened a narrowing): the policy is the current one. */
    unchanged?: boolean;
    /** Something the user should read: "nothing to grant", an unclear follow-up, a fallback. */
    message?: string;
    managedPolicy?: ManagedPolicyMatch;
    /** The actions added because the job needs them (an event source's DeleteMessage), each with its reason and source. */
    companions?: Companion[];
    /** Whether the policy does what was asked: the request's probes run through the evaluator (absent without a policy). */
    verification?: Verification;
    /** For a policy over a managed policy's 6,144 characters: the managed policies it was split into, which together allow exactly it. */
    packed?: PackResult;
    aborted?: boolean;
    truncated?: boolean;
    /** `openai` engine: the constraint the server was sent. */
    constraint?: OutputConstraint;
}

export type EngineEvent =
    | {type: "context"; context: RetrievalContext | null}
    | {type: "token"; text: string}
    | {type: "done"; result: GenerationResult};

/** What every engine implements: turn a request (or a follow-up in a session) into a checked policy. */
export interface PolicyEngine {
    readonly name: EngineName;
    /**
     * Yields `context`, then `token`s as text is produced, then `done` with the result.
     * A session whose `current` holds a policy makes the request a refinement of it.
     */
    generate(request: string, session: ConversationSession, options?: GenerateOptions): AsyncGenerator<EngineEvent, GenerationResult>;
    dispose?(): Promise<void>;
}
