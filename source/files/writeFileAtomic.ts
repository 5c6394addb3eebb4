import {randomBytes} from "node:crypto";
import {renameSync, rmSync, writeFileSync} from "node:fs";
import path from "node:path";

/**
 * Writes `text` to `file` through a temporary file in the same folder and a rename, so that a reader
 * never sees half a file and a failed write leaves the old one in place. The folder must exist.
 */
export function writeFileAtomic(file: string, text: string) {
    const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
    try {
        writeFileSync(temporary, text);
        renameSync(temporary, file);
    } catch (error) {
        rmSync(temporary, {force: true});
        throw error;
    }
}
