import fs from "node:fs";
import type Conf from "conf";
import type {Schema} from "conf";
import type {EngineChoice} from "../engine/types.js";

// The engine modules are not imported at start-up, so the schema lists the choices itself; the type keeps them in step.
const ENGINE_CHOICES = ["auto", "llama", "catalog"] as const satisfies readonly EngineChoice[];

/** What a user can configure once instead of passing flags every time. Flags always win. */
export interface Settings {
    /** Default GGUF model file; absent = the first `*.gguf` in `models/`, else the catalog engine. */
    model?: string;
    engine: EngineChoice;
    /** Ground generations in the retrieval result. */
    rag: boolean;
    /** Where `/save` writes when no path is given, relative to the working directory. */
    saveFolder: string;
    /** Used in the ARNs of generated policies; absent = `*`. */
    accountId?: string;
    region?: string;
    partition: string;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = {
    engine: "auto",
    rag: true,
    saveFolder: "policies",
    partition: "aws"
};

const schema: Schema<Settings> = {
    model: {type: "string", minLength: 1},
    engine: {type: "string", enum: [...ENGINE_CHOICES]},
    rag: {type: "boolean"},
    saveFolder: {type: "string", minLength: 1},
    accountId: {type: "string", pattern: "^[0-9]{12}$"},
    region: {type: "string", pattern: "^[a-z]{2}(-[a-z]+)+-[0-9]+$"},
    partition: {type: "string", enum: ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"]}
};

export const SETTING_KEYS = Object.keys(schema) as (keyof Settings)[];

export interface OpenedSettings {
    store: SettingsStore;
    /** Set when the file was unreadable or invalid and has been replaced by the defaults. */
    warning?: string;
}

/**
 * The user's settings file (conf). `IAM_GEN_CONFIG_DIR` moves it, so tests and scripts never touch the
 * real user configuration.
 */
export class SettingsStore {
    private constructor(private readonly conf: Conf<Settings>) {}

    /**
     * Opens the settings; a corrupt or invalid file is reported and replaced by the defaults, never fatal.
     * conf (with ajv) is imported here, not at start-up: the TUI paints its first frame before reading settings.
     */
    static async open(directory = process.env.IAM_GEN_CONFIG_DIR): Promise<OpenedSettings> {
        const {default: ConfClass} = await import("conf");
        const create = (options: ConstructorParameters<typeof Conf<Settings>>[0]) => new ConfClass<Settings>({projectName: "iam-gen", cwd: directory, ...options});
        try {
            return {store: new SettingsStore(create({schema, defaults: {...DEFAULT_SETTINGS}}))};
        } catch (error) {
            // Conf computes the path before reading, so an instance that ignores the content yields it safely.
            const path = create({clearInvalidConfig: true}).path;
            fs.rmSync(path, {force: true});
            const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
            return {
                store: new SettingsStore(create({schema, defaults: {...DEFAULT_SETTINGS}})),
                warning: `settings file ${path} was unreadable (${reason}); replaced by the defaults`
            };
        }
    }

    get path() {
        return this.conf.path;
    }

    get values(): Settings {
        return {...DEFAULT_SETTINGS, ...this.conf.store};
    }

    /** Sets one setting from its text form (`rag off`, `accountId 123456789012`); throws a one-line error on a bad value. */
    setFromText(key: string, text: string) {
        const settingKey = SETTING_KEYS.find((candidate) => candidate.toLowerCase() === key.toLowerCase());
        if (settingKey == null)
            throw new Error(`unknown setting "${key}"; settings are ${SETTING_KEYS.join(", ")}`);
        if (text === "") {
            this.conf.delete(settingKey);
            return;
        }
        const value = settingKey === "rag" ? parseSwitch(text) : text;
        try {
            this.conf.set(settingKey, value as Settings[typeof settingKey]);
        } catch {
            throw new Error(`invalid value "${text}" for ${settingKey}`);
        }
    }
}

/** `on|off|true|false|yes|no` → boolean; anything else is an error. */
export function parseSwitch(text: string) {
    const normalized = text.trim().toLowerCase();
    if (["on", "true", "yes", "1"].includes(normalized))
        return true;
    if (["off", "false", "no", "0"].includes(normalized))
        return false;
    throw new Error(`expected on or off, got "${text}"`);
}
