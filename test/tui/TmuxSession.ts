import {execFileSync, spawnSync} from "node:child_process";
import {mkdtempSync, readFileSync} from "node:fs";
import os from "node:os";
import path from "node:path";

export interface TmuxStartOptions {
    command: string[];
    columns: number;
    rows: number;
    cwd: string;
    env?: Record<string, string>;
}

/**
 * A person's terminal, not CI's: CI runs the tests with CI=true, under which Ink draws only the last
 * frame (is-in-ci) and chalk drops colours (supports-color). The tmux server, and so the program, starts
 * from this environment.
 */
const TERMINAL_ENVIRONMENT = Object.fromEntries(Object.entries(process.env)
    .filter(([key]) => key !== "CI" && key !== "CONTINUOUS_INTEGRATION"));

/**
 * A program running in a detached tmux session on a private server (its own socket), driven like a
 * person at a terminal: `send-keys` in, `capture-pane` out.
 */
export class TmuxSession {
    private constructor(private readonly socket: string, private readonly target: string, private readonly statusFile: string) {}

    static available() {
        return spawnSync("tmux", ["-V"], {stdio: "ignore"}).status === 0;
    }

    static start({command, columns, rows, cwd, env = {}}: TmuxStartOptions) {
        const name = `iam-gen-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
        // tmux does not always record a dead pane's exit status (seen on 3.3a: dead, with neither status
        // nor signal), so a shell around the program writes it to a file. 128 + N means signal N.
        const statusFile = path.join(mkdtempSync(path.join(os.tmpdir(), "iam-gen-tmux-")), "status");
        const session = new TmuxSession(name, name, statusFile);
        const environment = Object.entries({TERM: "xterm-256color", ...env}).flatMap(([key, value]) => ["-e", `${key}=${value}`]);
        const script = `"$@"; echo $? > ${shellQuote(statusFile)}.tmp && mv ${shellQuote(statusFile)}.tmp ${shellQuote(statusFile)}`;
        session.tmux("-f", "/dev/null", "new-session", "-d", "-s", name, "-x", String(columns), "-y", String(rows), "-c", cwd, ...environment,
            "sh", "-c", script, "sh", ...command);
        // Keep the pane after the program exits, so that its last screen can still be read.
        session.tmux("set-option", "-t", name, "remain-on-exit", "on");
        return session;
    }

    /** Types text literally (no key names), as a paste of characters would arrive. */
    type(text: string) {
        this.tmux("send-keys", "-t", this.target, "-l", text);
    }

    /** Pastes text as a terminal does, wrapped in bracketed-paste markers when the program asked for them. */
    paste(text: string) {
        execFileSync("tmux", ["-L", this.socket, "load-buffer", "-b", "paste", "-"], {input: text});
        this.tmux("paste-buffer", "-p", "-d", "-b", "paste", "-t", this.target);
    }

    /** Sends named keys: `Enter`, `Escape`, `C-c`, `PageDown`. */
    keys(...keys: string[]) {
        this.tmux("send-keys", "-t", this.target, ...keys);
    }

    /** The visible screen as text, or with its colours as ANSI escapes; with `history`, the scrollback above it too. */
    capture({escapes = false, history = false} = {}) {
        // -N keeps trailing spaces, which carry the background of a full-width bar.
        return this.tmux("capture-pane", "-p", ...escapes ? ["-e", "-N"] : [], ...history ? ["-S", "-"] : [], "-t", this.target);
    }

    async waitFor(predicate: (screen: string) => boolean, what: string, timeoutMs = 20_000) {
        const deadline = Date.now() + timeoutMs;
        let screen = "";
        while (Date.now() < deadline) {
            screen = this.capture();
            if (predicate(screen))
                return screen;
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw new Error(`timed out waiting for ${what}; the screen was:\n${screen}`);
    }

    /** The program's exit status once it has ended (`0`, `1`, …; 128 + N for signal N); undefined while it runs. */
    exitStatus(): string | undefined {
        try {
            return readFileSync(this.statusFile, "utf8").trim();
        } catch {
            return undefined;
        }
    }

    kill() {
        spawnSync("tmux", ["-L", this.socket, "kill-server"], {stdio: "ignore"});
    }

    private tmux(...args: string[]) {
        return execFileSync("tmux", ["-L", this.socket, ...args], {encoding: "utf8", env: TERMINAL_ENVIRONMENT});
    }
}

function shellQuote(text: string) {
    return `'${text.replace(/'/g, "'\\''")}'`;
}
