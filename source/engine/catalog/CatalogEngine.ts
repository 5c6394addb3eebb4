import {loadCatalog, type Catalog} from "../../catalog/index.js";
import {loadManagedPolicies} from "../../managed/index.js";
import {checkPolicy, formatPolicy, normalizePolicy} from "../../policy/index.js";
import type {PolicyDocument, Repair} from "../../policy/types.js";
import {retrieve} from "../../retrieval/index.js";
import type {RetrievalContext} from "../../retrieval/types.js";
import type {ConversationSession} from "../ConversationSession.js";
import {ManagedPolicyMatcher} from "../managedPolicyMatch.js";
import type {EngineEvent, GenerateOptions, GenerationResult, ManagedPolicyMatch, PolicyEngine} from "../types.js";
import {composePolicy} from "./composePolicy.js";
import {isFullDate} from "./conditions.js";
import {refinePolicy} from "./refinePolicy.js";

export interface CatalogEngineOptions {
    catalog?: Catalog;
    /** Used in ARNs when the request names none. */
    account?: string;
    region?: string;
    partition?: string;
}

interface ManagedPolicyEntry {
    name: string;
    arn: string;
    document: unknown;
}

const NOTHING_TO_GRANT = "Nothing to grant: no AWS service or action was recognised in the request. Name a service and what it should do, e.g. \"read objects in S3 bucket reports\".";
const RAG_OFF = "The catalog engine reads the request through retrieval, so it is the same with retrieval off; --no-rag changes what a language model is given.";
/** Longest request text read: retrieval works on the first sentences, and a 20 KB paste must not cost more than a few milliseconds. */
const MAX_REQUEST_CHARS = 4_000;

let managedMatcher: ManagedPolicyMatcher<ManagedPolicyEntry> | undefined;

function sharedManagedMatcher() {
    managedMatcher ??= new ManagedPolicyMatcher(loadManagedPolicies());
    return managedMatcher;
}

function abortedResult(base: Omit<GenerationResult, "aborted" | "message">): GenerationResult {
    return {...base, aborted: true, message: "Stopped before the policy was complete."};
}

/**
 * The deterministic engine: composes a least-privilege policy from the retrieval result (or
 * refines the session's current policy with a follow-up) in milliseconds, with no model. It is the
 * default without a model, the fallback when one fails, and the baseline models are measured against.
 */
export class CatalogEngine implements PolicyEngine {
    readonly name = "catalog" as const;
    private readonly catalog: Catalog;

    constructor(private readonly options: CatalogEngineOptions = {}) {
        this.catalog = options.catalog ?? loadCatalog();
    }

    async *generate(request: string, session: ConversationSession, options: GenerateOptions = {}): AsyncGenerator<EngineEvent, GenerationResult> {
        const result = yield* this.run(request, session, options);
        yield {type: "done", result};
        return result;
    }

    private async *run(request: string, session: ConversationSession, options: GenerateOptions): AsyncGenerator<EngineEvent, GenerationResult> {
        const started = performance.now();
        const rag = options.rag ?? true;
        const text = request.slice(0, MAX_REQUEST_CHARS);
        const current = session.current?.policy ?? null;

        const retrievalStarted = performance.now();
        const context = this.retrieve(text);
        const retrievalMs = performance.now() - retrievalStarted;
        yield {type: "context", context};

        const base = {engine: this.name, request, context, rag, repairs: [] as Repair[]};
        const timings = () => ({totalMs: performance.now() - started, retrievalMs});
        if (options.signal?.aborted)
            return abortedResult({...base, policy: null, text: "", check: null, timings: timings()});

        const outcome = current != null
            ? this.refine(current, text, context)
            : this.compose(text, context, options.managed ?? false);
        const messages = [outcome.message, rag ? undefined : RAG_OFF].filter((message) => message != null);

        let policy: PolicyDocument | null = null;
        let repairs: Repair[] = [];
        if (outcome.policy != null) {
            const normalized = normalizePolicy(outcome.policy, {catalog: this.catalog, repair: true});
            policy = normalized.policy;
            repairs = normalized.repairs;
        }
        const formatted = policy == null ? "" : formatPolicy(policy);

        let streamed = "";
        for (const chunk of formatted.split(/(?<=\n)/)) {
            if (options.signal?.aborted)
                return abortedResult({...base, policy: null, text: streamed, check: null, repairs, timings: timings(), ...outcome.extra});
            streamed += chunk;
            yield {type: "token", text: chunk};
        }

        return {
            ...base,
            policy,
            text: formatted,
            check: policy == null ? null : checkPolicy(policy, {catalog: this.catalog}),
            repairs,
            timings: timings(),
            ...outcome.extra,
            ...(messages.length > 0 ? {message: messages.join(" ")} : {})
        };
    }

    private retrieve(text: string): RetrievalContext {
        return retrieve(text, {
            catalog: this.catalog,
            ...(this.options.account != null ? {account: this.options.account} : {}),
            ...(this.options.region != null ? {region: this.options.region} : {}),
            ...(this.options.partition != null ? {partition: this.options.partition} : {})
        });
    }

    private compose(request: string, context: RetrievalContext, useManaged: boolean): {policy: PolicyDocument | null; message?: string; extra: Partial<GenerationResult>} {
        const managed = request.trim() === "" ? undefined : sharedManagedMatcher().match(request);
        // Checked either way, so that the message never offers --managed for a document it would refuse.
        const unusable = managed == null ? undefined : this.managedDocumentProblem(managed.policy.document as PolicyDocument);
        if (managed != null && useManaged) {
            const match: ManagedPolicyMatch = {name: managed.policy.name, arn: managed.policy.arn, used: true};
            if (unusable == null)
                return {
                    policy: managed.policy.document as PolicyDocument,
                    message: `This is the AWS managed policy ${match.name}: attach ${match.arn} rather than copying it.`,
                    extra: {managedPolicy: match}
                };
        }
        const policy = composePolicy(context, this.catalog);
        const extra: Partial<GenerationResult> = managed == null ? {} : {managedPolicy: {name: managed.policy.name, arn: managed.policy.arn, used: false}};
        if (policy == null)
            return {
                policy: null,
                message: managed == null ? NOTHING_TO_GRANT
                    : `Nothing to compose from this request, but AWS manages a policy for it: ${managed.policy.name} (${managed.policy.arn})${unusable != null ? `; its document is not shown because ${unusable}` : "; use --managed to get its document"}.`,
                extra
            };
        const notes: string[] = [];
        if (context.conditions.some((condition) => condition.kind === "timeWindow" && !condition.values.every(isFullDate)))
            notes.push("IAM compares aws:CurrentTime with full dates, so a daily time window cannot be written; the policy has no time condition.");
        const hint = managed == null ? undefined
            : unusable != null ? `AWS manages a policy for this: attach ${managed.policy.arn} by its ARN; its document is not shown because ${unusable}.`
            : `AWS manages a policy for this: ${managed.policy.name} (${managed.policy.arn}); use --managed to get its document.`;
        if (hint != null)
            notes.push(hint);
        return {policy, ...(notes.length > 0 ? {message: notes.join(" ")} : {}), extra};
    }

    /** Why a managed policy's document cannot be returned as a policy of ours, or undefined when it can. */
    private managedDocumentProblem(document: PolicyDocument): string | undefined {
        const {policy} = normalizePolicy(document, {catalog: this.catalog, repair: true});
        const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
        if (statements.some((statement) => statement.Effect === "Allow" && [statement.Action].flat().includes("*")))
            return "it allows every action";
        const error = checkPolicy(policy, {catalog: this.catalog}).findings.find((finding) => finding.severity === "ERROR");
        return error == null ? undefined : error.message;
    }

    private refine(current: PolicyDocument, followUp: string, context: RetrievalContext): {policy: PolicyDocument; message?: string; extra: Partial<GenerationResult>} {
        const outcome = refinePolicy(current, followUp, context, (text) => this.retrieve(text), this.catalog);
        return {
            policy: outcome.policy,
            ...(outcome.changed ? {} : {message: outcome.summary}),
            extra: {changeSummary: outcome.changed ? outcome.summary : "No change."}
        };
    }
}
