import type {ChatCompletionMessageParam} from "openai/resources/chat/completions";
import type {Catalog} from "../../catalog/Catalog.js";
import {loadCatalog} from "../../catalog/loadCatalog.js";
import type {ConversationSession} from "../../engine/ConversationSession.js";
import type {EngineEvent, GenerateOptions, GenerationResult, OutputConstraint, PolicyEngine} from "../../engine/types.js";
import {extractPolicyJson} from "../../policy/extractPolicyJson.js";
import {buildPolicyGrammar} from "../grammar/policyGrammar.js";
import {buildPolicyJsonSchema} from "../grammar/policyJsonSchema.js";
import {generateWithModel, isPolicyShaped, type GenerationOutcome, type ModelChat, type ModelTurn, type OutputScope, type TurnOptions} from "../modelGeneration.js";
import {SYSTEM_PROMPT} from "../prompt.js";
import {StreamedText} from "../streamedText.js";
import {constraintFields, probeConstraint, type ConstraintChoice, type ConstraintKind} from "./probeConstraint.js";
import {ServerClient, type RequestExtras, type ServerOptions} from "./ServerClient.js";
import {ServerFailure} from "./ServerFailure.js";

export interface OpenAIEngineOptions extends Omit<ServerOptions, "timeoutSeconds"> {
    /** `auto` (the default) asks the server which constraint it applies. */
    constraint?: ConstraintChoice;
    timeoutSeconds?: number;
    catalog?: Catalog;
    maxTokens?: number;
    /** Account, region and partition for the ARNs retrieval proposes. */
    account?: string;
    region?: string;
    partition?: string;
    examples?: number;
}

export const DEFAULT_TIMEOUT_SECONDS = 60;
/** Constraints kept per engine, by scope: a benchmark run asks for the same few service sets again and again. */
const MAX_KEPT_CONSTRAINTS = 32;

/**
 * The engine for a model served elsewhere over the OpenAI-compatible chat API (llama.cpp's server,
 * vLLM, Ollama, LM Studio, a gateway): the same prompt, scope, parsing, checks and verification as
 * the in-process engine, with the output constrained by the policy grammar or a JSON schema when the
 * server applies one. The server keeps no state: each turn sends the whole conversation.
 */
export class OpenAIEngine implements PolicyEngine {
    readonly name = "openai" as const;
    private readonly catalog: Catalog;
    private readonly chats = new WeakMap<ConversationSession, RemoteChat>();
    private readonly constraints = new Map<string, {fields: RequestExtras; report: OutputConstraint}>();

    private constructor(readonly client: ServerClient, readonly constraint: ConstraintKind, private readonly options: OpenAIEngineOptions) {
        this.catalog = options.catalog ?? loadCatalog();
    }

    /** With `constraint: "auto"` (the default), probes the server first: a server that cannot be reached fails here, with a `ServerFailure`. */
    static async create(options: OpenAIEngineOptions, signal?: AbortSignal): Promise<OpenAIEngine> {
        const client = new ServerClient({...options, timeoutSeconds: options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS});
        const choice = options.constraint ?? "auto";
        const constraint = choice === "auto" ? await probeConstraint(client, signal) : choice;
        return new OpenAIEngine(client, constraint, options);
    }

    get model() {
        return this.client.options.model;
    }

    /** The messages a conversation has sent and received so far (each turn resends them all). */
    historyOf(session: ConversationSession): readonly ChatCompletionMessageParam[] | undefined {
        return this.chats.get(session)?.messages;
    }

    generate(request: string, session: ConversationSession, options: GenerateOptions = {}): AsyncGenerator<EngineEvent, GenerationResult> {
        return generateWithModel({
            name: this.name,
            catalog: this.catalog,
            options: this.options,
            chatFor: (conversation) => {
                let chat = this.chats.get(conversation);
                if (chat == null) {
                    chat = new RemoteChat(this.client, (scope) => this.constraintFor(scope));
                    this.chats.set(conversation, chat);
                }
                return chat;
            }
        }, request, session, options);
    }

    /** The grammar or schema for a scope, narrowed to its known services (none known: the whole catalog). */
    private constraintFor(scope: OutputScope) {
        const services = [...new Set(scope.services)].filter((prefix) => this.catalog.service(prefix) != null).sort();
        const key = `${services.join(",")}|${[...scope.effects].sort().join(",")}`;
        let constraint = this.constraints.get(key);
        if (constraint == null) {
            const narrowing = {catalog: this.catalog, effects: scope.effects, ...(services.length > 0 ? {services} : {})};
            const body = this.constraint === "grammar" ? buildPolicyGrammar(narrowing) : this.constraint === "json-schema" ? buildPolicyJsonSchema(narrowing) : undefined;
            const bytes = body == null ? 0 : Buffer.byteLength(typeof body === "string" ? body : JSON.stringify(body));
            constraint = {fields: constraintFields(this.constraint, body), report: {kind: this.constraint, bytes, services: services.length > 0 ? services : "catalog"}};
            if (this.constraints.size >= MAX_KEPT_CONSTRAINTS)
                this.constraints.delete(this.constraints.keys().next().value!);
        }
        this.constraints.delete(key);
        this.constraints.set(key, constraint);
        return constraint;
    }
}

/** One conversation's messages; a turn that did not complete (aborted, failed) leaves them as they were. */
class RemoteChat implements ModelChat {
    unchangedPolicy?: string;
    readonly messages: ChatCompletionMessageParam[] = [{role: "system", content: SYSTEM_PROMPT}];

    constructor(private readonly client: ServerClient, private readonly constraintFor: (scope: OutputScope) => {fields: RequestExtras; report: OutputConstraint}) {}

    async turn(prompt: string, scope: OutputScope, options: TurnOptions): Promise<ModelTurn> {
        const {fields, report} = this.constraintFor(scope);
        const text = new StreamedText();
        const signal = options.signal == null ? text.stop.signal : AbortSignal.any([options.signal, text.stop.signal]);
        const sent: ChatCompletionMessageParam[] = [...this.messages, {role: "user", content: prompt}];
        const outcome = (async (): Promise<GenerationOutcome> => {
            try {
                const completion = await this.client.complete(sent, {...fields, max_tokens: options.maxTokens, temperature: 0}, {signal, onText: (chunk) => text.push(chunk)});
                if (!completion.aborted && report.kind !== "none" && !followsConstraint(completion.text, completion.finishReason))
                    throw new ServerFailure(`${this.client.displayUrl} ignored the ${report.kind} it was sent: its answer is not a JSON policy; try --constraint ${report.kind === "grammar" ? "json-schema" : "none"}`, "junk");
                if (!completion.aborted)
                    this.messages.push({role: "user", content: prompt}, {role: "assistant", content: completion.text});
                const decodeSeconds = completion.firstTextAt != null && completion.lastTextAt != null ? (completion.lastTextAt - completion.firstTextAt) / 1000 : 0;
                return {
                    text: completion.text,
                    stopReason: completion.aborted ? "abort" : completion.finishReason === "length" ? "maxTokens" : "done",
                    maxTokens: options.maxTokens,
                    tokens: completion.tokens,
                    timeToFirstTokenMs: completion.firstTextAt == null ? undefined : completion.firstTextAt - options.started,
                    tokensPerSecond: completion.tokens > 1 && decodeSeconds > 0 ? (completion.tokens - 1) / decodeSeconds : undefined,
                    constraint: report
                };
            } finally {
                text.finish();
            }
        })();
        // The stream reports failures through `outcome`; this keeps an unawaited rejection from crashing the process.
        outcome.catch(() => undefined);
        return {chunks: () => text.chunks(outcome), outcome};
    }
}

/** Output under a grammar or schema is a policy, or, cut at the token limit, the start of one. */
function followsConstraint(text: string, finishReason: string | null): boolean {
    return finishReason === "length" ? text.trimStart().startsWith("{") : isPolicyShaped(extractPolicyJson(text)?.value);
}
