import path from "node:path";
import {resolveModelPath} from "../llm/modelFile.js";
import type {LlamaEngine} from "../llm/LlamaEngine.js";
import type {ModelManager} from "../llm/ModelManager.js";
import type {Settings} from "../settings/Settings.js";
import type {OpenAIEngine} from "../llm/remote/OpenAIEngine.js";
import type {EngineLoader, EngineRequest, LoadedEngine, RemoteRequest} from "./state/SessionController.js";

export const ADD_MODEL_HINT = "No model found: running the catalog engine (no LLM). To add one, put a .gguf file in models/, start with --model PATH, or type /model PATH.";

/**
 * The TUI's engines. Each load reads the settings afresh, so an engine made after `/settings region …`
 * writes that region into its ARNs. Model engines share one model manager: making the engine again with
 * other ARN settings keeps the model that is loaded; switching models, or to the catalog engine, frees it.
 * The engine modules (catalog, node-llama-cpp) are imported on the first load, after the first frame.
 */
export function createEngineLoader(readSettings: () => Promise<Settings>, cwd = process.cwd()): EngineLoader {
    let manager: ModelManager | undefined;
    return {
        async load(request: EngineRequest, onProgress): Promise<LoadedEngine> {
            const settings = await readSettings();
            const {createEngine} = await import("../generator/createEngine.js");
            const arns = {account: settings.accountId, region: settings.region, partition: settings.partition};
            if (request.engine === "openai")
                return loadServedModel(request.remote ?? {}, settings, arns);
            const model = request.engine === "catalog" ? undefined : resolveModelPath({model: request.model, configured: settings.model, cwd});
            if (model == null) {
                if (request.engine === "llama")
                    throw new Error("no model to load: give one with /model PATH (a .gguf file), or put one in models/");
                await manager?.dispose();
                const {engine, message} = await createEngine({...arns, engine: "catalog"});
                return {
                    engine,
                    info: {name: engine.name},
                    message: request.engine === "auto" ? {level: "info", text: ADD_MODEL_HINT} : message == null ? undefined : {level: "info", text: message}
                };
            }
            const [{LlamaEngine}, {ModelManager}] = await Promise.all([import("../llm/LlamaEngine.js"), import("../llm/ModelManager.js")]);
            manager ??= new ModelManager();
            try {
                const engine = await LlamaEngine.create({
                    ...arns,
                    modelPath: model.path,
                    lora: request.lora,
                    gpu: request.gpu === "cpu" ? false : "auto",
                    onLoadProgress: onProgress,
                    manager
                });
                return {engine, info: {name: engine.name, model: path.basename(model.path), device: deviceOf(engine)}};
            } catch (error) {
                // As createEngine does: a model that cannot be loaded leaves the catalog engine running, and says why.
                await manager.dispose();
                const {engine} = await createEngine({...arns, engine: "catalog"});
                const reason = error instanceof Error ? error.message : String(error);
                return {engine, info: {name: engine.name}, message: {level: "warning", text: `${reason}; using the catalog engine.`}};
            }
        }
    };
}

/**
 * The openai engine, on the server the flags or the settings name. A server that cannot be used leaves
 * the catalog engine running, as a model that cannot be loaded does, and says why.
 */
async function loadServedModel(remote: RemoteRequest, settings: Settings, arns: {account?: string; region?: string; partition?: string}): Promise<LoadedEngine> {
    const baseUrl = remote.baseUrl ?? settings.remoteUrl;
    const model = remote.model ?? settings.remoteModel;
    if (baseUrl == null || model == null)
        throw new Error("no model server: /settings remoteUrl URL and /settings remoteModel NAME, or start with --engine openai --base-url URL --model NAME");
    const {createEngine} = await import("../generator/createEngine.js");
    try {
        const {engine} = await createEngine({...arns, engine: "openai", remote: {...remote, baseUrl, model}});
        const served = engine as OpenAIEngine;
        return {engine, info: {name: engine.name, model, device: `${new URL(baseUrl).host} (${served.constraint})`}};
    } catch (error) {
        const {engine} = await createEngine({...arns, engine: "catalog"});
        const reason = error instanceof Error ? error.message : String(error);
        return {engine, info: {name: engine.name}, message: {level: "warning", text: `${reason}; using the catalog engine.`}};
    }
}

/** `GPU (cuda)` or `CPU` for the model engine. */
function deviceOf(engine: LlamaEngine) {
    const gpu = engine.loaded.gpu;
    return gpu === false ? "CPU" : `GPU (${gpu})`;
}
