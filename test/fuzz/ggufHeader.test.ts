import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";
import {describe, expect, it} from "vitest";
import {readGgufHeader} from "../../source/llm/gguf/ggufHeader.js";
import {checkModelFile} from "../../source/llm/modelFile.js";
import {TEST_LORA_PATH, TEST_MODEL_PATH} from "../setup/testModel.js";
import {CONTROL_CHARACTER} from "../cli/runCli.js";
import {editedModel, makeTwoTokensEqual, valueOffset} from "./ggufMutations.js";

const directory = mkdtempSync(path.join(tmpdir(), "iam-gen-gguf-"));
let written = 0;

function file(bytes: Buffer): string {
    const target = path.join(directory, `model-${written++}.gguf`);
    writeFileSync(target, bytes);
    return target;
}

describe("the GGUF header check before node-llama-cpp", () => {
    it("accepts the test model and its LoRA adapter", () => {
        expect(readGgufHeader(TEST_MODEL_PATH).metadata.get("general.architecture")).toBe("llama");
        expect(readGgufHeader(TEST_LORA_PATH).tensors.length).toBeGreaterThan(0);
    });

    it.each([
        ["a special token id past 32 bits (node-llama-cpp's IsInt32 assertion)", (bytes: Buffer) => bytes.writeUInt32LE(0xfffffff0, valueOffset(bytes, "tokenizer.ggml.bos_token_id")), /beyond what llama.cpp reads/],
        ["a special token id past the vocabulary", (bytes: Buffer) => bytes.writeUInt32LE(1 << 20, valueOffset(bytes, "tokenizer.ggml.eos_token_id")), /not a token of the/],
        ["a token given twice (llama.cpp's GGML_ASSERT)", makeTwoTokensEqual, /token twice/],
        ["a string longer than the file", (bytes: Buffer) => bytes.writeBigUInt64LE(1n << 40n, valueOffset(bytes, "general.architecture")), /more than the file holds/],
        ["a value type that does not exist", (bytes: Buffer) => bytes.writeUInt32LE(13, valueOffset(bytes, "llama.block_count") - 4), /not a GGUF type/],
        ["a metadata count of 2^64 - 1", (bytes: Buffer) => bytes.writeBigUInt64LE(0xffffffffffffffffn, 16), /claims/],
        ["an escape sequence as the architecture", (bytes: Buffer) => bytes.write("\u001b]0;\u0007", valueOffset(bytes, "general.architecture") + 8, "latin1"), /not a plain name/]
    ])("refuses %s", (_, edit, reason) => {
        expect(() => readGgufHeader(file(editedModel(edit)))).toThrow(reason);
    });

    it("refuses a truncated file with the reason llama.cpp would give, and prints no control character", async () => {
        await expect(checkModelFile(file(editedModel(() => undefined).subarray(0, 400_000)))).rejects.toThrow(/Cannot load .*: tensor .* not within the file bounds/);
        // Five bytes over "llama": ESC ] 0 ; BEL would set the terminal's title.
        const hostile = file(editedModel((bytes) => bytes.write("\u001b]0;\u0007", valueOffset(bytes, "general.architecture") + 8, "latin1")));
        const error = await checkModelFile(hostile).then(() => undefined, (caught: Error) => caught);
        expect(error?.message).toMatch(/not a plain name/);
        expect(error?.message).not.toMatch(CONTROL_CHARACTER);
    });
});
