import path from "node:path";
import {resolveModelPath} from "../llm/modelFile.js";
import type {PolicyEngine} from "../engine/types.js";
import type {LlamaEngine} from "../llm/LlamaEngine.js";
import type {Settings} from "../settings/Settings.js";
import type {EngineLoader, EngineRequest, LoadedEngine} from "./state/SessionController.js";

export const ADD_MODEL_HINT = "No model found: running the catalog engine (no LLM). To add one, put a .gguf file in models/, start with --model PATH, or type /model PATH.";

/**
 * The TUI's engines, from `createEngine`. The engine modules (catalog, node-llama-cpp) are imported on
 * the first load, after the first frame is on screen.
 */
export function createEngineLoader(settings: Settings, cwd = process.cwd()): EngineLoader {
    return {
        async load(request: EngineRequest, onProgress): Promise<LoadedEngine> {
            const {createEngine} = await import("../engine/createEngine.js");
            const arns = {account: settings.accountId, region: settings.region, partition: settings.partition};
            const model = request.engine === "catalog" ? undefined : resolveModelPath({model: request.model, configured: settings.model, cwd});
            if (model == null) {
                if (request.engine === "llama")
                    throw new Error("no model to load: give one with /model PATH (a .gguf file), or put one in models/");
                const {engine, message} = await createEngine({...arns, engine: "catalog"});
                return {
                    engine,
                    info: {name: engine.name},
                    message: request.engine === "auto" ? {level: "info", text: ADD_MODEL_HINT} : message == null ? undefined : {level: "info", text: message}
                };
            }
            const {engine, message} = await createEngine({
                ...arns,
                engine: "llama",
                model: model.path,
                lora: request.lora,
                gpu: request.gpu === "cpu" ? false : "auto",
                onLoadProgress: onProgress
            });
            return {
                engine,
                info: {name: engine.name, model: engine.name === "llama" ? path.basename(model.path) : undefined, device: deviceOf(engine)},
                message: message == null ? undefined : {level: engine.name === "llama" ? "info" : "warning", text: message}
            };
        }
    };
}

/** `GPU (cuda)` or `CPU` for the model engine. */
function deviceOf(engine: PolicyEngine) {
    if (engine.name !== "llama")
        return undefined;
    const gpu = (engine as LlamaEngine).loaded.gpu;
    return gpu === false ? "CPU" : `GPU (${gpu})`;
}
