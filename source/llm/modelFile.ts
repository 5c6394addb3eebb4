import {existsSync, readdirSync, statSync} from "node:fs";
import {open} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {packageRoot} from "../catalog/paths.js";
import {printable} from "../text/printable.js";
import {GgufHeaderError, readGgufHeader} from "./gguf/ggufHeader.js";

/**
 * A model file that cannot be used, with a message fit for one line of output: control characters
 * are escaped, since the message may quote the file's metadata or llama.cpp's log of it.
 */
export class ModelFileError extends Error {
    constructor(message: string) {
        super(printable(message));
        this.name = "ModelFileError";
    }
}

export type ModelSource = "option" | "configured" | "models-folder";

export interface ResolvedModel {
    path: string;
    source: ModelSource;
}

/**
 * Finds the model to use: `--model PATH` (relative to the working directory), then the configured
 * default, then the first `*.gguf` in `models/` of the working directory, then of the package.
 * Paths are resolved here because node-llama-cpp's `resolveModelFile` resolves relative paths
 * against its own folder. Returns undefined when there is no model anywhere.
 */
export function resolveModelPath({model, configured, cwd = process.cwd()}: {model?: string; configured?: string; cwd?: string} = {}): ResolvedModel | undefined {
    if (model != null && model !== "")
        return {path: path.resolve(cwd, expandHome(model)), source: "option"};
    if (configured != null && configured !== "")
        return {path: path.resolve(cwd, expandHome(configured)), source: "configured"};
    for (const folder of new Set([path.join(cwd, "models"), path.join(packageRoot, "models")])) {
        const found = firstGguf(folder);
        if (found != null)
            return {path: found, source: "models-folder"};
    }
    return undefined;
}

function firstGguf(folder: string) {
    if (!existsSync(folder))
        return undefined;
    const name = readdirSync(folder).filter((file) => file.toLowerCase().endsWith(".gguf")).sort()[0];
    return name == null ? undefined : path.join(folder, name);
}

function expandHome(file: string) {
    return file === "~" || file.startsWith("~/") ? path.join(os.homedir(), file.slice(1)) : file;
}

const GGUF_MAGIC = "GGUF";

/**
 * Checks what llama.cpp would otherwise fail on less clearly (or abort the process for): that the
 * file exists, is readable, has a sound GGUF header (see readGgufHeader), and fits in memory. Returns its size.
 */
export async function checkModelFile(file: string, kind: "model" | "LoRA adapter" = "model"): Promise<number> {
    let size: number;
    try {
        const stats = statSync(file);
        if (!stats.isFile())
            throw new ModelFileError(`The ${kind} path ${file} is not a file`);
        size = stats.size;
    } catch (error) {
        if (error instanceof ModelFileError)
            throw error;
        throw new ModelFileError(`The ${kind} file ${file} does not exist`);
    }
    let magic: string;
    try {
        const handle = await open(file, "r");
        try {
            const {buffer, bytesRead} = await handle.read(Buffer.alloc(4), 0, 4, 0);
            magic = buffer.subarray(0, bytesRead).toString("latin1");
        } finally {
            await handle.close();
        }
    } catch (error) {
        throw new ModelFileError(`Cannot read the ${kind} file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    if (magic !== GGUF_MAGIC)
        throw new ModelFileError(`${file} is not a GGUF ${kind} (it does not start with "GGUF"); convert it with llama.cpp or download a .gguf file`);
    try {
        readGgufHeader(file);
    } catch (error) {
        if (error instanceof GgufHeaderError)
            throw new ModelFileError(`Cannot load ${file}: ${error.message}`);
        throw new ModelFileError(`Cannot read the ${kind} file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    if (size > os.totalmem())
        throw new ModelFileError(`The ${kind} ${file} (${formatGiB(size)}) is larger than this machine's memory (${formatGiB(os.totalmem())}); use a smaller or more quantised model`);
    return size;
}

export function formatGiB(bytes: number) {
    return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}
