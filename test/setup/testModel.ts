import {mkdirSync} from "node:fs";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {writeTestLoraAdapter, writeTestModel} from "../../source/llm/testModel/testModel.js";

const generatedFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", ".generated");

/** The random-weight test model and its LoRA adapter (git-ignored, rewritten by every test run in well under a second). */
export const TEST_MODEL_PATH = path.join(generatedFolder, "test-model.gguf");
export const TEST_LORA_PATH = path.join(generatedFolder, "test-lora.gguf");

export default function setup() {
    mkdirSync(generatedFolder, {recursive: true});
    writeTestModel(TEST_MODEL_PATH);
    writeTestLoraAdapter(TEST_LORA_PATH);
}
