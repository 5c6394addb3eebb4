import {existsSync, mkdirSync, renameSync} from "node:fs";
import path from "node:path";
import {loadCatalog} from "../../../source/catalog/index.js";
import {MODEL_SHAPES, writeLlamaModel} from "../../../source/llm/gguf/llamaModel.js";
import type {TensorType} from "../../../source/llm/gguf/tensorEncoding.js";
import {realisticVocabulary} from "../../../source/llm/testModel/testModel.js";
import {generatedDir} from "../context.js";

/** A real model's shape, with random weights: decode speed does not depend on the weights' values. */
export interface BenchModel {
    id: string;
    label: string;
    shape: keyof typeof MODEL_SHAPES;
    vocabularySize: number;
    tensorType: TensorType;
}

export const BENCH_MODELS = {
    llama1b: {id: "llama-3.2-1b-q4_0", label: "Llama-3.2-1B shape, Q4_0", shape: "llama-3.2-1b", vocabularySize: 128_256, tensorType: "Q4_0"},
    llama1bQ8: {id: "llama-3.2-1b-q8_0", label: "Llama-3.2-1B shape, Q8_0", shape: "llama-3.2-1b", vocabularySize: 128_256, tensorType: "Q8_0"},
    mistral7b: {id: "mistral-7b-q4_0", label: "Mistral-7B shape, Q4_0", shape: "mistral-7b", vocabularySize: 32_000, tensorType: "Q4_0"}
} as const satisfies Record<string, BenchModel>;

/** The model's GGUF under test/.generated/bench/, written first when missing. */
export function ensureBenchModel(model: BenchModel, log: (message: string) => void) {
    const file = path.join(generatedDir, `${model.id}-catalog-v${loadCatalog().dataVersion}.gguf`);
    if (existsSync(file))
        return file;
    mkdirSync(generatedDir, {recursive: true});
    log(`writing ${path.relative(process.cwd(), file)} (${model.label}, ${model.vocabularySize.toLocaleString("en-US")}-token vocabulary)`);
    const partial = `${file}.partial`;
    writeLlamaModel(partial, {
        shape: MODEL_SHAPES[model.shape],
        vocabulary: realisticVocabulary(model.vocabularySize),
        tensorType: model.tensorType,
        name: `iam-gen benchmark model (${model.label}, random weights)`,
        weights: "noise"
    });
    renameSync(partial, file);
    return file;
}
