import {spawn, spawnSync} from "node:child_process";
import {existsSync} from "node:fs";
import path from "node:path";
import {type BenchContext, packageRoot, runsFor} from "../context.js";
import {repeat, summarize, timeProcess} from "../measure.js";

const GROUP = "Start-up";
const cli = path.join(packageRoot, "dist", "cli", "main.js");
// The bundled binary, as `iam-gen-tui` runs it.
const tui = path.join(packageRoot, "dist", "bundle", "tui.js");

const CONTEXT_REQUEST = "Allow a Lambda function to read from DynamoDB table users and write logs to CloudWatch";

/** The CLI as a user starts it: a fresh `node` process, timed from spawn to exit. */
export async function measureCliColdStart(context: BenchContext) {
    const runs = runsFor(context, 15, 5);
    await measureCommand(context, "startup.cli.version", "CLI cold start: iam-gen --version", ["--version"], runs);
    await measureCommand(context, "startup.cli.context", "CLI cold start: iam-gen context \"…\"", ["context", CONTEXT_REQUEST], runs);
    // The whole first request as a user runs it: catalog, reader (lexicon, catalog noun index), composition, checker.
    await measureCommand(context, "startup.cli.firstRequest", "CLI first request: iam-gen \"…\" (spawn to exit)", ["--engine", "catalog", CONTEXT_REQUEST], runs);
}

async function measureCommand(context: BenchContext, id: string, label: string, args: string[], runs: {warmup: number; runs: number}) {
    const probe = await timeProcess(process.execPath, [cli, ...args]);
    if (probe.exitCode !== 0) {
        context.results.skip(id, GROUP, label, "ms", `exit ${probe.exitCode}: ${firstLine(probe.stderr)}`);
        return;
    }
    const sample = await repeat(async () => (await timeProcess(process.execPath, [cli, ...args])).ms, runs);
    context.results.timing(id, GROUP, label, sample);
}

/**
 * Spawns the TUI in a pseudo-terminal (util-linux `script`) and times spawn → first frame: the
 * first output with visible text once terminal escape sequences are stripped.
 */
export async function measureTuiFirstPaint(context: BenchContext) {
    const id = "startup.tui.firstPaint";
    const label = "TUI first paint (pseudo-terminal)";
    if (!existsSync(tui)) {
        context.results.skip(id, GROUP, label, "ms", "dist/bundle/tui.js is not built");
        return;
    }
    if (spawnSync("script", ["--version"]).error != null) {
        context.results.skip(id, GROUP, label, "ms", "util-linux `script` (for a pseudo-terminal) is not installed");
        return;
    }
    const {runs, warmup} = runsFor(context, 10, 4);
    const times: number[] = [];
    for (let i = 0; i < warmup + runs; i++) {
        const ms = await timeFirstFrame();
        if (i >= warmup)
            times.push(ms);
    }
    context.results.timing(id, GROUP, label, summarize(times), {target: {op: "<", value: 500}});
}

function timeFirstFrame(): Promise<number> {
    return new Promise((resolve, reject) => {
        const command = `stty cols 120 rows 40; exec ${JSON.stringify(process.execPath)} ${JSON.stringify(tui)}`;
        const start = performance.now();
        // A new process group, so that the TUI under `script` is stopped with it.
        const child = spawn("script", ["--quiet", "--flush", "--command", command, "/dev/null"], {
            cwd: packageRoot,
            env: {...process.env, TERM: "xterm-256color", FORCE_COLOR: "1"},
            stdio: ["pipe", "pipe", "pipe"],
            detached: true
        });
        let output = "";
        let settled = false;
        const finish = (result: number | Error) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timeout);
            try {
                process.kill(-child.pid!, "SIGKILL");
            } catch {
                // Already gone.
            }
            if (result instanceof Error)
                reject(result);
            else
                resolve(result);
        };
        const timeout = setTimeout(() => finish(new Error(`no frame within 20 s; output: ${JSON.stringify(output.slice(0, 200))}`)), 20_000);
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
            output += chunk;
            if (visibleText(output).length > 0)
                finish(performance.now() - start);
        });
        child.on("error", (error) => finish(error));
        child.on("close", (code) => finish(new Error(`the TUI exited (${code}) before its first frame: ${firstLine(visibleText(output))}`)));
    });
}

function visibleText(output: string) {
    // eslint-disable-next-line no-control-regex
    return output.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007|\u001b[()][0-9A-B]|\u001b[=>78]/g, "").trim();
}

function firstLine(text: string) {
    return text.trim().split("\n")[0]?.slice(0, 160) ?? "";
}
