import {mkdtempSync, readFileSync, rmSync, statSync} from "node:fs";
import os from "node:os";
import path from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {getLlama, readGgufFileInfo, resolveChatWrapper, type Llama} from "node-llama-cpp";
import {gguf, writeGguf} from "../../source/llm/gguf/GgufWriter.js";
import {llamaMetadata, writeLlamaModel} from "../../source/llm/gguf/llamaModel.js";
import {encodeTensorChunk, float32ToFloat16Bits, tensorByteSize} from "../../source/llm/gguf/tensorEncoding.js";
import {buildVocabulary, TokenType} from "../../source/llm/gguf/vocabulary.js";
import {TEST_MODEL_SHAPE, writeTestModel} from "../../source/llm/testModel/testModel.js";
import {TEST_MODEL_PATH} from "../setup/testModel.js";

const folder = mkdtempSync(path.join(os.tmpdir(), "iam-gen-gguf-"));
let llama: Llama;
beforeAll(async () => {
    llama = await getLlama({gpu: false, build: "never", maxThreads: 1});
});
afterAll(() => rmSync(folder, {recursive: true, force: true}));

function float16ToFloat32(bits: number) {
    const sign = bits & 0x8000 ? -1 : 1;
    const exponent = (bits >> 10) & 0x1f;
    const mantissa = bits & 0x3ff;
    if (exponent === 0)
        return sign * mantissa * 2 ** -24;
    if (exponent === 0x1f)
        return mantissa === 0 ? sign * Infinity : NaN;
    return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

function sampleValues(count: number) {
    return Float32Array.from({length: count}, (_, index) => Math.sin(index * 1.7) * (1 + (index % 7)));
}

describe("tensor encoding", () => {
    it("converts to half precision with rounding, subnormals and overflow", () => {
        expect(float32ToFloat16Bits(1)).toBe(0x3c00);
        expect(float32ToFloat16Bits(-2)).toBe(0xc000);
        expect(float32ToFloat16Bits(65504)).toBe(0x7bff);
        expect(float32ToFloat16Bits(1e6)).toBe(0x7c00);
        expect(float32ToFloat16Bits(2 ** -24)).toBe(0x0001);
        expect(float32ToFloat16Bits(1e-10)).toBe(0);
        expect(float32ToFloat16Bits(1 + 2 ** -11)).toBe(0x3c00); // a tie rounds to even
        // Nearest half: within half a unit in the last place (2^-11 relative).
        for (const value of [0.1, 3.14159, -0.000123, 1234.5])
            expect(Math.abs(float16ToFloat32(float32ToFloat16Bits(value)) - value)).toBeLessThanOrEqual(Math.abs(value) * 2 ** -11);
    });

    it("writes Q8_0 blocks (f16 scale + 32 int8) that decode close to the values", () => {
        const values = sampleValues(64);
        const encoded = encodeTensorChunk("Q8_0", {kind: "values", values}, 0, 64);
        expect(encoded.length).toBe(2 * 34);
        for (let block = 0; block < 2; block++) {
            const scale = float16ToFloat32(encoded.readUInt16LE(block * 34));
            for (let index = 0; index < 32; index++) {
                const value = values[block * 32 + index]!;
                expect(Math.abs(encoded.readInt8(block * 34 + 2 + index) * scale - value)).toBeLessThan(scale);
            }
        }
    });

    it("writes Q4_0 blocks (f16 scale + 16 bytes of nibbles, value j low, j+16 high)", () => {
        const values = sampleValues(32);
        const encoded = encodeTensorChunk("Q4_0", {kind: "values", values}, 0, 32);
        expect(encoded.length).toBe(18);
        const scale = float16ToFloat32(encoded.readUInt16LE(0));
        for (let index = 0; index < 16; index++) {
            const byte = encoded[2 + index]!;
            expect(Math.abs(((byte & 0x0f) - 8) * scale - values[index]!)).toBeLessThanOrEqual(Math.abs(scale) * 0.51);
            expect(Math.abs(((byte >> 4) - 8) * scale - values[index + 16]!)).toBeLessThanOrEqual(Math.abs(scale) * 0.51);
        }
    });

    it("writes seeded noise of the exact encoded size, the same every time", () => {
        for (const type of ["F32", "F16", "Q8_0", "Q4_0"] as const) {
            const first = encodeTensorChunk(type, {kind: "noise", seed: 3, scale: 0.02}, 0, 4096);
            expect(first.length).toBe(tensorByteSize(type, 4096));
            expect(encodeTensorChunk(type, {kind: "noise", seed: 3, scale: 0.02}, 0, 4096).equals(first)).toBe(true);
        }
    });
});

describe("GGUF writer", () => {
    it("writes a file that node-llama-cpp's reader parses: metadata types, tensor shapes, aligned offsets", async () => {
        const file = path.join(folder, "small.gguf");
        writeGguf(file, {
            metadata: [
                ["general.architecture", gguf.string("llama")],
                ["test.count", gguf.uint32(7)],
                ["test.epsilon", gguf.float32(0.5)],
                ["test.flag", gguf.bool(true)],
                ["test.names", gguf.strings(["a", "ß", "🙂"])],
                ["test.ids", gguf.int32s([-1, 2])]
            ],
            tensors: [
                {name: "a", dims: [64, 3], type: "Q8_0", source: {kind: "noise", seed: 1, scale: 1}},
                {name: "b", dims: [5], type: "F32", source: {kind: "values", values: Float32Array.of(1, 2, 3, 4, 5)}}
            ]
        });
        const info = await readGgufFileInfo(file, {logWarnings: false});
        const metadata = info.metadata as unknown as Record<string, Record<string, unknown>>;
        expect(info.version).toBe(3);
        expect(metadata.general!.alignment).toBe(32);
        expect(metadata.test).toEqual({count: 7, epsilon: 0.5, flag: true, names: ["a", "ß", "🙂"], ids: [-1, 2]});
        expect(info.tensorInfo!.map((tensor) => [tensor.name, tensor.dimensions.map(Number), tensor.ggmlType])).toEqual([["a", [64, 3], 8], ["b", [5], 0]]);
        const second = info.tensorInfo![1]!;
        expect(Number(second.offset) % 32).toBe(0);
        const bytes = readFileSync(file);
        const start = Number(second.fileOffset);
        expect([0, 1, 2, 3, 4].map((index) => bytes.readFloatLE(start + index * 4))).toEqual([1, 2, 3, 4, 5]);
        expect(statSync(file).size).toBe(start + 20);
    });

    it("rejects a quantised row that is not a whole number of blocks", () => {
        expect(() => writeGguf(path.join(folder, "bad.gguf"), {
            metadata: [],
            tensors: [{name: "x", dims: [48, 2], type: "Q4_0", source: {kind: "noise", seed: 1, scale: 1}}]
        })).toThrow(/multiple of 32/);
    });

    it("writes llama metadata with uint32 integers and an f32 RMS epsilon", () => {
        const metadata = new Map(llamaMetadata({shape: TEST_MODEL_SHAPE, vocabulary: buildVocabulary([]), tensorType: "F32", weights: "seeded"}));
        for (const key of ["llama.context_length", "llama.embedding_length", "llama.block_count", "llama.feed_forward_length", "llama.attention.head_count"])
            expect(metadata.get(key)?.type).toBe("uint32");
        expect(metadata.get("llama.attention.layer_norm_rms_epsilon")?.type).toBe("float32");
    });

    it("writes a quantised model with real shapes that llama.cpp loads", async () => {
        const file = path.join(folder, "q4.gguf");
        writeLlamaModel(file, {
            shape: {layers: 1, hidden: 128, heads: 4, kvHeads: 2, ffn: 256, contextLength: 512, tiedEmbeddings: true},
            vocabulary: buildVocabulary(["hello", " world"]),
            tensorType: "Q4_0",
            weights: "noise"
        });
        const info = await readGgufFileInfo(file, {logWarnings: false});
        expect(info.tensorInfo!.some((tensor) => tensor.name === "output.weight")).toBe(false);
        expect(info.tensorInfo!.find((tensor) => tensor.name === "blk.0.ffn_down.weight")!.dimensions.map(Number)).toEqual([256, 128]);
        const model = await llama.loadModel({modelPath: file});
        expect(model.fileInsights.totalLayers).toBeGreaterThan(0);
        await model.dispose();
    });
});

describe("vocabulary and test model", () => {
    it("has byte-fallback tokens, ChatML control tokens and every prefix of its pieces", () => {
        const vocabulary = buildVocabulary(["\"Statement\"", " bucket"]);
        expect(vocabulary.tokens).toContain("<0x00>");
        expect(vocabulary.tokens).toContain("<0xFF>");
        expect(vocabulary.types[vocabulary.tokens.indexOf("<0x41>")]).toBe(TokenType.byte);
        expect(vocabulary.types[vocabulary.tokens.indexOf("<|im_start|>")]).toBe(TokenType.control);
        expect(vocabulary.tokens[vocabulary.eosId]).toBe("<|im_end|>");
        for (const piece of ["\"S", "\"Statement", "\"Statement\"", "\u2581b", "\u2581bucket"])
            expect(vocabulary.tokens).toContain(piece);
        expect(new Set(vocabulary.tokens).size).toBe(vocabulary.tokens.length);
    });

    it("is written the same, byte for byte, every time", () => {
        const again = path.join(folder, "again.gguf");
        writeTestModel(again);
        expect(readFileSync(again).equals(readFileSync(TEST_MODEL_PATH))).toBe(true);
    });

    it("loads with the ChatML wrapper and tokenizes any text", async () => {
        const model = await llama.loadModel({modelPath: TEST_MODEL_PATH});
        expect(resolveChatWrapper(model)?.wrapperName).toBe("ChatML");
        const text = "Allow s3:GetObject on \"arn:aws:s3:::bücket/*\" 🙂";
        expect(model.detokenize(model.tokenize(text))).toBe(text);
        expect(model.tokenize("\"Statement\"").length).toBeLessThanOrEqual(2); // the space prefix, then one piece
        await model.dispose();
    });
});
