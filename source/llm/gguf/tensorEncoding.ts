import type {TensorSource} from "./GgufWriter.js";
import {createRandom} from "./random.js";

/** The tensor encodings we write: plain floats, or llama.cpp's 32-value quantisation blocks. */
export type TensorType = "F32" | "F16" | "Q8_0" | "Q4_0";

export const TENSOR_TYPES: readonly TensorType[] = ["F32", "F16", "Q8_0", "Q4_0"];

const BLOCK_VALUES = 32;
/** Q8_0: an f16 scale and 32 int8 values. Q4_0: an f16 scale and 32 4-bit values packed in 16 bytes. */
const BLOCK_BYTES = {Q8_0: 2 + 32, Q4_0: 2 + 16} as const;

export function tensorByteSize(type: TensorType, elementCount: number) {
    switch (type) {
        case "F32": return elementCount * 4;
        case "F16": return elementCount * 2;
        default: return elementCount / BLOCK_VALUES * BLOCK_BYTES[type];
    }
}

/** Encodes `count` elements starting at `start` (both multiples of 32 for the block types). */
export function encodeTensorChunk(type: TensorType, source: TensorSource, start: number, count: number): Buffer {
    if (source.kind === "noise")
        return noiseChunk(type, source, start, count);
    const values = source.values.subarray(start, start + count);
    switch (type) {
        case "F32": return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
        case "F16": return encodeF16(values);
        case "Q8_0": return encodeQ8_0(values);
        case "Q4_0": return encodeQ4_0(values);
    }
}

function encodeF16(values: Float32Array) {
    const out = Buffer.allocUnsafe(values.length * 2);
    for (let index = 0; index < values.length; index++)
        out.writeUInt16LE(float32ToFloat16Bits(values[index]!), index * 2);
    return out;
}

// Same arithmetic as ggml's reference quantize_row_q8_0.
function encodeQ8_0(values: Float32Array) {
    const out = Buffer.allocUnsafe(tensorByteSize("Q8_0", values.length));
    for (let block = 0, offset = 0; block < values.length; block += BLOCK_VALUES, offset += BLOCK_BYTES.Q8_0) {
        let absMax = 0;
        for (let index = 0; index < BLOCK_VALUES; index++)
            absMax = Math.max(absMax, Math.abs(values[block + index]!));
        const scale = absMax / 127;
        const inverse = scale === 0 ? 0 : 1 / scale;
        out.writeUInt16LE(float32ToFloat16Bits(scale), offset);
        for (let index = 0; index < BLOCK_VALUES; index++)
            out.writeInt8(Math.round(values[block + index]! * inverse), offset + 2 + index);
    }
    return out;
}

// Same arithmetic as ggml's reference quantize_row_q4_0: value j in the low nibble of byte j, value j+16 in its high nibble.
function encodeQ4_0(values: Float32Array) {
    const out = Buffer.allocUnsafe(tensorByteSize("Q4_0", values.length));
    for (let block = 0, offset = 0; block < values.length; block += BLOCK_VALUES, offset += BLOCK_BYTES.Q4_0) {
        let absMax = 0;
        let max = 0;
        for (let index = 0; index < BLOCK_VALUES; index++) {
            const value = values[block + index]!;
            if (Math.abs(value) > absMax) {
                absMax = Math.abs(value);
                max = value;
            }
        }
        const scale = max / -8;
        const inverse = scale === 0 ? 0 : 1 / scale;
        out.writeUInt16LE(float32ToFloat16Bits(scale), offset);
        for (let index = 0; index < BLOCK_VALUES / 2; index++) {
            const low = Math.min(15, Math.trunc(values[block + index]! * inverse + 8.5));
            const high = Math.min(15, Math.trunc(values[block + index + 16]! * inverse + 8.5));
            out[offset + 2 + index] = low | (high << 4);
        }
    }
    return out;
}

/** Noise is one seeded tile per (type, scale), repeated with a per-tensor rotation: gigabytes cost only a copy. */
const TILE_VALUES = 1 << 18;
const noiseTiles = new Map<string, Buffer>();

function noiseChunk(type: TensorType, source: Extract<TensorSource, {kind: "noise"}>, start: number, count: number) {
    const key = `${type}:${source.scale}`;
    let tile = noiseTiles.get(key);
    if (tile == null) {
        tile = encodeNoiseTile(type, source.scale);
        noiseTiles.set(key, tile);
    }
    const unitValues = type === "F32" || type === "F16" ? 1 : BLOCK_VALUES;
    const unitBytes = tensorByteSize(type, unitValues);
    const tileUnits = TILE_VALUES / unitValues;
    const out = Buffer.allocUnsafe(tensorByteSize(type, count));
    let tileUnit = (start / unitValues + source.seed * 7919) % tileUnits;
    for (let written = 0; written < out.length;) {
        const bytes = Math.min(out.length - written, (tileUnits - tileUnit) * unitBytes);
        tile.copy(out, written, tileUnit * unitBytes, tileUnit * unitBytes + bytes);
        written += bytes;
        tileUnit = 0;
    }
    return out;
}

function encodeNoiseTile(type: TensorType, scale: number): Buffer {
    const random = createRandom(0x5eed ^ TILE_VALUES);
    const values = new Float32Array(TILE_VALUES);
    for (let index = 0; index < values.length; index++)
        values[index] = (random() * 2 - 1) * scale;
    return encodeTensorChunk(type, {kind: "values", values}, 0, values.length);
}

const float32View = new Float32Array(1);
const uint32View = new Uint32Array(float32View.buffer);

/** IEEE 754 half precision with round-to-nearest-even; overflow becomes infinity, tiny values subnormals. */
export function float32ToFloat16Bits(value: number): number {
    float32View[0] = value;
    const bits = uint32View[0]!;
    const sign = (bits >>> 16) & 0x8000;
    const exponent = (bits >>> 23) & 0xff;
    let mantissa = bits & 0x7fffff;
    if (exponent === 0xff)
        return sign | 0x7c00 | (mantissa !== 0 ? 0x200 : 0);
    const halfExponent = exponent - 127 + 15;
    if (halfExponent >= 0x1f)
        return sign | 0x7c00;
    if (halfExponent <= 0) {
        if (halfExponent < -10)
            return sign;
        mantissa |= 0x800000;
        const shift = 14 - halfExponent;
        const truncated = mantissa >>> shift;
        const remainder = mantissa & ((1 << shift) - 1);
        const halfway = 1 << (shift - 1);
        return sign | (remainder > halfway || (remainder === halfway && (truncated & 1) === 1) ? truncated + 1 : truncated);
    }
    const half = sign | (halfExponent << 10) | (mantissa >>> 13);
    const remainder = mantissa & 0x1fff;
    // Carrying into the exponent is the right result (it rounds up to the next binade or to infinity).
    if (remainder > 0x1000 || (remainder === 0x1000 && (half & 1) === 1))
        return half + 1;
    return half;
}
