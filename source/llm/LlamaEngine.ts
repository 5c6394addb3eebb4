import type {LlamaChatSession} from "node-llama-cpp";
import type {Catalog} from "../catalog/Catalog.js";
import {loadCatalog} from "../catalog/loadCatalog.js";
import type {ConversationSession} from "../engine/ConversationSession.js";
import type {EngineEvent, GenerateOptions, GenerationResult, PolicyEngine} from "../engine/types.js";
import {Generation} from "./Generation.js";
import {PolicyGrammars} from "./grammar/PolicyGrammars.js";
import {generateWithModel, type ModelChat, type ModelEngineParts, type ModelTurn, type OutputScope, type TurnOptions} from "./modelGeneration.js";
import {ModelManager, type LoadedModel, type ModelOptions} from "./ModelManager.js";
import {SYSTEM_PROMPT} from "./prompt.js";

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

/** A conversation's chat, whose history stays in the context cache; each turn decodes under the policy grammar. */
class LlamaChat implements ModelChat {
    unchangedPolicy?: string;

    constructor(readonly chat: LlamaChatSession, private readonly grammars: PolicyGrammars, private readonly options: LlamaEngineOptions) {}

    async turn(prompt: string, scope: OutputScope, options: TurnOptions): Promise<ModelTurn> {
        const grammar = await this.grammars.get(scope.services, scope.effects);
        return new Generation(this.chat, prompt, grammar, {...options, temperature: this.options.temperature ?? 0, seed: this.options.seed});
    }
}

/**
 * The LLM engine: a resident GGUF model through node-llama-cpp, the retrieval context in the
 * prompt, decoding constrained by a grammar that only admits an identity policy with catalog
 * actions, streamed text, and every result parsed, repaired and checked.
 */
export class LlamaEngine implements PolicyEngine {
    readonly name = "llama" as const;
    private readonly catalog: Catalog;
    private readonly chats = new WeakMap<ConversationSession, LlamaChat>();
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

    generate(request: string, session: ConversationSession, options: GenerateOptions = {}): AsyncGenerator<EngineEvent, GenerationResult> {
        const parts: ModelEngineParts = {
            name: this.name,
            catalog: this.catalog,
            options: this.options,
            chatFor: (conversation) => this.chats.get(conversation) ?? this.newChat(conversation),
            acquire: () => this.acquire()
        };
        return generateWithModel(parts, request, session, options);
    }

    async dispose() {
        await this.queue.catch(() => undefined);
        await this.ownsManager?.dispose();
    }

    private newChat(session: ConversationSession): LlamaChat {
        const chat = new LlamaChat(new this.loaded.bindings.LlamaChatSession({
            contextSequence: this.loaded.sequence,
            chatWrapper: this.loaded.chatWrapper,
            systemPrompt: SYSTEM_PROMPT
        }), this.grammars, this.options);
        this.chats.set(session, chat);
        return chat;
    }

    private async acquire(): Promise<() => void> {
        let release!: () => void;
        const turn = new Promise<void>((resolve) => release = resolve);
        const previous = this.queue;
        this.queue = previous.then(() => turn);
        await previous;
        return release;
    }
}
