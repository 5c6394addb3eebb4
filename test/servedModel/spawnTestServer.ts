import {spawn} from "node:child_process";
import net from "node:net";
import path from "node:path";
import {fileURLToPath} from "node:url";
import type {ReceivedRequest} from "./testServer.js";

const serverScript = path.join(path.dirname(fileURLToPath(import.meta.url)), "testServer.ts");

export interface RunningTestServer {
    /** `http://127.0.0.1:PORT/v1` */
    url: string;
    /** The base URL of a misbehaving route: `http://127.0.0.1:PORT/fault/<mode>/<tag>/v1`. */
    fault(mode: "hang" | "429" | "500" | "junk" | "half" | "cut" | "auth", tag?: string): string;
    /** What the server received so far. */
    requests(): Promise<ReceivedRequest[]>;
    close(): Promise<void>;
}

let tags = 0;

/** Starts the test server as its own process on a free loopback port (one per test file: it loads the model once). */
export async function spawnTestServer(): Promise<RunningTestServer> {
    const child = spawn(process.execPath, ["--import", "tsx", serverScript, "--port", "0"], {stdio: ["ignore", "pipe", "pipe"]});
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (text: string) => stderr += text);
    const url = await new Promise<string>((resolve, reject) => {
        let stdout = "";
        child.stdout.setEncoding("utf8").on("data", (text: string) => {
            stdout += text;
            const match = /listening on (\S+)/.exec(stdout);
            if (match != null)
                resolve(match[1]!);
        });
        child.on("exit", (code) => reject(new Error(`the test server exited (${code}): ${stderr}`)));
    });
    const origin = new URL(url).origin;
    return {
        url,
        fault: (mode, tag = `t${++tags}`) => `${origin}/fault/${mode}/${tag}/v1`,
        requests: async () => await (await fetch(`${origin}/_requests`)).json() as ReceivedRequest[],
        close: () => new Promise((resolve) => {
            if (child.exitCode != null)
                return resolve();
            child.once("exit", () => resolve());
            child.kill("SIGTERM");
        })
    };
}

/** A loopback port nothing listens on, for a server that refuses connections. */
export function unusedLoopbackPort(): Promise<number> {
    return new Promise((resolve) => {
        const probe = net.createServer().listen(0, "127.0.0.1", () => {
            const {port} = probe.address() as net.AddressInfo;
            probe.close(() => resolve(port));
        });
    });
}
