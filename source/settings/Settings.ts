import fs from "node:fs";
import path from "node:path";
import type {ValidateFunction} from "ajv";
import type Conf from "conf";
import type {Schema} from "conf";
import type {EngineChoice} from "../engine/types.js";

// The engine modules are not imported at start-up, so the schema lists the choices itself; the type keeps them in step.
const ENGINE_CHOICES = ["auto", "llama", "catalog", "openai"] as const satisfies readonly EngineChoice[];

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
    /** `openai` engine: the server's base URL (`http://host:8000/v1`) and the model it serves. The API key is never kept here. */
    remoteUrl?: string;
    remoteModel?: string;
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
    partition: {type: "string", enum: ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"]},
    remoteUrl: {type: "string", pattern: "^https?://[^\\s]+$"},
    remoteModel: {type: "string", minLength: 1}
};

export const SETTING_KEYS = Object.keys(schema) as (keyof Settings)[];

export interface OpenedSettings {
    store: SettingsStore;
    /** Set when the file was unreadable or invalid: replaced by the defaults, or unusable and the defaults used for this run. */
    warning?: string;
}

/**
 * The user's settings file (conf). `IAM_GEN_CONFIG_DIR` moves it, so tests and scripts never touch the
 * real user configuration. A file or folder that cannot be used (a folder where the file should be, a
 * FIFO, a link loop, no permission) leaves the defaults in memory for the run: never a crash or a hang.
 */
export class SettingsStore {
    private constructor(private readonly conf: Conf<Settings> | undefined, readonly path: string, private readonly unusable?: string) {}

    /**
     * Opens the settings; a corrupt or invalid file is reported and replaced by the defaults, never fatal.
     * conf (with ajv) is imported here, not at start-up: the TUI paints its first frame before reading settings.
     */
    static async open(directory = process.env.IAM_GEN_CONFIG_DIR): Promise<OpenedSettings> {
        const {default: ConfClass} = await import("conf");
        const validate = await settingsValidator();
        let file = "";
        // conf reads the file at every access: each read first makes sure it is a regular file (or absent),
        // and every read and write is checked against the schema (compiled once: conf compiles it per instance, 25 ms).
        class CheckedConf extends ConfClass<Settings> {
            override get store(): Settings {
                file = this.path;
                refuseUnusualFile(this.path);
                return validSettings(super.store, validate);
            }

            override set store(value: Settings) {
                super.store = validSettings(value, validate);
            }
        }
        const create = () => new CheckedConf({projectName: "iam-gen", cwd: directory, defaults: {...DEFAULT_SETTINGS}});
        try {
            return {store: new SettingsStore(create(), file)};
        } catch (error) {
            if (!isCorruptContent(error))
                return SettingsStore.inMemory(file, firstLine(error));
            try {
                // A regular file whose content is not valid settings: replaced by the defaults, as documented.
                fs.rmSync(file, {force: true});
                return {store: new SettingsStore(create(), file), warning: `settings file ${file} was unreadable (${firstLine(error)}); replaced by the defaults`};
            } catch (retryError) {
                return SettingsStore.inMemory(file, firstLine(retryError));
            }
        }
    }

    private static inMemory(file: string, reason: string): OpenedSettings {
        return {store: new SettingsStore(undefined, file, reason), warning: `settings cannot be used (${reason}); using the defaults for this run`};
    }

    get values(): Settings {
        try {
            return {...DEFAULT_SETTINGS, ...this.conf?.store};
        } catch {
            return {...DEFAULT_SETTINGS}; // the file went bad after opening: the defaults, as at a failed open
        }
    }

    /** Sets one setting from its text form (`rag off`, `accountId 123456789012`); throws a one-line error on a bad value. */
    setFromText(key: string, text: string) {
        const settingKey = SETTING_KEYS.find((candidate) => candidate.toLowerCase() === key.toLowerCase());
        if (settingKey == null)
            throw new Error(`unknown setting "${key}"; settings are ${SETTING_KEYS.join(", ")}`);
        if (this.conf == null)
            throw new Error(`settings cannot be saved (${this.unusable})`);
        const value = text === "" || settingKey !== "rag" ? text : parseSwitch(text);
        try {
            if (text === "")
                this.conf.delete(settingKey);
            else
                this.conf.set(settingKey, value as Settings[typeof settingKey]);
        } catch (error) {
            throw new Error(isCorruptContent(error) && text !== "" ? `invalid value "${text}" for ${settingKey}` : `cannot save settings: ${firstLine(error)}`);
        }
    }
}

/**
 * Anything but a regular file where the settings file should be (a folder, a FIFO, a device, a link
 * loop) is refused. When there is no file yet, its folder is made here, one level at a time: conf's
 * recursive mkdir never returns under /proc.
 */
function refuseUnusualFile(file: string) {
    let stats: fs.Stats;
    try {
        stats = fs.statSync(file);
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT")
            return makeFolder(path.dirname(file));
        const code = (error as NodeJS.ErrnoException).code;
        throw new Error(`${file}: ${code === "ENOTDIR" ? "its folder is a file" : code === "ELOOP" ? "a symbolic link loop" : code === "EACCES" ? "permission denied" : code ?? firstLine(error)}`);
    }
    if (!stats.isFile())
        throw new Error(`${file} is ${stats.isDirectory() ? "a folder" : "not a regular file"}`);
}

function makeFolder(folder: string) {
    const missing: string[] = [];
    for (let current = folder; !fs.existsSync(current) && path.dirname(current) !== current; current = path.dirname(current))
        missing.unshift(current);
    try {
        for (const level of missing)
            fs.mkdirSync(level);
    } catch (error) {
        throw new Error(`cannot create ${folder}: ${(error as NodeJS.ErrnoException).code ?? firstLine(error)}`);
    }
}

/** Settings that are not valid by the schema, read from the file or about to be written. */
class InvalidSettingsError extends Error {}

let compiledSchema: ValidateFunction | undefined;

async function settingsValidator(): Promise<ValidateFunction> {
    if (compiledSchema == null) {
        // ajv is CommonJS: bundled (iam-gen-tui) its class is the module's default export, under node its named one.
        const ajv = await import("ajv") as unknown as {Ajv?: typeof import("ajv").Ajv; default: {Ajv?: typeof import("ajv").Ajv}};
        const Ajv = ajv.Ajv ?? ajv.default.Ajv ?? (ajv.default as unknown as typeof import("ajv").Ajv);
        compiledSchema = new Ajv({allErrors: true}).compile({type: "object", properties: schema});
    }
    return compiledSchema;
}

function validSettings(value: Settings, validate: ValidateFunction): Settings {
    if (!validate(value))
        throw new InvalidSettingsError(`not valid settings: ${(validate.errors ?? []).map((error) => `${error.instancePath.slice(1) || "the file"} ${error.message ?? "is invalid"}`).join(", ")}`);
    return value;
}

/** Errors for a file that was read but holds no valid settings (JSON or schema), as opposed to one that cannot be read or written. */
function isCorruptContent(error: unknown): boolean {
    return error instanceof SyntaxError || error instanceof InvalidSettingsError;
}

function firstLine(error: unknown): string {
    return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
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
