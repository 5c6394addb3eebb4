import {closeSync, constants, fstatSync, openSync, readSync} from "node:fs";
import {CliError} from "./CliError.js";

/** What the CLI reads from a file argument or `-` (standard input). */
export interface InputSource {
    /** `-` for standard input. */
    file: string;
    /** Larger inputs are refused rather than read into memory. */
    maxBytes: number;
}

export function inputName(file: string) {
    return file === "-" ? "standard input" : file;
}

/**
 * The bytes of a file, or of standard input read as a stream: `readFileSync(0)` fails with EAGAIN
 * when standard input is a pipe that something (chalk, at import) has made non-blocking.
 * Unreadable input is a one-line CliError (exit 2).
 */
export async function readInput({file, maxBytes}: InputSource): Promise<Buffer> {
    return file === "-" ? readStream(process.stdin, maxBytes) : readRegularFile(file, maxBytes);
}

async function readStream(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of stream) {
        const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
        length += buffer.length;
        if (length > maxBytes) {
            process.stdin.destroy();
            throw new CliError(`standard input is larger than ${formatBytes(maxBytes)}`);
        }
        chunks.push(buffer);
    }
    return Buffer.concat(chunks);
}

/**
 * Opened without blocking and checked through the descriptor: a FIFO or a device (`/dev/zero`) is
 * refused, never waited on or read until it ends.
 */
function readRegularFile(file: string, maxBytes: number): Buffer {
    let descriptor: number | undefined;
    try {
        descriptor = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
        const stats = fstatSync(descriptor);
        if (stats.isDirectory())
            throw new CliError(`${file} is a directory`);
        if (!stats.isFile())
            throw new CliError(`${file} is not a regular file`);
        if (stats.size > maxBytes)
            throw new CliError(`${file} is larger than ${formatBytes(maxBytes)}`);
        const buffer = Buffer.alloc(stats.size);
        let read = 0;
        while (read < buffer.length) {
            const count = readSync(descriptor, buffer, read, buffer.length - read, read);
            if (count === 0)
                break;
            read += count;
        }
        return buffer.subarray(0, read);
    } catch (error) {
        if (error instanceof CliError)
            throw error;
        const code = (error as NodeJS.ErrnoException).code;
        throw new CliError(code === "ENOENT" ? `${file}: no such file` : code === "EISDIR" ? `${file} is a directory` : `cannot read ${file}: ${code ?? (error as Error).message}`);
    } finally {
        if (descriptor != null)
            closeSync(descriptor);
    }
}

function formatBytes(bytes: number) {
    return bytes >= 1 << 20 ? `${bytes / (1 << 20)} MB` : `${bytes} bytes`;
}
