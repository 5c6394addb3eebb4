import {execFileSync} from "node:child_process";
import {mkdirSync, symlinkSync, writeFileSync} from "node:fs";
import path from "node:path";
import {type Random} from "./random.js";

const KEYS = ["model", "engine", "rag", "saveFolder", "accountId", "region", "partition", "__proto__", "constructor", "colour"];
const VALUES: unknown[] = ["catalog", "llama", "auto", true, false, "off", "123456789012", "us-east-1", "aws", "", null, 5, [], {}, "\u001b]0;x\u0007", "x".repeat(5000)];

/** Settings content: valid, valid JSON of the wrong shape, not JSON at all, or bytes. */
function settingsContent(random: Random): Buffer {
    switch (random.below(6)) {
        case 0: return Buffer.from(random.pick(["", "{", "{\"rag\": tru", "null", "[]", "\uFEFF{}", "{\"engine\": \"catalog\", \"engine\": \"llama\"}"]));
        case 1: return Buffer.from("[".repeat(random.below(5000)));
        case 2: return random.bytes(random.below(200));
        default: {
            const entries = Array.from({length: random.below(5)}, () => `${JSON.stringify(random.pick(KEYS))}: ${JSON.stringify(random.pick(VALUES))}`);
            return Buffer.from(`{${entries.join(", ")}}`);
        }
    }
}

/**
 * Makes one settings place under `directory` and returns the folder to open: a file with generated
 * content, or one of the reproductions' broken places (the file a folder, the folder a file, a link
 * loop, a FIFO, a link to /dev/zero, a folder that cannot be created).
 */
export function settingsPlace(random: Random, directory: string): string {
    mkdirSync(directory, {recursive: true});
    const file = path.join(directory, "config.json");
    switch (random.below(20)) {
        case 0: mkdirSync(file); break;
        case 1: writeFileSync(path.join(directory, "file"), ""); return path.join(directory, "file", "deeper");
        case 2: symlinkSync(file, file); break;
        case 3: execFileSync("mkfifo", [file]); break;
        case 4: symlinkSync("/dev/zero", file); break;
        case 5: return "/proc/iam-gen-fuzz/settings";
        default: writeFileSync(file, settingsContent(random));
    }
    return directory;
}

/** A `/settings key value` a person might type, valid or not. */
export function settingsChange(random: Random): [string, string] {
    return [random.pick([...KEYS, "REGION", ""]), String(random.pick(VALUES))];
}
