import {closeSync, fstatSync, openSync, readSync} from "node:fs";

/**
 * A GGUF file's header, read and checked before node-llama-cpp sees the file: its native reader trusts
 * sizes, counts and types, and some broken headers abort the whole process (SIGABRT) instead of failing.
 */
export interface GgufHeader {
    version: number;
    metadata: Map<string, GgufMetadataValue>;
    /** Keys whose value is one integer (not a float, not an array). */
    integerKeys: Set<string>;
    tensors: GgufTensorInfo[];
}

export type GgufMetadataValue = number | bigint | boolean | string | GgufMetadataValue[];

export interface GgufTensorInfo {
    name: string;
    dims: bigint[];
    type: number;
    offset: bigint;
}

/** What is wrong with the header, in words (the caller adds the file name). */
export class GgufHeaderError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "GgufHeaderError";
    }
}

// Value types of the GGUF format, and their sizes when fixed.
const UINT8 = 0, INT8 = 1, UINT16 = 2, INT16 = 3, UINT32 = 4, INT32 = 5, FLOAT32 = 6, BOOL = 7, STRING = 8, ARRAY = 9, UINT64 = 10, INT64 = 11, FLOAT64 = 12;
const INTEGER_TYPES = new Set([UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64]);
const FIXED_SIZE: Record<number, number> = {[UINT8]: 1, [INT8]: 1, [UINT16]: 2, [INT16]: 2, [UINT32]: 4, [INT32]: 4, [FLOAT32]: 4, [BOOL]: 1, [UINT64]: 8, [INT64]: 8, [FLOAT64]: 8};

/** ggml tensor types llama.cpp reads: id → [values per block, bytes per block]. */
const TENSOR_TYPES: ReadonlyMap<number, readonly [number, number]> = new Map([
    [0, [1, 4]], [1, [1, 2]], [2, [32, 18]], [3, [32, 20]], [6, [32, 22]], [7, [32, 24]], [8, [32, 34]], [9, [32, 36]],
    [10, [256, 84]], [11, [256, 110]], [12, [256, 144]], [13, [256, 176]], [14, [256, 210]], [15, [256, 292]],
    [16, [256, 66]], [17, [256, 74]], [18, [256, 98]], [19, [256, 50]], [20, [32, 18]], [21, [256, 110]], [22, [256, 82]],
    [23, [256, 136]], [24, [1, 1]], [25, [1, 2]], [26, [1, 4]], [27, [1, 8]], [28, [1, 8]], [29, [256, 56]], [30, [1, 2]],
    [34, [256, 54]], [35, [256, 66]], [39, [32, 17]]
] as const);

const MAX_COUNT = 1n << 24n;
const MAX_KEY_BYTES = 1 << 16;
const MAX_TENSOR_NAME_BYTES = 63;
const MAX_DIMS = 4;
const INT32_MAX = 2 ** 31 - 1;
const CHUNK_BYTES = 1 << 20;
const STRICT_UTF8 = new TextDecoder("utf-8", {fatal: true});
const LENIENT_UTF8 = new TextDecoder("utf-8");

/** Reads the header of `file`, throwing GgufHeaderError for anything a loader could misread. */
export function readGgufHeader(file: string): GgufHeader {
    const descriptor = openSync(file, "r");
    try {
        const reader = new HeaderReader(descriptor, fstatSync(descriptor).size);
        const header = readHeader(reader);
        checkTensorData(header, reader);
        checkMetadataMeaning(header);
        return header;
    } finally {
        closeSync(descriptor);
    }
}

function readHeader(reader: HeaderReader): GgufHeader {
    if (reader.buffer(4).toString("latin1") !== "GGUF")
        throw new GgufHeaderError("it does not start with \"GGUF\"");
    const version = reader.uint32();
    if (version !== 2 && version !== 3)
        throw new GgufHeaderError(`GGUF version ${version} is not one llama.cpp reads (2 or 3)`);
    const tensorCount = reader.count("tensors");
    const metadataCount = reader.count("metadata entries");
    const metadata = new Map<string, GgufMetadataValue>();
    const integerKeys = new Set<string>();
    for (let index = 0; index < metadataCount; index++) {
        const key = reader.string(MAX_KEY_BYTES, "a metadata key", true);
        if (key === "" || /[^\x21-\x7e]/.test(key))
            throw new GgufHeaderError(`metadata key ${JSON.stringify(key)} is not a plain name`);
        if (metadata.has(key))
            throw new GgufHeaderError(`metadata key ${key} is given twice`);
        const type = reader.uint32();
        metadata.set(key, readValue(reader, type, key, true));
        if (INTEGER_TYPES.has(type))
            integerKeys.add(key);
    }
    const tensors: GgufTensorInfo[] = [];
    const names = new Set<string>();
    for (let index = 0; index < tensorCount; index++) {
        const name = reader.string(MAX_TENSOR_NAME_BYTES, "a tensor name", true);
        if (names.has(name))
            throw new GgufHeaderError(`tensor ${JSON.stringify(name)} is given twice`);
        names.add(name);
        const dimCount = reader.uint32();
        if (dimCount < 1 || dimCount > MAX_DIMS)
            throw new GgufHeaderError(`tensor ${JSON.stringify(name)} has ${dimCount} dimensions (1 to ${MAX_DIMS})`);
        const dims = Array.from({length: dimCount}, () => reader.uint64());
        tensors.push({name, dims, type: reader.uint32(), offset: reader.uint64()});
    }
    return {version, metadata, integerKeys, tensors};
}

function readValue(reader: HeaderReader, type: number, key: string, arrayAllowed: boolean): GgufMetadataValue {
    switch (type) {
        case UINT8: return reader.buffer(1).readUInt8(0);
        case INT8: return reader.buffer(1).readInt8(0);
        case UINT16: return reader.buffer(2).readUInt16LE(0);
        case INT16: return reader.buffer(2).readInt16LE(0);
        case UINT32: return reader.uint32();
        case INT32: return reader.buffer(4).readInt32LE(0);
        case FLOAT32: return reader.buffer(4).readFloatLE(0);
        case BOOL: {
            const value = reader.buffer(1).readUInt8(0);
            if (value > 1)
                throw new GgufHeaderError(`${key} is a bool of value ${value}`);
            return value === 1;
        }
        case STRING: return reader.string(reader.remaining, key, false);
        case UINT64: return reader.uint64();
        case INT64: return reader.buffer(8).readBigInt64LE(0);
        case FLOAT64: return reader.buffer(8).readDoubleLE(0);
        case ARRAY: {
            const itemType = reader.uint32();
            if (!arrayAllowed || itemType === ARRAY)
                throw new GgufHeaderError(`${key} is an array of arrays, which llama.cpp does not read`);
            const count = reader.uint64();
            if (count > MAX_COUNT)
                throw new GgufHeaderError(`${key} claims ${count} items`);
            const smallest = itemType === STRING ? 8 : FIXED_SIZE[itemType];
            if (smallest == null)
                throw new GgufHeaderError(`${key} is an array of value type ${itemType}, not a GGUF type`);
            if (count * BigInt(smallest) > BigInt(reader.remaining))
                throw new GgufHeaderError(`${key} has ${count} items, more than the file holds`);
            return Array.from({length: Number(count)}, () => readValue(reader, itemType, key, false));
        }
        default:
            throw new GgufHeaderError(`${key} has value type ${type}, not a GGUF type`);
    }
}

/** Every tensor's type is known, and its data lies inside the file at an aligned offset. */
function checkTensorData(header: GgufHeader, reader: HeaderReader) {
    const alignment = header.metadata.get("general.alignment") ?? 32;
    if (typeof alignment !== "number" || alignment < 1 || alignment > 1 << 16 || (alignment & (alignment - 1)) !== 0)
        throw new GgufHeaderError(`general.alignment ${String(alignment)} is not a power of two`);
    const dataStart = BigInt(Math.ceil(reader.position / alignment) * alignment);
    const dataBytes = BigInt(reader.size) - dataStart;
    for (const tensor of header.tensors) {
        const shape = TENSOR_TYPES.get(tensor.type);
        if (shape == null)
            throw new GgufHeaderError(`tensor ${JSON.stringify(tensor.name)} has type ${tensor.type}, not one llama.cpp knows`);
        const [blockValues, blockBytes] = shape;
        if (tensor.dims.some((dim) => dim < 1n || dim > BigInt(INT32_MAX)) || tensor.dims[0]! % BigInt(blockValues) !== 0n)
            throw new GgufHeaderError(`tensor ${JSON.stringify(tensor.name)} has dimensions [${tensor.dims.join(", ")}] its type cannot hold`);
        const bytes = tensor.dims.reduce((product, dim) => product * dim, 1n) / BigInt(blockValues) * BigInt(blockBytes);
        if (tensor.offset % BigInt(alignment) !== 0n || tensor.offset + bytes > dataBytes)
            throw new GgufHeaderError(`tensor ${JSON.stringify(tensor.name)} data is not within the file bounds (the file is truncated or corrupted)`);
    }
}

/**
 * Integers under `tokenizer.` and the architecture's keys reach native code as 32-bit integers (a
 * larger one aborted the process), and a special token id must name a token of the vocabulary.
 */
function checkMetadataMeaning({metadata, integerKeys}: GgufHeader) {
    const architecture = metadata.get("general.architecture");
    if (architecture !== undefined && (typeof architecture !== "string" || !/^[a-z0-9_-]{1,64}$/.test(architecture)))
        throw new GgufHeaderError("general.architecture is not a plain name");
    const tokens = metadata.get("tokenizer.ggml.tokens");
    const tokenCount = Array.isArray(tokens) ? tokens.length : undefined;
    if (Array.isArray(tokens)) {
        // llama.cpp asserts (and aborts) on a token given twice, reading each as a C string (up to a NUL),
        // and reads scores and types by token index.
        if (new Set(tokens.map((token) => String(token).split("\0")[0])).size !== tokens.length)
            throw new GgufHeaderError("tokenizer.ggml.tokens has a token twice");
        for (const key of ["tokenizer.ggml.scores", "tokenizer.ggml.token_type"]) {
            const values = metadata.get(key);
            if (values !== undefined && (!Array.isArray(values) || values.length !== tokens.length))
                throw new GgufHeaderError(`${key} does not have one entry per token`);
        }
    }
    for (const key of integerKeys) {
        if (!key.startsWith("tokenizer.") && (typeof architecture !== "string" || !key.startsWith(`${architecture}.`)))
            continue;
        const value = Number(metadata.get(key));
        if (Math.abs(value) > INT32_MAX)
            throw new GgufHeaderError(`${key} is ${String(metadata.get(key))}, beyond what llama.cpp reads`);
        if (key.endsWith("_token_id") && tokenCount != null && (value < 0 || value >= tokenCount))
            throw new GgufHeaderError(`${key} is ${value}, not a token of the ${tokenCount}-token vocabulary`);
    }
}

/** Sequential reads from a file descriptor in chunks, each bounded by what is left of the file. */
class HeaderReader {
    position = 0;
    private chunk = Buffer.alloc(0);
    private chunkStart = 0;

    constructor(private readonly descriptor: number, readonly size: number) {}

    get remaining() {
        return this.size - this.position;
    }

    buffer(length: number): Buffer {
        if (length > this.remaining)
            throw new GgufHeaderError(`the header ends ${length - this.remaining} bytes past the end of the file`);
        const offset = this.position - this.chunkStart;
        if (offset < 0 || offset + length > this.chunk.length) {
            this.chunk = Buffer.alloc(Math.min(Math.max(length, CHUNK_BYTES), this.remaining));
            this.chunkStart = this.position;
            readSync(this.descriptor, this.chunk, 0, this.chunk.length, this.position);
        }
        const start = this.position - this.chunkStart;
        this.position += length;
        return this.chunk.subarray(start, start + length);
    }

    uint32(): number {
        return this.buffer(4).readUInt32LE(0);
    }

    uint64(): bigint {
        return this.buffer(8).readBigUInt64LE(0);
    }

    count(what: string): number {
        const count = this.uint64();
        if (count > MAX_COUNT)
            throw new GgufHeaderError(`it claims ${count} ${what}`);
        return Number(count);
    }

    /**
     * A length-prefixed string of at most `maxBytes`; a name must be UTF-8, a value is decoded as it
     * comes (token pieces need not be whole characters).
     */
    string(maxBytes: number, what: string, name: boolean): string {
        const length = this.uint64();
        if (length > BigInt(Math.min(maxBytes, this.remaining)))
            throw new GgufHeaderError(`${what} is ${length} bytes long, ${length > BigInt(this.remaining) ? "more than the file holds" : "too long"}`);
        const bytes = this.buffer(Number(length));
        if (!name)
            return LENIENT_UTF8.decode(bytes);
        try {
            return STRICT_UTF8.decode(bytes);
        } catch {
            throw new GgufHeaderError(`${what} is not UTF-8 text`);
        }
    }
}
