import {spawn, spawnSync} from "node:child_process";
import path from "node:path";
import {fileURLToPath} from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const main = path.join(root, "dist", "cli", "main.js");

export interface CliResult {
    status: number | null;
    stdout: string;
    stderr: string;
}

/** Runs the built CLI with `input` on standard input (written at once); FORCE_COLOR=0 keeps the output plain. */
export function runCli(args: string[], input?: string | Buffer, env: NodeJS.ProcessEnv = {}): CliResult {
    const result = spawnSync(process.execPath, [main, ...args], {input, encoding: "utf8", timeout: 60_000, env: {...process.env, FORCE_COLOR: "0", ...env}});
    return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

/** Runs the CLI with standard input a pipe that stays empty for `delayMs` before `input` arrives, as `(sleep 1; echo …) | iam-gen -` does. */
export function runCliWithSlowPipe(args: string[], input: string, delayMs: number, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [main, ...args], {env: {...process.env, FORCE_COLOR: "0", ...env}, stdio: ["pipe", "pipe", "pipe"]});
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => stdout += chunk);
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => stderr += chunk);
        child.on("error", reject);
        child.on("close", (status) => resolve({status, stdout, stderr}));
        setTimeout(() => child.stdin.end(input), delayMs);
    });
}

/** Any control character but newline: what must never reach a terminal from input. */
export const CONTROL_CHARACTER = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
