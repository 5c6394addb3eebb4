import {execFileSync, spawnSync} from "node:child_process";

export interface TmuxStartOptions {
    command: string[];
    columns: number;
    rows: number;
    cwd: string;
    env?: Record<string, string>;
}

/**
 * A program running in a detached tmux session on a private server (its own socket), driven like a
 * person at a terminal: `send-keys` in, `capture-pane` out.
 */
export class TmuxSession {
    private constructor(private readonly socket: string, private readonly target: string) {}

    static available() {
        return spawnSync("tmux", ["-V"], {stdio: "ignore"}).status === 0;
    }

    static start({command, columns, rows, cwd, env = {}}: TmuxStartOptions) {
        const name = `iam-gen-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
        const session = new TmuxSession(name, name);
        const environment = Object.entries({TERM: "xterm-256color", ...env}).flatMap(([key, value]) => ["-e", `${key}=${value}`]);
        session.tmux("-f", "/dev/null", "new-session", "-d", "-s", name, "-x", String(columns), "-y", String(rows), "-c", cwd, ...environment, ...command);
        // Keep the pane after the program exits, to read its exit status.
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

    /** The visible screen as text, or with its colours as ANSI escapes. */
    capture({escapes = false} = {}) {
        // -N keeps trailing spaces, which carry the background of a full-width bar.
        return this.tmux("capture-pane", "-p", ...escapes ? ["-e", "-N"] : [], "-t", this.target);
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

    /** How the program ended once it has: `0`, `1`, … or `signal 6`; undefined while it runs. */
    exitStatus(): string | undefined {
        const [dead, status, signal] = this.tmux("display-message", "-p", "-t", this.target, "#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}").trim().split(":");
        // tmux marks the pane dead when its terminal closes, and records the status only once it has reaped
        // the process: until then both are empty.
        if (dead !== "1" || (status === "" && signal === ""))
            return undefined;
        return status !== "" ? status : `signal ${signal}`;
    }

    kill() {
        spawnSync("tmux", ["-L", this.socket, "kill-server"], {stdio: "ignore"});
    }

    private tmux(...args: string[]) {
        return execFileSync("tmux", ["-L", this.socket, ...args], {encoding: "utf8"});
    }
}
