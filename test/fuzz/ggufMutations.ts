import {readFileSync} from "node:fs";
import {TEST_MODEL_PATH} from "../setup/testModel.js";
import {type Random} from "./random.js";

/** The test model's bytes (written by the global setup), read once. */
let model: Buffer | undefined;
export function testModelBytes(): Buffer {
    model ??= readFileSync(TEST_MODEL_PATH);
    return model;
}

/** Where a metadata key's value starts (after its type), found by the key's name. */
export function valueOffset(bytes: Buffer, key: string): number {
    const at = bytes.indexOf(Buffer.from(key, "utf8"));
    if (at < 0)
        throw new Error(`no ${key} in the file`);
    return at + Buffer.byteLength(key) + 4;
}

/** A copy of the test model with `edit` applied to its bytes. */
export function editedModel(edit: (bytes: Buffer) => void): Buffer {
    const bytes = Buffer.from(testModelBytes());
    edit(bytes);
    return bytes;
}

/** Copies a vocabulary token over a later token of the same length: the vocabulary then has it twice. */
export function makeTwoTokensEqual(bytes: Buffer, skip = 0) {
    let at = valueOffset(bytes, "tokenizer.ggml.tokens") + 12;
    const seen = new Map<number, number>();
    for (let index = 0; index < 10_000; index++) {
        const length = Number(bytes.readBigUInt64LE(at));
        const earlier = seen.get(length);
        if (earlier != null && index > skip) {
            bytes.copy(bytes, at + 8, earlier + 8, earlier + 8 + length);
            return;
        }
        seen.set(length, at);
        at += 8 + length;
    }
}

/** The size of the test model's header (metadata and tensor infos): mutations aim there. */
const HEADER_BYTES = 20_000;

/**
 * A structure-aware mutant of the test model's header, after the shapes that broke node-llama-cpp:
 * a count, a string length or a value type overwritten, a special token id out of the vocabulary,
 * two tokens made equal, bytes flipped, or the file cut short.
 */
export function mutatedModel(random: Random): Buffer {
    const bytes = Buffer.from(testModelBytes());
    switch (random.below(6)) {
        case 0: // a 64-bit count or length somewhere in the header
            bytes.writeBigUInt64LE(random.pick([0n, 1n, 0xffffffffn, 1n << 40n, 0xffffffffffffffffn]), random.below(HEADER_BYTES));
            break;
        case 1: // a value type
            bytes.writeUInt32LE(random.pick([9, 13, 255, 0xffffffff]), valueOffset(bytes, random.pick(["general.architecture", "llama.block_count", "tokenizer.ggml.tokens"])) - 4);
            break;
        case 2: // a special token id
            bytes.writeUInt32LE(random.pick([0xffffffff, 0x80000000, 1 << 20]), valueOffset(bytes, random.pick(["tokenizer.ggml.bos_token_id", "tokenizer.ggml.eos_token_id"])));
            break;
        case 3: // two tokens made equal
            makeTwoTokensEqual(bytes, random.below(50));
            break;
        case 4: // flipped bytes
            for (let count = 1 + random.below(4); count > 0; count--)
                bytes[random.below(HEADER_BYTES)] ^= 1 << random.below(8);
            break;
        default: // cut short
            return bytes.subarray(0, random.below(bytes.length));
    }
    return bytes;
}
