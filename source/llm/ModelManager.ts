import os from "node:os";
import type {ChatWrapper, Llama, LlamaContext, LlamaContextSequence, LlamaLogLevel, LlamaModel} from "node-llama-cpp";
import {checkModelFile, formatGiB, ModelFileError} from "./modelFile.js";

type NodeLlamaCpp = typeof import("node-llama-cpp");

export interface ModelOptions {
    /** Absolute path of the GGUF model (see `resolveModelPath`). */
    modelPath: string;
    /** A GGUF LoRA adapter applied on top of the model. */
    lora?: string;
    /** `"auto"` uses CUDA/Vulkan/Metal when present; `false` forces the CPU. */
    gpu?: "auto" | false;
    /** Layers to offload to the GPU (node-llama-cpp's `gpuLayers`; default `"auto"`). */
    gpuLayers?: "auto" | "max" | number;
    /**
     * CPU threads for evaluation; defaults to the machine's cores (fewer for small models, see
     * `defaultThreads`). node-llama-cpp's own default is at least 4, which on a 2-core machine
     * oversubscribes it (~4 tokens/s instead of >1,000 on a tiny model).
     */
    threads?: number;
    /** Tokens the context holds (default: the model's training context, at most 8,192). */
    contextSize?: number;
    /** Model then context load progress, from 0 to 1. */
    onLoadProgress?: (progress: number) => void;
    signal?: AbortSignal;
}

/** llama.cpp's log lines, kept out of the terminal (the TUI owns the screen) but available for error messages. */
export interface LlamaLogLine {
    level: string;
    message: string;
}

const DEFAULT_MAX_CONTEXT = 8192;
/** Weights per thread below which another thread costs more in synchronisation than it saves. */
const BYTES_PER_THREAD = 256 * 2 ** 20;
const KEPT_LOG_LINES = 50;
/** How long a failed load waits for llama.cpp's log line that names the cause. */
const LOG_FLUSH_WAIT_MS = 500;

/**
 * A loaded model with one context and one sequence that every chat of this process shares:
 * llama.cpp reuses the longest common token prefix of the sequence, so a conversation that
 * continues (or a new one with the same system prompt) does not re-evaluate what it already has.
 */
export class LoadedModel {
    constructor(
        readonly bindings: NodeLlamaCpp,
        readonly llama: Llama,
        readonly model: LlamaModel,
        readonly context: LlamaContext,
        readonly sequence: LlamaContextSequence,
        /** Resolved once: node-llama-cpp matches the model's chat template against every wrapper it knows (seconds). */
        readonly chatWrapper: ChatWrapper,
        readonly options: Readonly<ModelOptions> & {threads: number}
    ) {}

    get gpu(): string | false {
        return this.llama.gpu;
    }

    async dispose() {
        await this.context.dispose();
        await this.model.dispose();
    }
}

/**
 * Loads models through one process-wide `Llama` per GPU setting (creating several is costly and
 * pointless) and keeps the loaded model for reuse: the same options give the same `LoadedModel`.
 */
export class ModelManager {
    private current?: {key: string; loaded: Promise<LoadedModel>};
    readonly logs: LlamaLogLine[] = [];

    constructor(private readonly onLog?: (line: LlamaLogLine) => void) {}

    load(options: ModelOptions): Promise<LoadedModel> {
        const key = JSON.stringify([options.modelPath, options.lora, options.gpu, options.gpuLayers, options.threads, options.contextSize]);
        if (this.current?.key === key)
            return this.current.loaded;
        const previous = this.current?.loaded;
        const loaded = (async () => {
            await previous?.then((model) => model.dispose(), () => undefined);
            return this.loadFresh(options);
        })();
        this.current = {key, loaded};
        // A failed load is not kept: the next call tries again (the file may have been fixed).
        loaded.catch(() => {
            if (this.current?.loaded === loaded)
                this.current = undefined;
        });
        return loaded;
    }

    async dispose() {
        const loaded = this.current?.loaded;
        this.current = undefined;
        await loaded?.then((model) => model.dispose(), () => undefined);
    }

    private async loadFresh(options: ModelOptions): Promise<LoadedModel> {
        const fileSize = await checkModelFile(options.modelPath);
        if (options.lora != null)
            await checkModelFile(options.lora, "LoRA adapter");
        const bindings = await import("node-llama-cpp");
        await checkModelMetadata(bindings, options.modelPath);
        const llama = await getSharedLlama(bindings, options.gpu ?? "auto", this.log);
        const threads = options.threads ?? defaultThreads(fileSize);
        const logsBefore = this.logs.length;
        const progress = options.onLoadProgress;
        let model: LlamaModel;
        try {
            model = await llama.loadModel({
                modelPath: options.modelPath,
                gpuLayers: options.gpuLayers ?? "auto",
                // On the CPU, read the weights into memory instead of mapping the file: llama.cpp repacks
                // most quantised tensors into its own buffers, so a mapping only keeps a second resident
                // copy (1B Q4_0: 1.7 GiB resident instead of 1.2), and tensors it reads from the mapping
                // (not repacked, e.g. Q8_0) decoded ~1.5× slower on the benchmark's 2-core VM. The cost:
                // loading takes longer (1B Q4_0: 5.3 s instead of 4.0).
                useMmap: llama.gpu === false ? false : undefined,
                onLoadProgress: progress == null ? undefined : (value) => progress(value * 0.9),
                loadSignal: options.signal
            });
        } catch (error) {
            throw await this.loadError(bindings, error, options.modelPath, fileSize, logsBefore);
        }
        try {
            const contextSize = options.contextSize ?? Math.min(model.trainContextSize, DEFAULT_MAX_CONTEXT);
            const context = await model.createContext({
                contextSize,
                threads,
                lora: options.lora == null ? undefined : {adapters: [{filePath: options.lora}]},
                createSignal: options.signal
            });
            const chatWrapper = bindings.resolveChatWrapper(model);
            progress?.(1);
            return new LoadedModel(bindings, llama, model, context, context.getSequence(), chatWrapper, {...options, threads});
        } catch (error) {
            await model.dispose();
            throw await this.loadError(bindings, error, options.lora ?? options.modelPath, fileSize, logsBefore);
        }
    }

    private readonly log = (level: LlamaLogLevel, message: string) => {
        const line = {level: String(level), message: message.trimEnd()};
        this.logs.push(line);
        if (this.logs.length > KEPT_LOG_LINES)
            this.logs.shift();
        this.onLog?.(line);
    };

    private async loadError(bindings: NodeLlamaCpp, error: unknown, file: string, fileSize: number, logsBefore: number): Promise<Error> {
        if (error instanceof ModelFileError || (error as Error)?.name === "AbortError")
            return error as Error;
        if (error instanceof bindings.InsufficientMemoryError)
            return new ModelFileError(`Not enough memory to load ${file} (${formatGiB(fileSize)}, ${formatGiB(os.freemem())} free): use a smaller or more quantised model, or fewer GPU layers`);
        // llama.cpp logs the cause first ("error loading model: tensor … data is not within the file bounds"), then that loading failed.
        // Its log lines reach JavaScript asynchronously, possibly after the failure: give them a moment.
        const errorLine = () => this.logs.slice(logsBefore).find((line) => line.level === "error");
        for (let waited = 0; errorLine() == null && waited < LOG_FLUSH_WAIT_MS; waited += 10)
            await new Promise((resolve) => setTimeout(resolve, 10));
        const cause = errorLine()?.message.replace(/^\w+: (error loading model: )?/, "");
        return new ModelFileError(`Cannot load ${file}: ${cause ?? (error as Error)?.message ?? String(error)}`);
    }
}

/**
 * One thread per core, but no more threads than the model has 256 MiB of weights: llama.cpp's
 * threads wait for each other at every layer, and on a small model that wait dominates — on a
 * busy 2-core machine a 1 MB model decoded 2 tokens/s with 2 threads and 160 with 1.
 */
export function defaultThreads(modelBytes: number) {
    return Math.max(1, Math.min(os.availableParallelism(), Math.floor(modelBytes / BYTES_PER_THREAD)));
}

const sharedLlamas = new Map<string, Promise<Llama>>();
let llamaLogSink: ((level: LlamaLogLevel, message: string) => void) | undefined;

function getSharedLlama(bindings: NodeLlamaCpp, gpu: "auto" | false, log: (level: LlamaLogLevel, message: string) => void) {
    // llama.cpp logs through one process-wide callback; it goes to the manager that loads last.
    llamaLogSink = log;
    const key = String(gpu);
    let llama = sharedLlamas.get(key);
    if (llama == null) {
        llama = bindings.getLlama({
            gpu,
            // Use the prebuilt binaries; never download or compile at run time.
            build: "never",
            // No cap: each context gets exactly the threads it asks for.
            maxThreads: 0,
            logLevel: bindings.LlamaLogLevel.warn,
            logger: (level, message) => llamaLogSink?.(level, message)
        });
        sharedLlamas.set(key, llama);
        llama.catch(() => sharedLlamas.delete(key));
    }
    return llama;
}

/** Keys without which llama.cpp refuses the file, or for some, aborts the whole process. */
async function checkModelMetadata(bindings: NodeLlamaCpp, file: string) {
    let info: Awaited<ReturnType<NodeLlamaCpp["readGgufFileInfo"]>>;
    try {
        info = await bindings.readGgufFileInfo(file, {readTensorInfo: false, logWarnings: false, ignoreKeys: ["tokenizer.ggml.merges"]});
    } catch (error) {
        throw new ModelFileError(`${file} is not a valid GGUF file: ${(error as Error).message}`);
    }
    const metadata = info.metadata as unknown as Record<string, Record<string, unknown> | undefined>;
    const general = metadata.general ?? {};
    if (general.type === "adapter")
        throw new ModelFileError(`${file} is a LoRA adapter, not a model: pass it with --lora and give the base model with --model`);
    const architecture = general.architecture as string | undefined;
    if (architecture == null)
        throw new ModelFileError(`${file} has no general.architecture: it is not a language model GGUF`);
    const architectureKeys = metadata[architecture] as Record<string, unknown> | undefined;
    const missing = ["context_length", "embedding_length", "block_count"]
        .filter((key) => architectureKeys?.[key] == null)
        .map((key) => `${architecture}.${key}`);
    if (architecture === "llama") {
        const attention = architectureKeys?.attention as Record<string, unknown> | undefined;
        if (architectureKeys?.feed_forward_length == null)
            missing.push("llama.feed_forward_length");
        if (attention?.head_count == null)
            missing.push("llama.attention.head_count");
    }
    const tokenizer = metadata.tokenizer?.ggml as Record<string, unknown> | undefined;
    if (tokenizer?.model == null || tokenizer.tokens == null)
        missing.push("tokenizer.ggml.model/tokens");
    if (missing.length > 0)
        throw new ModelFileError(`${file} is missing ${missing.join(", ")}: the file is incomplete or not a chat model`);
}
