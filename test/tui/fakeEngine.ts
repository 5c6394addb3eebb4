// A scripted engine for the TUI's unit tests only; the product runs the real engines.
import type {ConversationSession} from "../../source/engine/ConversationSession.js";
import type {EngineEvent, GenerateOptions, GenerationResult, PolicyEngine} from "../../source/engine/types.js";
import type {PolicyDocument} from "../../source/policy/types.js";
import type {RetrievalContext} from "../../source/retrieval/types.js";
import type {EngineLoader} from "../../source/tui/state/SessionController.js";

export function contextFor(request: string): RetrievalContext {
    return {
        request,
        frames: [],
        scope: {allActions: false, exceptServices: [], broadDeny: false, words: []},
        services: [{prefix: "s3", name: "Amazon S3", role: "target", matched: ["bucket"]}],
        intents: [],
        candidates: [
            {action: "s3:GetObject", service: "s3", accessLevel: "Read", accessLevels: ["Read"], effect: "Allow", reason: "verb read", score: 2},
            {action: "s3:ListBucket", service: "s3", accessLevel: "List", accessLevels: ["List"], effect: "Allow", reason: "access list", score: 1}
        ],
        excluded: [],
        resources: [{service: "s3", type: "object", arn: "arn:aws:s3:::reports/*", matched: ["reports"]}],
        conditions: [{kind: "mfa", key: "aws:MultiFactorAuthPresent", operator: "Bool", values: ["true"], matched: ["MFA"]}],
        effect: "Allow",
        partition: "aws"
    };
}

export function resultFor(request: string, actions: string[], overrides: Partial<GenerationResult> = {}): GenerationResult {
    const policy: PolicyDocument = {Version: "2012-10-17", Statement: [{Sid: "ReadReports", Effect: "Allow", Action: actions, Resource: "arn:aws:s3:::reports/*"}]};
    return {
        engine: "catalog",
        request,
        policy,
        text: JSON.stringify(policy, null, 4),
        check: {
            valid: true,
            findings: [{code: "MISSING_MFA", severity: "SUGGESTION", message: "consider requiring MFA", path: "$.Statement[0]"}],
            size: {target: "managed", characters: 120, limit: 6144, withinLimit: true}
        },
        repairs: [],
        context: contextFor(request),
        rag: true,
        timings: {totalMs: 3, retrievalMs: 1},
        ...overrides
    };
}

/**
 * Streams a policy in chunks. A follow-up adds `s3:DeleteObject`. When `gate` is set, the stream waits on it
 * after the first chunk (to test abort and queued input) and honours the abort signal.
 */
export class FakeEngine implements PolicyEngine {
    readonly name = "catalog" as const;
    readonly requests: {request: string; options: GenerateOptions | undefined; refinement: boolean}[] = [];
    gate: Promise<void> | null = null;
    /** What the engine says a refinement changed, which the TUI must not trust. */
    summary = "added s3:DeleteObject";
    disposed = false;

    async *generate(request: string, session: ConversationSession, options?: GenerateOptions): AsyncGenerator<EngineEvent, GenerationResult> {
        const current = session.current;
        this.requests.push({request, options, refinement: current != null});
        const context = options?.rag === false ? null : contextFor(request);
        yield {type: "context", context};
        const actions = current == null ? ["s3:GetObject", "s3:ListBucket"] : [...[current.policy!.Statement].flat()[0]!.Action as string[], "s3:DeleteObject"];
        const final = resultFor(current?.request ?? request, actions, {
            request,
            context,
            rag: options?.rag ?? true,
            changeSummary: current == null ? undefined : this.summary
        });
        const chunks = final.text.match(/[\s\S]{1,16}/g) ?? [];
        let streamed = "";
        for (const [index, chunk] of chunks.entries()) {
            if (index === 1 && this.gate != null)
                await Promise.race([this.gate, aborted(options?.signal)]);
            if (options?.signal?.aborted) {
                const result: GenerationResult = {...final, policy: null, text: streamed, check: null, aborted: true};
                yield {type: "done", result};
                return result;
            }
            streamed += chunk;
            yield {type: "token", text: chunk};
        }
        yield {type: "done", result: final};
        return final;
    }

    async dispose() {
        this.disposed = true;
    }
}

function aborted(signal: AbortSignal | undefined) {
    return new Promise<void>((resolve) => signal?.addEventListener("abort", () => resolve(), {once: true}));
}

export function fakeLoader(engine = new FakeEngine()): EngineLoader & {engine: FakeEngine; loads: number} {
    return {
        engine,
        loads: 0,
        async load(request, onProgress) {
            this.loads++;
            if (request.engine === "llama" && request.model?.endsWith("missing.gguf"))
                throw new Error(`model file not found: ${request.model}`);
            onProgress(0.5);
            return {engine, info: {name: "catalog", model: undefined, device: "CPU"}};
        }
    };
}

/** A gate the test opens when it wants the stream to go on. */
export function createGate() {
    let open!: () => void;
    const promise = new Promise<void>((resolve) => {
        open = resolve;
    });
    return {promise, open};
}
