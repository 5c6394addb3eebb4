import {closeSync, openSync, renameSync, rmSync, writeSync} from "node:fs";
import {encodeTensorChunk, tensorByteSize, type TensorType} from "./tensorEncoding.js";

/** A metadata value with its GGUF type spelled out: llama.cpp is strict about integer widths. */
export type GgufValue =
    | {type: "uint32" | "int32" | "float32"; value: number}
    | {type: "uint64"; value: bigint}
    | {type: "bool"; value: boolean}
    | {type: "string"; value: string}
    | {type: "array"; itemType: "string"; value: readonly string[]}
    | {type: "array"; itemType: "uint32" | "int32" | "float32"; value: ArrayLike<number>};

export const gguf = {
    uint32: (value: number): GgufValue => ({type: "uint32", value}),
    int32: (value: number): GgufValue => ({type: "int32", value}),
    float32: (value: number): GgufValue => ({type: "float32", value}),
    uint64: (value: bigint): GgufValue => ({type: "uint64", value}),
    bool: (value: boolean): GgufValue => ({type: "bool", value}),
    string: (value: string): GgufValue => ({type: "string", value}),
    strings: (value: readonly string[]): GgufValue => ({type: "array", itemType: "string", value}),
    int32s: (value: ArrayLike<number>): GgufValue => ({type: "array", itemType: "int32", value}),
    float32s: (value: ArrayLike<number>): GgufValue => ({type: "array", itemType: "float32", value})
};

/**
 * Where a tensor's contents come from: explicit values (quantised on write), or seeded noise
 * written directly in the target encoding, which is what large benchmark models need (decode
 * speed does not depend on the weights, and generating billions of floats would take minutes).
 */
export type TensorSource =
    | {kind: "values"; values: Float32Array}
    | {kind: "noise"; seed: number; scale: number};

export interface GgufTensor {
    name: string;
    /** ggml order: the innermost (contiguous) dimension first, e.g. `[hidden, vocab]` for `token_embd.weight`. */
    dims: readonly number[];
    type: TensorType;
    source: TensorSource;
}

export interface GgufFile {
    metadata: ReadonlyArray<readonly [key: string, value: GgufValue]>;
    tensors: readonly GgufTensor[];
}

const ALIGNMENT = 32;
const VALUE_TYPE = {uint32: 4, int32: 5, float32: 6, bool: 7, string: 8, array: 9, uint64: 10} as const;
const TENSOR_TYPE_ID: Record<TensorType, number> = {F32: 0, F16: 1, Q4_0: 2, Q8_0: 8};
/** Tensor data goes to disk in chunks of about this size, so memory stays flat for multi-GB models. */
const CHUNK_BYTES = 8 << 20;

/**
 * Writes a GGUF v3 file: header, metadata, tensor infos, then each tensor's data streamed in
 * chunks. Written to a temporary name and renamed, so a reader never sees half a model.
 */
export function writeGguf(path: string, file: GgufFile) {
    const temporaryPath = `${path}.${process.pid}.tmp`;
    const fd = openSync(temporaryPath, "w");
    try {
        const header = encodeHeader(file);
        writeSync(fd, header);
        let position = header.length;
        for (const tensor of file.tensors) {
            const padding = alignUp(position) - position;
            if (padding > 0)
                writeSync(fd, Buffer.alloc(padding));
            position += padding;
            for (const chunk of tensorChunks(tensor)) {
                writeSync(fd, chunk);
                position += chunk.length;
            }
        }
        closeSync(fd);
        renameSync(temporaryPath, path);
    } catch (error) {
        closeSync(fd);
        rmSync(temporaryPath, {force: true});
        throw error;
    }
}

function* tensorChunks(tensor: GgufTensor): Generator<Buffer> {
    const elementCount = tensor.dims.reduce((product, dim) => product * dim, 1);
    // Chunk boundaries fall on whole rows so that quantisation blocks are never split.
    const rowLength = tensor.dims[0]!;
    const rowBytes = tensorByteSize(tensor.type, rowLength);
    const rowsPerChunk = Math.max(1, Math.floor(CHUNK_BYTES / rowBytes));
    const rowCount = elementCount / rowLength;
    for (let row = 0; row < rowCount; row += rowsPerChunk) {
        const rows = Math.min(rowsPerChunk, rowCount - row);
        yield encodeTensorChunk(tensor.type, tensor.source, row * rowLength, rows * rowLength);
    }
}

function encodeHeader(file: GgufFile): Buffer {
    const out = new ByteWriter();
    out.bytes(Buffer.from("GGUF", "latin1"));
    out.uint32(3);
    out.uint64(BigInt(file.tensors.length));
    out.uint64(BigInt(file.metadata.length + 1));
    out.string("general.alignment");
    out.uint32(VALUE_TYPE.uint32);
    out.uint32(ALIGNMENT);
    for (const [key, value] of file.metadata) {
        out.string(key);
        writeValue(out, value);
    }
    let offset = 0;
    for (const tensor of file.tensors) {
        if (tensor.type !== "F32" && tensor.type !== "F16" && tensor.dims[0]! % 32 !== 0)
            throw new Error(`Tensor ${tensor.name}: a ${tensor.type} row must be a multiple of 32 values, got ${tensor.dims[0]}`);
        out.string(tensor.name);
        out.uint32(tensor.dims.length);
        for (const dim of tensor.dims)
            out.uint64(BigInt(dim));
        out.uint32(TENSOR_TYPE_ID[tensor.type]);
        offset = alignUp(offset);
        out.uint64(BigInt(offset));
        offset += tensorByteSize(tensor.type, tensor.dims.reduce((product, dim) => product * dim, 1));
    }
    const header = out.toBuffer();
    return Buffer.concat([header, Buffer.alloc(alignUp(header.length) - header.length)]);
}

function writeValue(out: ByteWriter, value: GgufValue) {
    out.uint32(VALUE_TYPE[value.type]);
    switch (value.type) {
        case "uint32": out.uint32(value.value); break;
        case "int32": out.int32(value.value); break;
        case "float32": out.float32(value.value); break;
        case "uint64": out.uint64(value.value); break;
        case "bool": out.bytes(Buffer.from([value.value ? 1 : 0])); break;
        case "string": out.string(value.value); break;
        case "array": {
            out.uint32(VALUE_TYPE[value.itemType]);
            out.uint64(BigInt(value.value.length));
            if (value.itemType === "string") {
                for (const item of value.value)
                    out.string(item);
            } else {
                const write = value.itemType === "uint32" ? out.uint32 : value.itemType === "int32" ? out.int32 : out.float32;
                for (let index = 0; index < value.value.length; index++)
                    write.call(out, value.value[index]!);
            }
            break;
        }
    }
}

function alignUp(offset: number) {
    return Math.ceil(offset / ALIGNMENT) * ALIGNMENT;
}

/** A growable little-endian byte buffer for the header, which is small next to the tensor data. */
class ByteWriter {
    private buffer = Buffer.alloc(1 << 16);
    private length = 0;

    bytes(bytes: Uint8Array) {
        this.reserve(bytes.length);
        this.buffer.set(bytes, this.length);
        this.length += bytes.length;
    }

    uint32(value: number) {
        this.reserve(4);
        this.length = this.buffer.writeUInt32LE(value, this.length);
    }

    int32(value: number) {
        this.reserve(4);
        this.length = this.buffer.writeInt32LE(value, this.length);
    }

    float32(value: number) {
        this.reserve(4);
        this.length = this.buffer.writeFloatLE(value, this.length);
    }

    uint64(value: bigint) {
        this.reserve(8);
        this.length = this.buffer.writeBigUInt64LE(value, this.length);
    }

    string(value: string) {
        const bytes = Buffer.from(value, "utf8");
        this.uint64(BigInt(bytes.length));
        this.bytes(bytes);
    }

    toBuffer() {
        return this.buffer.subarray(0, this.length);
    }

    private reserve(extra: number) {
        if (this.length + extra <= this.buffer.length)
            return;
        const grown = Buffer.alloc(Math.max(this.buffer.length * 2, this.length + extra));
        this.buffer.copy(grown, 0, 0, this.length);
        this.buffer = grown;
    }
}
