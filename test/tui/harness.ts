import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {createCommands, runCommandLine} from "../../source/tui/commands/registry.js";
import {SettingsStore} from "../../source/settings/Settings.js";
import {SessionController} from "../../source/tui/state/SessionController.js";
import {fakeLoader} from "./fakeEngine.js";

/** A controller on the scripted engine with every command, saving into a temporary folder. */
export async function createHarness() {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "iam-gen-tui-"));
    const {store} = await SettingsStore.open(path.join(directory, "config"));
    const loader = fakeLoader();
    const commands = createCommands(store);
    // Commands that have not finished: a command that awaits (a save) shows nothing in the state meanwhile.
    let commandsRunning = 0;
    const controller = new SessionController({
        loader,
        engine: {engine: "auto"},
        rag: true,
        async runCommand(line, controller) {
            commandsRunning++;
            try {
                await runCommandLine(line, {controller, commands, saveFolder: "policies", cwd: directory});
            } finally {
                commandsRunning--;
            }
        }
    });
    await controller.loadEngine(controller.engineRequest);
    return {controller, loader, engine: loader.engine, directory, store, commands, commandsRunning: () => commandsRunning};
}

/** The text of the transcript's entries of one kind. */
export function printed(controller: SessionController, kind: "notice" | "block") {
    return controller.getState().transcript.flatMap((entry) => entry.kind === kind ? [entry.text] : []);
}

export function lastNotice(controller: SessionController) {
    return printed(controller, "notice").at(-1);
}

/** Lets the event loop run until `predicate` holds (streams and effects take several turns). */
export async function until(predicate: () => boolean, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    while (!predicate() && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 5));
    if (!predicate())
        throw new Error("condition never held");
}
