import {afterEach, describe, expect, it} from "vitest";
import {createGate} from "./fakeEngine.js";
import {until} from "./harness.js";
import {renderApp as renderTestApp} from "./renderApp.js";

const ESC = "\u001b";
const cleanups: (() => void)[] = [];

afterEach(() => {
    for (const cleanup of cleanups.splice(0))
        cleanup();
});

async function renderApp(columns = 100, rows = 24) {
    const rendered = await renderTestApp(columns, rows);
    cleanups.push(() => rendered.app.unmount());
    return rendered;
}

describe("App", () => {
    it("paints the status line, the empty pane with an example, and the input", async () => {
        const {live} = await renderApp();
        const text = live().join("\n");
        expect(text).toContain("iam-gen · catalog engine · no model · CPU · RAG on");
        expect(text).toContain("Describe what a role or user needs");
        expect(text).toContain("› ");
        expect(text).toContain("Enter send");
    });

    it("streams a typed request into the policy pane and fills the side panel", async () => {
        const {type, app, live, engine} = await renderApp();
        await type("Allow reading the reports bucket");
        app.stdin.write("\r");
        await until(() => live().join("\n").includes("revision 1/1"));
        const text = live().join("\n");
        expect(engine.requests[0]?.request).toBe("Allow reading the reports bucket");
        expect(text).toContain("\"s3:GetObject\"");
        expect(text).toContain("Services");
        expect(text).toMatch(/s3 ← "bucket"/);
        expect(text).toContain("Candidate actions (✔ in the policy)");
        expect(text).toMatch(/GetObject\s+Read/);
        expect(text).toContain("arn:aws:s3:::reports/*");
        // Retrieval proposed an MFA condition that the policy does not have: the panel lists the policy's.
        expect(text).not.toContain("Bool aws:MultiFactorAuthPresent true");
        expect(text).toContain("● MISSING_MFA consider requiring MFA");
    });

    it("keeps a bracketed multi-line paste as one request until Enter", async () => {
        const {app, frame, engine} = await renderApp();
        app.stdin.write(`${ESC}[200~Allow reading the reports bucket\rand listing it${ESC}[201~`);
        await until(() => frame().includes("› Allow reading the reports bucket↵and listing it"));
        app.stdin.write("\r");
        await until(() => engine.requests.length === 1);
        expect(engine.requests[0]?.request).toBe("Allow reading the reports bucket\nand listing it");
    });

    it("runs each line of a burst of typed lines, in order", async () => {
        const {app, engine, controller} = await renderApp();
        app.stdin.write("Allow reading the reports bucket\ralso allow deleting objects\r/rag off\ralso allow listing\r");
        await until(() => engine.requests.length === 3 && controller.getState().pending == null);
        expect(engine.requests.map((request) => [request.request, request.options?.rag])).toEqual([
            ["Allow reading the reports bucket", true], ["also allow deleting objects", true], ["also allow listing", false]
        ]);
    });

    it("stops a stream with Esc and keeps what streamed, marked aborted", async () => {
        const {app, type, live, engine} = await renderApp();
        engine.gate = createGate().promise;
        await type("Allow reading the reports bucket\r");
        await until(() => live().join("\n").includes("● generating"));
        app.stdin.write(ESC);
        await until(() => live().join("\n").includes("aborted: kept what streamed"));
        expect(live().join("\n")).toContain("{");
    });

    it("waits with what is typed during a generation until the turn ends", async () => {
        const {app, type, live, engine, controller} = await renderApp();
        const gate = createGate();
        engine.gate = gate.promise;
        await type("Allow reading the reports bucket\r");
        await until(() => live().join("\n").includes("● generating"));
        await type("also allow deleting objects\r");
        expect(controller.getState().queue).toEqual(["also allow deleting objects"]);
        engine.gate = null;
        gate.open();
        await until(() => live().join("\n").includes("revision 2/2"));
        expect(live().join("\n")).toContain("Added s3:DeleteObject.");
        app.stdin.write("");
    });

    it("recalls earlier input with ↑ and ↓", async () => {
        const {app, type, frame} = await renderApp();
        await type("/rag off\r");
        await type("draft");
        app.stdin.write(`${ESC}[A`);
        await until(() => frame().includes("› /rag off"));
        app.stdin.write(`${ESC}[B`);
        await until(() => frame().includes("› draft"));
    });

    it("saves with Ctrl+S and asks before overwriting with a y/n key", async () => {
        const {app, type, live, controller} = await renderApp();
        await type("Allow reading the reports bucket\r");
        await until(() => live().join("\n").includes("revision 1/1"));
        app.stdin.write("\u0013");
        await until(() => live().join("\n").includes("saved policies/allow-reading-the-reports-bucket.json"));
        app.stdin.write("\u0013");
        await until(() => live().join("\n").includes("exists. Overwrite it? (y/n)"));
        app.stdin.write("y");
        await until(() => controller.getState().confirm == null);
        await until(() => live().join("\n").includes("saved policies/"));
    });

    it("shows /rag off in the status line", async () => {
        const {type, live} = await renderApp();
        await type("/rag off\r");
        await until(() => live()[0]!.includes("RAG off"));
    });

    it("shows a command's output in the main area until Esc", async () => {
        const {app, type, live} = await renderApp();
        await type("/help\r");
        await until(() => live().join("\n").includes("/save [path]"));
        app.stdin.write(ESC);
        await until(() => live().join("\n").includes("Describe what a role or user needs"));
    });

    it("quits on the second Ctrl+C", async () => {
        const {app, live, controller} = await renderApp();
        app.stdin.write("\u0003");
        await until(() => live().join("\n").includes("press Ctrl+C again to quit"));
        expect(controller.getState().exiting).toBe(false);
        app.stdin.write("\u0003");
        await until(() => controller.getState().exiting);
    });

    it("keeps the live area shorter than the terminal, and puts the side panel under the pane below 100 columns", async () => {
        const {type, live} = await renderApp(80, 24);
        await type("Allow reading the reports bucket\r");
        await until(() => live().join("\n").includes("revision 1/1"));
        const lines = live();
        expect(lines.length).toBeLessThan(24);
        const policyLine = lines.findIndex((line) => line.includes("\"Version\""));
        const servicesLine = lines.findIndex((line) => line.startsWith("Services"));
        expect(policyLine).toBeGreaterThan(0);
        expect(servicesLine).toBeGreaterThan(policyLine);
        expect(lines.every((line) => line.length <= 80)).toBe(true);
    });

    it("scrolls the policy pane with PgDn and PgUp", async () => {
        const {app, type, live} = await renderApp(120, 12);
        await type("Allow reading the reports bucket\r");
        await until(() => live().join("\n").includes("revision 1/1"));
        expect(live().join("\n")).toMatch(/lines 1–\d+ of \d+/);
        app.stdin.write(`${ESC}[6~`);
        await until(() => !/lines 1–/.test(live().join("\n")));
        app.stdin.write(`${ESC}[5~`);
        await until(() => /lines 1–/.test(live().join("\n")));
    });
});
