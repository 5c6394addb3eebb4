import fs from "node:fs/promises";
import path from "node:path";
import {ImportError, readPolicyFile} from "../export/index.js";
import {writeFileAtomic} from "../files/writeFileAtomic.js";
import type {PolicyDocument} from "../policy/types.js";

/** A file name from a request: "Allow read-only access to S3 bucket logs" → `allow-read-only-access-to-s3-bucket-logs`. */
export function slugify(request: string, maxLength = 60) {
    const slug = request.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return slug.slice(0, maxLength).replace(/-+$/, "") || "policy";
}

export function defaultPolicyPath(request: string, folder: string, cwd: string, extension = ".json") {
    return path.resolve(cwd, folder, `${slugify(request)}${extension}`);
}

/** A policy file is a few kilobytes; past this it is not one, and reading it would only stall the session. */
const MAX_POLICY_FILE_BYTES = 1 << 20;

/**
 * The policy in a file (JSON, or YAML, CloudFormation or Terraform as iam-gen exports them), or the
 * one-line reason it cannot be opened.
 */
export async function readPolicyAt(file: string): Promise<{policy: PolicyDocument} | {problem: string}> {
    let text: string;
    try {
        const stats = await fs.stat(file);
        if (stats.isDirectory())
            return {problem: "it is a folder"};
        if (stats.size > MAX_POLICY_FILE_BYTES)
            return {problem: `it is ${Math.round(stats.size / 1024)} KiB, too large for a policy`};
        text = await fs.readFile(file, "utf8");
    } catch (error) {
        return {problem: (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : describeFileError(error)};
    }
    try {
        return {policy: readPolicyFile(text)};
    } catch (error) {
        if (error instanceof ImportError)
            return {problem: error.message};
        throw error;
    }
}

/**
 * What is at `file` now: nothing (a new file), a file to overwrite, or a reason it cannot be written,
 * found before anything is asked or written.
 */
export async function inspectSaveTarget(file: string): Promise<{exists: boolean; problem?: string}> {
    try {
        const stats = await fs.stat(file);
        if (stats.isDirectory())
            return {exists: true, problem: "it is a folder"};
        // Replacing a device or a pipe (as root, /dev/null) by a policy file would break whatever uses it.
        if (!stats.isFile())
            return {exists: true, problem: "it is not a regular file"};
        return {exists: true};
    } catch (error) {
        return (error as NodeJS.ErrnoException).code === "ENOENT" ? {exists: false} : {exists: false, problem: describeFileError(error)};
    }
}

/** Writes a policy file atomically (never half a policy), creating missing folders. */
export async function writePolicyFile(file: string, text: string) {
    await createFolders(path.dirname(file));
    writeFileAtomic(file, text);
}

/**
 * Creates `folder` and its missing parents one at a time, from the nearest one that exists. Node's
 * recursive mkdir is not used: under /proc it never returns and spins a thread at full CPU (Node 20).
 */
async function createFolders(folder: string) {
    const missing: string[] = [];
    for (let current = path.resolve(folder); ; current = path.dirname(current)) {
        try {
            if ((await fs.stat(current)).isDirectory())
                break;
            throw Object.assign(new Error(`not a folder: ${current}`), {code: "ENOTDIR", path: current});
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== "ENOENT" || path.dirname(current) === current)
                throw error;
            missing.push(current);
        }
    }
    for (const parent of missing.reverse()) {
        try {
            await fs.mkdir(parent);
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== "EEXIST")
                throw error;
        }
    }
}

/** `EACCES: permission denied, open '…'` → `permission denied`. */
export function describeFileError(error: unknown) {
    const {code, syscall, path: where} = (error ?? {}) as NodeJS.ErrnoException;
    if (code === "EEXIST" && syscall === "mkdir")
        return "a part of the path is a file, not a folder";
    // A missing parent was checked for first: a mkdir that still finds none is a file system that takes no folders (/proc).
    if (code === "ENOENT" && syscall === "mkdir")
        return `no folder can be created at ${where ?? "that place"}`;
    if (code === "ENOENT")
        return "no file can be created in that folder";
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
