import fs from "node:fs/promises";
import path from "node:path";
import {writeFileAtomic} from "../files/writeFileAtomic.js";

/** A file name from a request: "Allow read-only access to S3 bucket logs" → `allow-read-only-access-to-s3-bucket-logs`. */
export function slugify(request: string, maxLength = 60) {
    const slug = request.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return slug.slice(0, maxLength).replace(/-+$/, "") || "policy";
}

export function defaultPolicyPath(request: string, folder: string, cwd: string) {
    return path.resolve(cwd, folder, `${slugify(request)}.json`);
}

export async function fileExists(file: string) {
    try {
        await fs.access(file);
        return true;
    } catch {
        return false;
    }
}

/** Writes a policy file atomically (never half a policy), creating missing folders. */
export async function writePolicyFile(file: string, text: string) {
    await fs.mkdir(path.dirname(file), {recursive: true});
    writeFileAtomic(file, text);
}

/** `EACCES: permission denied, open '…'` → `permission denied`. */
export function describeFileError(error: unknown) {
    const {code, syscall} = (error ?? {}) as NodeJS.ErrnoException;
    if (code === "EEXIST" && syscall === "mkdir")
        return "a part of the path is a file, not a folder";
    switch (code) {
        case "EACCES":
        case "EPERM": return "permission denied";
        case "ENOTDIR": return "a part of the path is a file, not a folder";
        case "EISDIR": return "it is a folder";
        case "EROFS": return "read-only file system";
        case "ENOSPC": return "no space left on the device";
        default: return error instanceof Error ? error.message.split("\n")[0]! : String(error);
    }
}
