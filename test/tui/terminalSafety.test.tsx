import {EventEmitter} from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {afterEach, describe, expect, it} from "vitest";
import {SettingsStore} from "../../source/settings/Settings.js";
import {createEngineLoader} from "../../source/tui/engineLoader.js";
import {SessionController} from "../../source/tui/state/SessionController.js";
import {reportUnhandledRejections} from "../../source/tui/state/unhandledRejections.js";
import {CONTROL_CHARACTER} from "../cli/runCli.js";
import {until} from "./harness.js";
import {renderApp, renderController} from "./renderApp.js";

const ESC = "\u001b";
const cleanups: (() => void)[] = [];

afterEach(() => {
    for (const cleanup of cleanups.splice(0))
        cleanup();
});

async function rendered() {
    const app = await renderApp();
    cleanups.push(() => app.app.unmount());
    return app;
}

/** The screen without the colours Ink and our views add: what must hold no other control character. */
function uncoloured(frame: string) {
    return frame.replace(/\u001b\[[0-9;]*m/g, "");
}

describe("what the TUI writes to the terminal", () => {
    it("never echoes a control character typed or pasted into the input line", async () => {
        const {app, frame, engine} = await rendered();
        app.stdin.write(`${ESC}[200~read\u0007 the\tbucket\u009b2J \u0085reports${ESC}]0;renamed\u0007${ESC}[201~`);
        await until(() => frame().includes("› read the bucket2J reports]0;renamed"));
        expect(uncoloured(frame())).not.toMatch(CONTROL_CHARACTER);
        app.stdin.write("\r");
        await until(() => engine.requests.length === 1);
        expect(engine.requests[0]!.request).toBe("read the bucket2J reports]0;renamed");
    });

    it("shows the control characters of a message escaped, whatever it quotes", async () => {
        const {controller, frame} = await rendered();
        controller.notice("error", `cannot load ${ESC}]0;pwned\u0007.gguf`);
        controller.dispatch({type: "flash", level: "warning", text: `flash ${ESC}[2J\u009b`});
        await until(() => frame().includes("pwned"));
        expect(uncoloured(frame())).not.toMatch(CONTROL_CHARACTER);
        expect(frame()).toContain("cannot load \\u001b]0;pwned\\u0007.gguf");
        expect(frame()).toContain("flash \\u001b[2J\\u009b");
    });

    it("escapes a model file's name in /model's progress, message and status line", async () => {
        const directory = fs.mkdtempSync(path.join(os.tmpdir(), "iam-gen-tui-model-"));
        const model = path.join(directory, `bad${ESC}]0;pwned\u0007.gguf`);
        fs.writeFileSync(model, "GGUF not really");
        const {store} = await SettingsStore.open(path.join(directory, "config"));
        const controller = new SessionController({loader: createEngineLoader(async () => store.values, directory), engine: {engine: "catalog"}, rag: true});
        const {app, frame} = renderController(controller);
        cleanups.push(() => app.unmount());
        await controller.loadEngine({engine: "llama", model});
        await until(() => frame().includes("using the catalog engine"));
        expect(uncoloured(frame())).not.toMatch(CONTROL_CHARACTER);
        expect(frame()).toContain("bad\\u001b]0;pwned\\u0007.gguf");
    });

    it("shows a promise rejection nothing handled as an error, and the session goes on", async () => {
        const {controller, frame, type, engine} = await rendered();
        const events = new EventEmitter();
        const stop = reportUnhandledRejections(controller, events);
        events.emit("unhandledRejection", new Error(`Failed to accept token in sampler${ESC}[2J`));
        await until(() => frame().includes("unexpected error (the session goes on): Failed to accept token in sampler\\u001b[2J"));
        stop();
        expect(events.listenerCount("unhandledRejection")).toBe(0);
        await type("Allow reading the reports bucket\r");
        await until(() => engine.requests.length === 1);
    });
});
