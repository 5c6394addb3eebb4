import {describe, expect, it} from "vitest";
import {currentRevision} from "../../source/tui/state/sessionState.js";
import {SessionController} from "../../source/tui/state/SessionController.js";
import {createGate, fakeLoader} from "./fakeEngine.js";
import {createHarness, lastNotice, printed, until} from "./harness.js";

describe("SessionController", () => {
    it("generates, then refines the current policy with a follow-up", async () => {
        const {controller, engine} = await createHarness();
        await controller.submit("Allow reading the reports bucket");
        await controller.submit("also allow deleting objects");
        const state = controller.getState();
        expect(engine.requests.map((request) => request.refinement)).toEqual([false, true]);
        expect(state.revisions).toHaveLength(2);
        expect(currentRevision(state)?.changeSummary).toBe("Added s3:DeleteObject.");
        expect(state.history).toEqual(["Allow reading the reports bucket", "also allow deleting objects"]);
    });

    it("says what a refinement changed from the two policies, whatever the engine says", async () => {
        const {controller, engine} = await createHarness();
        await controller.submit("Allow reading the reports bucket");
        engine.summary = "Added aws:MultiFactorAuthPresent false";
        await controller.submit("also allow deleting objects");
        expect(currentRevision(controller.getState())?.changeSummary).toBe("Added s3:DeleteObject.");
        await controller.submit("/new");
        await controller.submit("Allow reading the logs bucket");
        expect(currentRevision(controller.getState())?.changeSummary).toBeUndefined();
    });

    it("queues what is submitted while generating and runs it when the turn ends", async () => {
        const {controller, engine} = await createHarness();
        const gate = createGate();
        engine.gate = gate.promise;
        const first = controller.submit("Allow reading the reports bucket");
        await until(() => (controller.getState().pending?.text.length ?? 0) > 0);
        await controller.submit("also allow deleting objects");
        expect(controller.getState().queue).toEqual(["also allow deleting objects"]);
        engine.gate = null;
        gate.open();
        await first;
        expect(controller.getState().queue).toEqual([]);
        expect(controller.getState().revisions).toHaveLength(2);
    });

    it("runs lines submitted faster than they run, commands included, once each and in order", async () => {
        const {controller, engine} = await createHarness();
        const lines = ["Allow reading the reports bucket", "/rag off", "also allow deleting objects", "/new", "Allow reading the logs bucket", "/undo", "/history"];
        // No await between them: as fast as a burst of typed lines reaches the controller.
        const submissions = lines.map((line) => controller.submit(line));
        await Promise.all(submissions);
        await until(() => controller.getState().queue.length === 0 && controller.getState().pending == null);
        const run = controller.getState().transcript.flatMap((entry) => entry.kind === "request" ? [entry.text] : []);
        expect(run).toEqual(lines);
        expect(engine.requests.map((request) => [request.request, request.options?.rag, request.refinement])).toEqual([
            ["Allow reading the reports bucket", true, false],
            ["also allow deleting objects", false, true],
            ["Allow reading the logs bucket", false, false]
        ]);
    });

    it("keeps running queued lines after a command fails", async () => {
        const failing = new SessionController({
            loader: fakeLoader(),
            engine: {engine: "auto"},
            rag: true,
            runCommand: () => {
                throw new Error("disk on fire\nstack");
            }
        });
        await failing.loadEngine(failing.engineRequest);
        await Promise.all([failing.submit("/save"), failing.submit("Allow reading the reports bucket")]);
        expect(printed(failing, "notice")).toContain("/save: disk on fire");
        expect(failing.getState().revisions).toHaveLength(1);
    });

    it("aborts a stream and keeps what streamed, marked aborted", async () => {
        const {controller, engine} = await createHarness();
        engine.gate = createGate().promise;
        const turn = controller.submit("Allow reading the reports bucket");
        await until(() => (controller.getState().pending?.text.length ?? 0) > 0);
        const streamed = controller.getState().pending!.text;
        expect(controller.generating).toBe(true);
        expect(controller.abort()).toBe(true);
        await turn;
        const {shown, revisions} = controller.getState();
        expect(shown).toMatchObject({aborted: true, text: streamed, policy: null});
        expect(revisions).toEqual([]);
        expect(controller.abort()).toBe(false);
    });

    it("passes the RAG switch to the engine", async () => {
        const {controller, engine} = await createHarness();
        controller.setRag(false);
        await controller.submit("Allow reading the reports bucket");
        expect(engine.requests[0]?.options?.rag).toBe(false);
        expect(controller.getState().shown?.rag).toBe(false);
    });

    it("queues input while an engine loads and reports a failed load in one line", async () => {
        const {controller, loader} = await createHarness();
        const loading = controller.loadEngine({engine: "llama", model: "/models/missing.gguf"});
        const submitted = controller.submit("Allow reading the reports bucket");
        expect(controller.getState().queue).toHaveLength(1);
        await submitted;
        await loading;
        expect(lastNotice(controller)).toBe("model file not found: /models/missing.gguf");
        expect(controller.getState().engine?.name).toBe("catalog");
        expect(controller.getState().revisions).toHaveLength(1);
        expect(loader.loads).toBe(2);
    });

    it("answers a question with the next key and then runs what waited", async () => {
        const {controller} = await createHarness();
        const answer = controller.ask("Overwrite? (y/n)");
        expect(controller.getState().confirm).toBe("Overwrite? (y/n)");
        controller.answer(true);
        expect(await answer).toBe(true);
        expect(controller.getState().confirm).toBeNull();
    });

    it("disposes the engine on quit", async () => {
        const {controller, engine} = await createHarness();
        await controller.quit();
        expect(controller.getState().exiting).toBe(true);
        expect(engine.disposed).toBe(true);
    });
});
