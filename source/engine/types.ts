import type {Companion} from "../catalog/companionRules.js";
import type {CheckReport, PolicyDocument, Repair} from "../policy/types.js";
import type {FollowUpChange} from "../retrieval/readFollowUp.js";
import type {RetrievalContext} from "../retrieval/types.js";
import type {Verification} from "../verification/types.js";
import type {ConversationSession} from "./ConversationSession.js";

export type EngineName = "catalog" | "llama";

/** `auto` picks the best engine available: a configured model when there is one, else the catalog engine. */
export type EngineChoice = "auto" | EngineName;

export const ENGINE_CHOICES: readonly EngineChoice[] = ["auto", "catalog", "llama"];

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
    aborted?: boolean;
    truncated?: boolean;
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
