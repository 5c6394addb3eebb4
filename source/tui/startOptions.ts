import type {Settings} from "../settings/Settings.js";
import type {ConstraintChoice} from "../llm/remote/probeConstraint.js";
import type {EngineRequest} from "./state/SessionController.js";

/** The command line's options as commander parses them. */
export interface TuiFlags {
    model?: string;
    lora?: string;
    engine?: "auto" | "llama" | "catalog" | "openai";
    rag: boolean;
    gpu?: "auto" | "cpu";
    maxTokens?: number;
    /** `--policy FILE`: the policy to start from. */
    policy?: string;
    baseUrl?: string;
    apiKeyEnv?: string;
    timeout?: number;
    constraint?: ConstraintChoice;
}

export interface StartOptions {
    engine: EngineRequest;
    rag: boolean;
}

/** A flag given on the command line overrides the setting; a setting overrides the default. */
export function resolveStartOptions(flags: TuiFlags, settings: Settings, argv: readonly string[]): StartOptions {
    // commander's `--no-rag` makes `rag` true by default, so only an explicit flag may override the setting.
    const ragFlagGiven = argv.includes("--no-rag");
    const engine = flags.engine ?? (flags.baseUrl != null ? "openai" : flags.model != null ? "llama" : settings.engine);
    if (engine === "openai") {
        const {model, baseUrl, apiKeyEnv, timeout, constraint} = flags;
        // --model names the served model here; the rest of the server comes from the settings when not given.
        const remote = {baseUrl, model, apiKeyEnv, constraint, ...(timeout != null ? {timeoutSeconds: timeout} : {})};
        return {engine: {engine, remote}, rag: ragFlagGiven ? false : settings.rag};
    }
    return {
        engine: {
            engine,
            model: flags.model,
            lora: flags.lora,
            gpu: flags.gpu
        },
        rag: ragFlagGiven ? false : settings.rag
    };
}
