import {describe, expect, it} from "vitest";
import {currentRevision} from "../../source/tui/state/sessionState.js";
import {createGate} from "./fakeEngine.js";
import {createHarness, lastNotice, until} from "./harness.js";

describe("SessionController", () => {
    it("generates, then refines the current policy with a follow-up", async () => {
        const {controller, engine} = await createHarness();
        await controller.submit("Allow reading the reports bucket");
        await controller.submit("also allow deleting objects");
        const state = controller.getState();
        expect(engine.requests.map((request) => request.refinement)).toEqual([false, true]);
        expect(state.revisions).toHaveLength(2);
        expect(currentRevision(state)?.changeSummary).toBe("added s3:DeleteObject");
        expect(state.history).toEqual(["Allow reading the reports bucket", "also allow deleting objects"]);
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
