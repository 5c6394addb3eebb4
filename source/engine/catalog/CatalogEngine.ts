import {loadCatalog, type Catalog} from "../../catalog/index.js";
import {loadManagedPolicyNames, managedPolicy, type ManagedPolicy, type ManagedPolicyName} from "../../managed/index.js";
import {checkPolicy, formatPolicy, normalizePolicy} from "../../policy/index.js";
import type {PolicyDocument, Repair} from "../../policy/types.js";
import {retrieve} from "../../retrieval/index.js";
import type {RetrievalContext} from "../../retrieval/types.js";
import type {ConversationSession} from "../ConversationSession.js";
import {ManagedPolicyMatcher, type ManagedPolicyCandidate} from "../managedPolicyMatch.js";
import type {EngineEvent, GenerateOptions, GenerationResult, ManagedPolicyMatch, PolicyEngine} from "../types.js";
import {compose, composePolicy} from "./composePolicy.js";
import {forNamedServices, managedEvidence, withEvidenceServices, withoutScopedGrants, type ManagedEvidence} from "./managedEvidence.js";
import {refinePolicy} from "./refinePolicy.js";
import {policyStatements} from "../../policy/statements.js";
import {verifyGeneration} from "../../verification/index.js";

export interface CatalogEngineOptions {
    catalog?: Catalog;
    /** Used in ARNs when the request names none. */
    account?: string;
    region?: string;
    partition?: string;
}

const NOTHING_TO_GRANT = "Nothing to grant: no AWS service or action was recognised in the request. Name a service and what it should do, e.g. \"read objects in S3 bucket reports\".";
const RAG_OFF = "The catalog engine reads the request through retrieval, so it is the same with retrieval off; --no-rag changes what a language model is given.";
/** Longest request text read: retrieval works on the first sentences, and a 20 KB paste must not cost more than a few milliseconds. */
const MAX_REQUEST_CHARS = 4_000;

/**
 * A request that is a managed policy's name (every word of each in the other, filler aside) is
 * about what that policy grants, so its services become the request's; a request that only
 * resembles one ("read-only access to Amazon Inspector findings") is only told about it.
 */
const EVIDENCE_SCORE = 1;

let managedMatcher: ManagedPolicyMatcher<ManagedPolicyName> | undefined;

function sharedManagedMatcher() {
    managedMatcher ??= new ManagedPolicyMatcher(loadManagedPolicyNames());
    return managedMatcher;
}

/** The managed policy a request asks for, with its document (read only now that one matched). */
interface ManagedMatch {
    policy: ManagedPolicy;
    score: number;
    /** Named inside a request that asks for more than the policy: its services and actions are evidence, never the answer. */
    inText?: boolean;
    /** Why its document cannot be returned as a policy of ours, when it cannot. */
    unusable?: string;
}

/** Says where the services came from, what was left out of the managed policy, and how to get its document. */
function evidenceMessage(managed: ManagedMatch, evidence: ManagedEvidence) {
    const {name, arn} = managed.policy;
    const parts = [`The services come from the AWS managed policy ${name} (${arn}), which the request names; the actions are this engine's own choice for the request among those it allows, on the resources it allows them on`];
    if (evidence.leftOut > 0) {
        const where = evidence.scopedLeftOut === true ? "only under conditions or only on its own resources (with those the policy would be over the size limit)" : "only under conditions";
        parts.push(`${evidence.leftOut} action${evidence.leftOut === 1 ? "" : "s"} it allows ${where} ${evidence.leftOut === 1 ? "is" : "are"} left out`);
    }
    parts.push(managed.unusable != null ? `its document is not shown because ${managed.unusable}` : "use --managed to get its document");
    return `${parts.join("; ")}.`;
}

/** What composing or refining produced; `context` when it differs from retrieval's (a managed policy's services added). */
interface ComposeOutcome {
    policy: PolicyDocument | null;
    message?: string;
    extra: Partial<GenerationResult>;
    context?: RetrievalContext;
    /** What a refinement is verified against, when not the current policy (its ARNs moved to a region the follow-up names). */
    previous?: PolicyDocument;
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
        const retrieved = this.retrieve(text, current == null);
        const retrievalMs = performance.now() - retrievalStarted;
        // Composed before the context is shown: a managed policy the request names adds its services to it.
        const outcome = current != null
            ? this.refine(current, text, retrieved, options.companions ?? true)
            : this.compose(retrieved, this.matchManaged(text), options.managed ?? false, options.companions ?? true);
        const context = outcome.context ?? retrieved;
        yield {type: "context", context};

        const base = {engine: this.name, request, context, rag, repairs: [] as Repair[]};
        const timings = () => ({totalMs: performance.now() - started, retrievalMs});
        if (options.signal?.aborted)
            return abortedResult({...base, policy: null, text: "", check: null, timings: timings()});

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
            ...(policy != null ? {verification: verifyGeneration({policy, context, ...(current != null ? {previous: outcome.previous ?? current} : {}), ...outcome.extra.change != null ? {change: outcome.extra.change} : {}}, this.catalog)} : {}),
            timings: timings(),
            ...outcome.extra,
            ...(messages.length > 0 ? {message: messages.join(" ")} : {})
        };
    }

    private retrieve(text: string, impliedServices = true): RetrievalContext {
        return retrieve(text, {
            catalog: this.catalog,
            impliedServices,
            ...(this.options.account != null ? {account: this.options.account} : {}),
            ...(this.options.region != null ? {region: this.options.region} : {}),
            ...(this.options.partition != null ? {partition: this.options.partition} : {})
        });
    }

    private matchManaged(request: string): ManagedMatch | undefined {
        if (request.trim() === "")
            return undefined;
        const candidate: ManagedPolicyCandidate<ManagedPolicyName> | undefined = sharedManagedMatcher().match(request);
        const policy = candidate == null ? undefined : managedPolicy(candidate.policy.name);
        if (candidate == null || policy == null)
            return undefined;
        // Checked either way, so that the message never offers --managed for a document it would refuse.
        const unusable = this.managedDocumentProblem(policy.document);
        return {policy, score: candidate.score, ...(candidate.inText === true ? {inText: true} : {}), ...(unusable != null ? {unusable} : {})};
    }

    private compose(context: RetrievalContext, managed: ManagedMatch | undefined, useManaged: boolean, companions: boolean): ComposeOutcome {
        if (managed != null && useManaged && managed.unusable == null && managed.inText !== true) {
            const match: ManagedPolicyMatch = {name: managed.policy.name, arn: managed.policy.arn, used: true};
            return {
                policy: managed.policy.document,
                message: `This is the AWS managed policy ${match.name}: attach ${match.arn} rather than copying it.`,
                extra: {managedPolicy: match}
            };
        }
        const extra: Partial<GenerationResult> = managed == null ? {} : {managedPolicy: {name: managed.policy.name, arn: managed.policy.arn, used: false}};
        if (managed != null && managed.score >= EVIDENCE_SCORE) {
            const evidence = managedEvidence(managed.policy.name, managed.policy.document, this.catalog);
            const fromEvidence = this.composeFromEvidence(context, managed.inText === true ? forNamedServices(evidence, context) : evidence);
            if (fromEvidence != null)
                return {
                    policy: fromEvidence.policy,
                    context: fromEvidence.context,
                    message: [...this.notes(fromEvidence.context), evidenceMessage(managed, fromEvidence.evidence)].join(" "),
                    extra
                };
        }

        const composed = compose(context, this.catalog, {companions});
        const policy = composed.policy;
        if (composed.companions.length > 0)
            extra.companions = composed.companions;
        if (policy == null)
            return {
                policy: null,
                message: managed == null ? NOTHING_TO_GRANT
                    : `Nothing to compose from this request, but AWS manages a policy for it: ${managed.policy.name} (${managed.policy.arn})${managed.unusable != null ? `; its document is not shown because ${managed.unusable}` : "; use --managed to get its document"}.`,
                extra
            };
        const notes = [...this.notes(context), ...composed.notes];
        const hint = managed == null ? undefined
            : managed.unusable != null ? `AWS manages a policy for this: attach ${managed.policy.arn} by its ARN; its document is not shown because ${managed.unusable}.`
            : `AWS manages a policy for this: ${managed.policy.name} (${managed.policy.arn}); use --managed to get its document.`;
        if (hint != null)
            notes.push(hint);
        return {policy, ...(notes.length > 0 ? {message: notes.join(" ")} : {}), extra};
    }

    /**
     * The policy for a request that names a managed policy, composed over that policy's services;
     * without its resource-scoped grants when the policy would otherwise be over the size limit;
     * undefined when nothing fits the request or the result still would not pass the checker (a
     * policy over every service), so that the request is composed as written.
     */
    private composeFromEvidence(context: RetrievalContext, evidence: ManagedEvidence): {policy: PolicyDocument; context: RetrievalContext; evidence: ManagedEvidence} | undefined {
        for (const attempt of [evidence, withoutScopedGrants(evidence)]) {
            if (attempt.actions.size === 0)
                return undefined;
            const evidenced = withEvidenceServices(context, attempt, this.catalog);
            const policy = composePolicy(evidenced, this.catalog, attempt);
            if (policy == null)
                return undefined;
            const {policy: normalized} = normalizePolicy(policy, {catalog: this.catalog, repair: true});
            if (checkPolicy(normalized, {catalog: this.catalog}).valid)
                return {policy, context: evidenced, evidence: attempt};
        }
        return undefined;
    }

    /**
     * What retrieval recognised but no condition can express (a daily time window), said in its words,
     * and each service that is a best guess among others whose nouns the request uses.
     */
    private notes(context: RetrievalContext): string[] {
        const conditionNotes = context.conditions.flatMap((condition) => condition.note == null ? [] : [`${condition.note.replace(/\.$/, "")}.`]);
        const guesses = context.services.flatMap((service) => service.rivals == null ? [] : [
            `"${service.matched.join('", "')}" read as ${service.name}; ${service.rivals.map((rival) => this.catalog.service(rival)?.name ?? rival).join(", ")} ${service.rivals.length === 1 ? "has" : "have"} them too: name the service to choose another.`
        ]);
        return [...new Set([...conditionNotes, ...guesses])];
    }

    /** Why a managed policy's document cannot be returned as a policy of ours, or undefined when it can. */
    private managedDocumentProblem(document: PolicyDocument): string | undefined {
        const {policy} = normalizePolicy(document, {catalog: this.catalog, repair: true});
        const statements = policyStatements(policy);
        if (statements.some((statement) => statement.Effect === "Allow" && [statement.Action].flat().includes("*")))
            return "it allows every action";
        const error = checkPolicy(policy, {catalog: this.catalog}).findings.find((finding) => finding.severity === "ERROR");
        return error == null ? undefined : error.message;
    }

    private refine(current: PolicyDocument, followUp: string, context: RetrievalContext, companions: boolean): ComposeOutcome {
        const outcome = refinePolicy(current, followUp, context, (text) => this.retrieve(text), this.catalog, {companions, ...(this.options.region != null ? {configuredRegion: this.options.region} : {})});
        return {
            policy: outcome.policy,
            ...(outcome.baseline != null ? {previous: outcome.baseline} : {}),
            ...(outcome.changed ? {} : {message: outcome.summary}),
            extra: {changeSummary: outcome.changed ? outcome.summary : "No change.", change: outcome.change, ...(outcome.changed ? {} : {unchanged: true}), ...(outcome.companions != null ? {companions: outcome.companions} : {})}
        };
    }
}
