import {checkPolicy, formatPolicy} from "../policy/index.js";
import type {PolicyDocument} from "../policy/types.js";
import {ConversationSession} from "../engine/ConversationSession.js";
import {createEngine, type CreateEngineOptions} from "./createEngine.js";
import {accessDeniedTurn, withPackedParts} from "./turnExtras.js";
import type {EngineEvent, EngineName, GenerateOptions, GenerationResult, PolicyEngine} from "../engine/types.js";

export interface PolicyGeneratorOptions extends CreateEngineOptions {
    /** Defaults for every call (each call may override them). */
    rag?: boolean;
    managed?: boolean;
    companions?: boolean;
}

export interface GeneratorCallOptions extends GenerateOptions {
    /** Called with each event as it comes: the retrieval context, streamed text, the result. */
    onEvent?: (event: EngineEvent) => void;
}

export interface RagComparison {
    rag: GenerationResult;
    noRag: GenerationResult;
}

/**
 * The library's entry point: one engine and one conversation. `generate` starts a conversation,
 * `refine` changes its current policy, `compareRagVsNoRag` runs a request both ways.
 *
 * ```ts
 * const generator = await PolicyGenerator.create({engine: "catalog"});
 * const first = await generator.generate("Allow reading objects in S3 bucket reports");
 * const second = await generator.refine("restrict it to us-east-1");
 * await generator.dispose();
 * ```
 */
export class PolicyGenerator {
    private session = new ConversationSession();

    private constructor(readonly engine: PolicyEngine, private readonly defaults: PolicyGeneratorOptions, readonly message?: string) {}

    static async create(options: PolicyGeneratorOptions = {}): Promise<PolicyGenerator> {
        const {engine, message} = await createEngine(options);
        return new PolicyGenerator(engine, options, message);
    }

    /** The conversation so far (results, newest last). */
    get conversation(): ConversationSession {
        return this.session;
    }

    /** Generates a policy for a new request, starting a new conversation. */
    async generate(request: string, options: GeneratorCallOptions = {}): Promise<GenerationResult> {
        this.session = new ConversationSession();
        return this.run(request, this.session, options);
    }

    /**
     * Starts a conversation from a policy written elsewhere (a file), so that `refine` changes it as
     * it would change one it generated. The policy is normalised and checked like a result.
     */
    startFrom(policy: PolicyDocument, source: string): GenerationResult {
        this.session = new ConversationSession();
        const started = resultFromPolicy(policy, source, this.engine.name);
        this.session.record(started);
        return started;
    }

    /** Changes the current policy with a follow-up ("also allow deleting objects"); with no policy yet, generates one. */
    async refine(followUp: string, options: GeneratorCallOptions = {}): Promise<GenerationResult> {
        return this.run(followUp, this.session, options);
    }

    /** The same request with and without retrieval, each in its own conversation. */
    async compareRagVsNoRag(request: string, options: Omit<GeneratorCallOptions, "rag"> = {}): Promise<RagComparison> {
        const rag = await this.run(request, new ConversationSession(), {...options, rag: true});
        const noRag = await this.run(request, new ConversationSession(), {...options, rag: false});
        return {rag, noRag};
    }

    async dispose(): Promise<void> {
        await this.engine.dispose?.();
    }

    private async run(request: string, session: ConversationSession, {onEvent, ...options}: GeneratorCallOptions): Promise<GenerationResult> {
        const fixed = accessDeniedTurn(request, session.current, this.engine.name);
        if (fixed != null) {
            onEvent?.({type: "done", result: fixed});
            if (fixed.unchanged !== true)
                session.record(fixed);
            return fixed;
        }
        const events = this.engine.generate(request, session, {
            ...(this.defaults.rag != null ? {rag: this.defaults.rag} : {}),
            ...(this.defaults.managed != null ? {managed: this.defaults.managed} : {}),
            ...(this.defaults.companions != null ? {companions: this.defaults.companions} : {}),
            ...options
        });
        let result: GenerationResult | undefined;
        for (;;) {
            const next = await events.next();
            if (next.done) {
                result ??= next.value;
                break;
            }
            onEvent?.(next.value);
            if (next.value.type === "done")
                result = next.value.result;
        }
        result = withPackedParts(result);
        // A follow-up that changed nothing makes no revision: the current policy stays the last one.
        if (result.unchanged !== true)
            session.record(result);
        return result;
    }
}

/** A policy written elsewhere (a file) as a result that a conversation can refine: checked, no retrieval, no time spent. */
export function resultFromPolicy(policy: PolicyDocument, source: string, engine: EngineName): GenerationResult {
    return {
        engine, request: source, policy, text: formatPolicy(policy), check: checkPolicy(policy), repairs: [],
        context: null, rag: false, timings: {totalMs: 0, retrievalMs: 0}
    };
}
