import {rmSync} from "node:fs";
import {CONTROL_CHARACTER} from "../cli/runCli.js";
import {renderApp} from "../tui/renderApp.js";

/** Inputs per session before a fresh one: the transcript, and Ink's copy of every frame, stay small. */
const INPUTS_PER_SESSION = 100;
/** Terminal sizes the sessions take in turn: the side panel beside the pane, and under it in two columns. */
const SIZES = [[100, 24], [80, 24]] as const;
/** How long one input may take to run (its lines, commands and generations) before it is a hang. */
const SETTLE_MS = 5000;

type Session = Awaited<ReturnType<typeof renderApp>>;

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Nothing runs or waits to run; a yes/no question waits for a key, which is settled too. */
function settled({controller, commandsRunning}: Session) {
    const state = controller.getState();
    if (state.exiting || state.confirm != null)
        return true;
    return state.pending == null && state.busy == null && state.loading == null && state.queue.length === 0 && commandsRunning() === 0;
}

/**
 * The TUI's input handling as a terminal drives it: each input is written to the App's standard input
 * (keys, bursts of lines, pastes, commands), then must settle within 5 s with the live area still drawn
 * and no control character on the screen but the colours' own. A session that quits is replaced.
 */
export function tuiInputChecker() {
    let session: Session | undefined;
    let sessions = 0;
    let inputs = 0;
    const close = () => {
        if (session == null)
            return;
        session.app.unmount();
        rmSync(session.directory, {recursive: true, force: true});
        session = undefined;
    };
    const check = async (input: string): Promise<string | undefined> => {
        if (session == null || inputs >= INPUTS_PER_SESSION) {
            close();
            session = await renderApp(...SIZES[sessions++ % SIZES.length]!);
            inputs = 0;
        }
        inputs++;
        const current = session;
        current.app.stdin.write(input);
        const deadline = performance.now() + SETTLE_MS;
        do
            await turn();
        while (!settled(current) && performance.now() < deadline);
        if (!settled(current))
            return `did not settle within ${SETTLE_MS} ms: ${JSON.stringify({...current.controller.getState(), transcript: undefined, revisions: undefined})}`.slice(0, 400);
        await turn();
        const screen = current.frame().replace(/\u001b\[[0-9;]*m/g, "");
        current.app.stdout.frames.length = 0;
        if (current.controller.getState().exiting) {
            close();
            return undefined;
        }
        if (!screen.includes(" iam-gen · "))
            return `the live area is gone: ${screen.slice(-300)}`;
        const control = CONTROL_CHARACTER.exec(screen);
        return control == null ? undefined : `echoed the control character ${JSON.stringify(control[0])}: ${JSON.stringify(screen.slice(Math.max(0, control.index - 60), control.index + 20))}`;
    };
    return {check, close};
}
