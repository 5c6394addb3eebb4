import type {Settings} from "../settings/Settings.js";
import type {EngineRequest} from "./state/SessionController.js";

/** The command line's options as commander parses them. */
export interface TuiFlags {
    model?: string;
    lora?: string;
    engine?: "auto" | "llama" | "catalog";
    rag: boolean;
    gpu?: "auto" | "cpu";
    maxTokens?: number;
}

export interface StartOptions {
    engine: EngineRequest;
    rag: boolean;
}

/** A flag given on the command line overrides the setting; a setting overrides the default. */
export function resolveStartOptions(flags: TuiFlags, settings: Settings, argv: readonly string[]): StartOptions {
    // commander's `--no-rag` makes `rag` true by default, so only an explicit flag may override the setting.
    const ragFlagGiven = argv.includes("--no-rag");
    return {
        engine: {
            engine: flags.engine ?? (flags.model != null ? "llama" : settings.engine),
            model: flags.model,
            lora: flags.lora,
            gpu: flags.gpu
        },
        rag: ragFlagGiven ? false : settings.rag
    };
}
