import {CatalogEngine, type CatalogEngineOptions} from "../engine/catalog/CatalogEngine.js";
import {resolveModelPath} from "../llm/modelFile.js";
import type {EngineChoice, PolicyEngine} from "../engine/types.js";
import type {ConstraintChoice} from "../llm/remote/probeConstraint.js";

export {ENGINE_CHOICES, type EngineChoice} from "../engine/types.js";

export interface CreateEngineOptions extends CatalogEngineOptions {
    engine?: EngineChoice;
    /** LLM engine: the GGUF model (`--model`, relative to the working directory). */
    model?: string;
    /** The configured default model, used when `model` is not given. */
    configuredModel?: string;
    /** A GGUF LoRA adapter applied to the model. */
    lora?: string;
    /** `"auto"` uses a GPU when there is one; `false` the CPU only. */
    gpu?: "auto" | false;
    /** CPU threads (default: the machine's cores). */
    threads?: number;
    /** Token limit per answer. */
    maxTokens?: number;
    /** Model load progress, 0 to 1. */
    onLoadProgress?: (progress: number) => void;
    /** `openai` engine: the server and model; the key is read from the environment variable `apiKeyEnv` (default `OPENAI_API_KEY`). */
    remote?: {baseUrl: string; model: string; apiKeyEnv?: string; timeoutSeconds?: number; constraint?: ConstraintChoice};
}

export interface CreatedEngine {
    engine: PolicyEngine;
    /** Something the user should know about the choice, e.g. why a fallback was taken. */
    message?: string;
}

/**
 * Creates the engine `options.engine` names. `llama` and `auto` use the model from `model`, the
 * configured default or `models/`; without one, or when it cannot be loaded, the catalog engine
 * takes over and `message` says why (silently for `auto` without any model).
 */
export async function createEngine(options: CreateEngineOptions = {}): Promise<CreatedEngine> {
    const choice = options.engine ?? "auto";
    if (choice === "catalog")
        return {engine: new CatalogEngine(options)};
    if (choice === "openai") {
        if (options.remote == null)
            throw new Error("the openai engine needs a server: --base-url URL --model NAME (or the settings remoteUrl and remoteModel)");
        // No fallback: a server that fails is reported (ServerFailure), not replaced by another engine.
        const apiKeyEnv = options.remote.apiKeyEnv ?? "OPENAI_API_KEY";
        const {OpenAIEngine} = await import("../llm/remote/OpenAIEngine.js");
        return {engine: await OpenAIEngine.create({...options, ...options.remote, apiKeyEnv, apiKey: process.env[apiKeyEnv] || undefined})};
    }
    const model = resolveModelPath({model: options.model, configured: options.configuredModel});
    if (model == null) {
        return {
            engine: new CatalogEngine(options),
            ...(choice === "llama" ? {message: "No model: pass --model PATH, configure a default model, or put a .gguf file in models/; using the catalog engine."} : {})
        };
    }
    try {
        // Loaded on demand: node-llama-cpp alone costs ~0.4 s to import, which the catalog engine never pays.
        const {LlamaEngine} = await import("../llm/LlamaEngine.js");
        return {engine: await LlamaEngine.create({...options, modelPath: model.path})};
    } catch (error) {
        return {
            engine: new CatalogEngine(options),
            message: `${error instanceof Error ? error.message : String(error)}; using the catalog engine.`
        };
    }
}
