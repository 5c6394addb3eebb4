import {gguf, writeGguf, type GgufTensor} from "./GgufWriter.js";
import type {LlamaShape} from "./llamaModel.js";
import {createRandom, normalSample} from "./random.js";

/**
 * Writes a LoRA adapter GGUF for a llama model of `shape` (query and value projections of every
 * layer, as PEFT adapters usually have), in the layout `convert_lora_to_gguf.py` produces.
 */
export function writeLoraAdapter(path: string, shape: LlamaShape, {rank = 4, alpha = 8, seed = 7} = {}) {
    const random = createRandom(seed);
    const headDim = shape.hidden / shape.heads;
    const targets = {attn_q: shape.hidden, attn_v: headDim * shape.kvHeads};
    const tensors: GgufTensor[] = [];
    for (let layer = 0; layer < shape.layers; layer++) {
        for (const [target, outputs] of Object.entries(targets)) {
            const name = `blk.${layer}.${target}.weight`;
            tensors.push(
                {name: `${name}.lora_a`, dims: [shape.hidden, rank], type: "F32", source: {kind: "values", values: gaussian(random, shape.hidden * rank, 0.01)}},
                {name: `${name}.lora_b`, dims: [rank, outputs], type: "F32", source: {kind: "values", values: gaussian(random, rank * outputs, 0.01)}}
            );
        }
    }
    writeGguf(path, {
        metadata: [
            ["general.architecture", gguf.string("llama")],
            ["general.type", gguf.string("adapter")],
            ["general.name", gguf.string("iam-gen generated LoRA adapter")],
            ["adapter.type", gguf.string("lora")],
            ["adapter.lora.alpha", gguf.float32(alpha)]
        ],
        tensors
    });
}

function gaussian(random: () => number, count: number, scale: number) {
    const values = new Float32Array(count);
    for (let index = 0; index < count; index++)
        values[index] = normalSample(random) * scale;
    return values;
}
