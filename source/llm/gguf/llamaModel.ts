import {gguf, writeGguf, type GgufTensor, type GgufValue, type TensorSource} from "./GgufWriter.js";
import {createRandom, normalSample} from "./random.js";
import type {TensorType} from "./tensorEncoding.js";
import type {Vocabulary} from "./vocabulary.js";

/** The dimensions of a llama-architecture model (Llama 2/3, Mistral, TinyLlama, …). */
export interface LlamaShape {
    layers: number;
    hidden: number;
    heads: number;
    kvHeads: number;
    /** Feed-forward (MLP) width. */
    ffn: number;
    contextLength: number;
    ropeFreqBase?: number;
    /** Share the token embedding with the output layer (Llama-3.2-1B does), so no `output.weight`. */
    tiedEmbeddings?: boolean;
}

/** Shapes of real models, for benchmarks on realistic sizes. */
export const MODEL_SHAPES = {
    "llama-3.2-1b": {layers: 16, hidden: 2048, heads: 32, kvHeads: 8, ffn: 8192, contextLength: 131072, ropeFreqBase: 500000, tiedEmbeddings: true},
    "mistral-7b": {layers: 32, hidden: 4096, heads: 32, kvHeads: 8, ffn: 14336, contextLength: 32768, ropeFreqBase: 1000000}
} as const satisfies Record<string, LlamaShape>;

export interface LlamaModelOptions {
    shape: LlamaShape;
    vocabulary: Vocabulary;
    /** Encoding of the weight matrices; norms are always F32. */
    tensorType: TensorType;
    name?: string;
    /**
     * `"noise"`: seeded noise written straight in the target encoding (fast at any size; use for speed
     * measurements). `"seeded"`: real Gaussian-initialised values, needed for `outputBias` to work.
     */
    weights: "noise" | "seeded";
    seed?: number;
    /**
     * Token id → bias added to its logit, whatever the input (`"seeded"` only). Each token embedding
     * carries a large constant in dimension 0 and the layers add little, so after the final norm that
     * dimension is nearly constant and `output.weight[token][0]` acts as a per-token bias.
     */
    outputBias?: ReadonlyMap<number, number>;
}

const FILE_TYPE: Record<TensorType, number> = {F32: 0, F16: 1, Q4_0: 2, Q8_0: 7};
const RMS_EPSILON = 1e-5;
/** Scale of the constant embedding component that carries the output bias (see `outputBias`). */
const BIAS_CARRIER = 8;

/** Writes a llama-architecture GGUF that llama.cpp and node-llama-cpp load like any downloaded model. */
export function writeLlamaModel(path: string, options: LlamaModelOptions) {
    writeGguf(path, {metadata: llamaMetadata(options), tensors: llamaTensors(options)});
}

export function llamaMetadata({shape, vocabulary, tensorType, name}: LlamaModelOptions): Array<[string, GgufValue]> {
    if (shape.hidden % shape.heads !== 0 || shape.heads % shape.kvHeads !== 0)
        throw new Error(`Invalid shape: hidden ${shape.hidden} must divide into ${shape.heads} heads, and heads into ${shape.kvHeads} KV heads`);
    return [
        ["general.architecture", gguf.string("llama")],
        ["general.name", gguf.string(name ?? "iam-gen generated model")],
        ["general.file_type", gguf.uint32(FILE_TYPE[tensorType])],
        ["llama.context_length", gguf.uint32(shape.contextLength)],
        ["llama.embedding_length", gguf.uint32(shape.hidden)],
        ["llama.block_count", gguf.uint32(shape.layers)],
        ["llama.feed_forward_length", gguf.uint32(shape.ffn)],
        ["llama.attention.head_count", gguf.uint32(shape.heads)],
        ["llama.attention.head_count_kv", gguf.uint32(shape.kvHeads)],
        ["llama.attention.layer_norm_rms_epsilon", gguf.float32(RMS_EPSILON)],
        ["llama.rope.dimension_count", gguf.uint32(shape.hidden / shape.heads)],
        ["llama.rope.freq_base", gguf.float32(shape.ropeFreqBase ?? 10000)],
        ["llama.vocab_size", gguf.uint32(vocabulary.tokens.length)],
        ["tokenizer.ggml.model", gguf.string("llama")],
        ["tokenizer.ggml.tokens", gguf.strings(vocabulary.tokens)],
        ["tokenizer.ggml.scores", gguf.float32s(vocabulary.scores)],
        ["tokenizer.ggml.token_type", gguf.int32s(vocabulary.types)],
        ["tokenizer.ggml.unknown_token_id", gguf.uint32(vocabulary.unknownId)],
        ["tokenizer.ggml.bos_token_id", gguf.uint32(vocabulary.bosId)],
        ["tokenizer.ggml.eos_token_id", gguf.uint32(vocabulary.eosId)],
        ["tokenizer.ggml.add_bos_token", gguf.bool(true)],
        ["tokenizer.ggml.add_eos_token", gguf.bool(false)],
        ["tokenizer.chat_template", gguf.string(vocabulary.chatTemplate)]
    ];
}

/** The tensors llama.cpp expects for the llama architecture, in its naming, with ggml's dimension order. */
export function llamaTensors(options: LlamaModelOptions): GgufTensor[] {
    const {shape, vocabulary, tensorType} = options;
    const vocabSize = vocabulary.tokens.length;
    const headDim = shape.hidden / shape.heads;
    const kvWidth = headDim * shape.kvHeads;
    const weights = new WeightFactory(options);
    const tensors: GgufTensor[] = [
        weights.matrix("token_embd.weight", shape.hidden, vocabSize, tensorType, 1)
    ];
    for (let layer = 0; layer < shape.layers; layer++) {
        const block = `blk.${layer}`;
        tensors.push(
            weights.norm(`${block}.attn_norm.weight`, shape.hidden),
            weights.matrix(`${block}.attn_q.weight`, shape.hidden, shape.hidden, tensorType),
            weights.matrix(`${block}.attn_k.weight`, shape.hidden, kvWidth, tensorType),
            weights.matrix(`${block}.attn_v.weight`, shape.hidden, kvWidth, tensorType),
            weights.matrix(`${block}.attn_output.weight`, shape.hidden, shape.hidden, tensorType, 0.1),
            weights.norm(`${block}.ffn_norm.weight`, shape.hidden),
            weights.matrix(`${block}.ffn_gate.weight`, shape.hidden, shape.ffn, tensorType),
            weights.matrix(`${block}.ffn_up.weight`, shape.hidden, shape.ffn, tensorType),
            weights.matrix(`${block}.ffn_down.weight`, shape.ffn, shape.hidden, tensorType, 0.1)
        );
    }
    tensors.push(weights.norm("output_norm.weight", shape.hidden));
    if (shape.tiedEmbeddings !== true)
        tensors.push(weights.matrix("output.weight", shape.hidden, vocabSize, tensorType, 1));
    return tensors;
}

class WeightFactory {
    private tensorIndex = 0;

    constructor(private readonly options: LlamaModelOptions) {}

    norm(name: string, size: number): GgufTensor {
        return {name, dims: [size], type: "F32", source: {kind: "values", values: new Float32Array(size).fill(1)}};
    }

    /** `columns` inputs per row, `rows` outputs; `gain` scales the usual 1/√inputs initialisation. */
    matrix(name: string, columns: number, rows: number, type: TensorType, gain = 1): GgufTensor {
        const seed = (this.options.seed ?? 1) * 1000 + this.tensorIndex++;
        const scale = gain / Math.sqrt(columns);
        return {name, dims: [columns, rows], type, source: this.source(name, columns, rows, seed, scale)};
    }

    private source(name: string, columns: number, rows: number, seed: number, scale: number): TensorSource {
        if (this.options.weights === "noise")
            return {kind: "noise", seed, scale: scale * Math.sqrt(3)};
        const random = createRandom(seed);
        const values = new Float32Array(columns * rows);
        for (let index = 0; index < values.length; index++)
            values[index] = normalSample(random) * scale;
        if (name === "token_embd.weight") {
            for (let row = 0; row < rows; row++)
                values[row * columns] = BIAS_CARRIER;
        } else if (name === "output.weight" && this.options.outputBias != null) {
            for (let row = 0; row < rows; row++)
                values[row * columns] = this.options.outputBias.get(row) ?? 0;
        }
        return {kind: "values", values};
    }
}
