import {render} from "ink-testing-library";
import {createElement} from "react";
import {App} from "../../source/tui/components/App.js";
import type {SessionController} from "../../source/tui/state/SessionController.js";
import {createHarness, until} from "./harness.js";

export interface RenderedApp {
    app: ReturnType<typeof render>;
    /** The last frame: the transcript above the live area. */
    frame(): string;
    /** The live area: from the status line to the end. */
    live(): string[];
    /** Types `text` a character at a time, as a person does. */
    type(text: string): Promise<void>;
}

/** The App on a controller in a terminal of `columns`×`rows`; unmount it when done. */
export function renderController(controller: SessionController, columns = 100, rows = 24): RenderedApp {
    // No JSX here: `npm run fuzz` (tsx, which reads no JSX setting for test/) renders the App through this too.
    const app = render(createElement(App, {controller}));
    // ink-testing-library's terminal is 100 columns and has no rows: give it a size, as a terminal would.
    Object.defineProperty(app.stdout, "columns", {value: columns, configurable: true});
    Object.defineProperty(app.stdout, "rows", {value: rows, configurable: true});
    app.stdout.emit("resize");
    const frame = () => app.lastFrame() ?? "";
    const live = () => {
        const lines = frame().split("\n");
        return lines.slice(lines.findLastIndex((line) => line.startsWith(" iam-gen · ")));
    };
    const type = async (text: string) => {
        for (const character of text) {
            app.stdin.write(character);
            await new Promise((resolve) => setImmediate(resolve));
        }
    };
    return {app, frame, live, type};
}

/** The App on the harness's controller (scripted engine, every command), once the engine has loaded. */
export async function renderApp(columns = 100, rows = 24): Promise<Awaited<ReturnType<typeof createHarness>> & RenderedApp> {
    const harness = await createHarness();
    const rendered = renderController(harness.controller, columns, rows);
    await until(() => rendered.frame().includes("catalog engine"));
    return {...harness, ...rendered};
}
