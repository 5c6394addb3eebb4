import {describe, expect, it} from "vitest";
import {currentRevision, initialSessionState, isBusy, sessionReducer, type SessionAction, type SessionState} from "../../source/tui/state/sessionState.js";
import {panelContext} from "../../source/tui/view/panelContext.js";
import {contextFor, resultFor} from "./fakeEngine.js";

function run(actions: SessionAction[], state: SessionState = initialSessionState(true)) {
    return actions.reduce(sessionReducer, state);
}

const first = resultFor("read reports", ["s3:GetObject"]);
const second = resultFor("also delete", ["s3:GetObject", "s3:DeleteObject"], {changeSummary: "added s3:DeleteObject"});
const third = resultFor("also list", ["s3:GetObject", "s3:ListBucket"]);

describe("sessionReducer", () => {
    it("streams a turn: request in the transcript, context and tokens pending, then a revision", () => {
        const streaming = run([
            {type: "engineReady", engine: {name: "catalog"}},
            {type: "turnStarted", request: "read reports", rag: true},
            {type: "turnContext", context: contextFor("read reports")},
            {type: "turnToken", text: "{\"Ver"},
            {type: "turnToken", text: "sion\""}
        ]);
        expect(streaming.pending).toMatchObject({request: "read reports", text: "{\"Version\"", rag: true});
        expect(streaming.pending?.context?.services[0]?.prefix).toBe("s3");
        expect(isBusy(streaming)).toBe(true);

        const done = sessionReducer(streaming, {type: "turnFinished", result: first});
        expect(done.pending).toBeNull();
        expect(isBusy(done)).toBe(false);
        expect(currentRevision(done)).toBe(first);
        expect(done.shown).toBe(first);
        expect(done.transcript.map((entry) => entry.kind)).toEqual(["request", "turn"]);
    });

    it("keeps revisions, moves between them and drops the undone ones on a new revision", () => {
        const three = run([
            {type: "turnFinished", result: first},
            {type: "turnFinished", result: second},
            {type: "showRevision", revision: 0}
        ]);
        expect(three.revision).toBe(0);
        expect(three.shown).toBe(first);
        expect(three.revisions).toHaveLength(2);

        const branched = sessionReducer(three, {type: "turnFinished", result: third});
        expect(branched.revisions).toEqual([first, third]);
        expect(branched.revision).toBe(1);
        expect(sessionReducer(branched, {type: "showRevision", revision: 5})).toBe(branched);
    });

    it("shows a result without a policy (an abort) without making it a revision", () => {
        const aborted = {...first, policy: null, text: "{\"Vers", aborted: true};
        const state = run([{type: "turnFinished", result: first}, {type: "turnFinished", result: aborted}]);
        expect(state.shown).toBe(aborted);
        expect(state.revisions).toEqual([first]);
        expect(currentRevision(state)).toBe(first);
    });

    it("shows a follow-up that changed nothing with its message, and makes no revision of it", () => {
        const unclear = {...first, request: "make it fly", unchanged: true, message: "I could not tell what to change"};
        const state = run([{type: "turnFinished", result: first}, {type: "turnFinished", result: unclear}]);
        expect(state.shown).toBe(unclear);
        expect(state.revisions).toEqual([first]);
        expect(state.revision).toBe(0);
    });

    it("starts a new conversation with no revision", () => {
        const state = run([{type: "turnFinished", result: first}, {type: "newConversation"}]);
        expect(state.revisions).toEqual([]);
        expect(state.revision).toBe(-1);
        expect(state.shown).toBeNull();
    });

    it("queues lines in order and remembers history without repeating the last line", () => {
        const state = run([
            {type: "queue", line: "a"}, {type: "queue", line: "b"}, {type: "dequeue"},
            {type: "remember", line: "x"}, {type: "remember", line: "x"}, {type: "remember", line: "y"}
        ]);
        expect(state.queue).toEqual(["b"]);
        expect(state.history).toEqual(["x", "y"]);
    });

    it("clamps scrolling and starts from the tail while streaming", () => {
        expect(run([{type: "scroll", by: -5, max: 30}]).scroll).toBe(0);
        expect(run([{type: "scroll", by: 50, max: 30}]).scroll).toBe(30);
        expect(run([{type: "turnStarted", request: "r", rag: true}, {type: "scroll", by: -10, max: 30}]).scroll).toBe(20);
    });

    it("flashes notices and opens command output in the main area until closed", () => {
        const state = run([{type: "append", entry: {kind: "notice", level: "error", text: "bad"}}]);
        expect(state.flash).toEqual({level: "error", text: "bad"});
        const withBlock = sessionReducer(state, {type: "append", entry: {kind: "block", title: "Help", text: "…"}});
        expect(withBlock.overlay).toBe(1);
        expect(sessionReducer(withBlock, {type: "overlay", overlay: null}).overlay).toBeNull();
        expect(sessionReducer(withBlock, {type: "turnStarted", request: "r", rag: true}).overlay).toBeNull();
    });

    it("tracks engine loading, RAG, confirmation, redraws and exit", () => {
        const state = run([
            {type: "engineLoading", loading: {label: "loading", progress: 0.4}},
            {type: "setRag", rag: false},
            {type: "confirm", question: "Overwrite?"},
            {type: "redraw"}
        ]);
        expect(isBusy(state)).toBe(true);
        expect(state).toMatchObject({rag: false, confirm: "Overwrite?", redraws: 1, loading: {progress: 0.4}});
        expect(isBusy(initialSessionState(true))).toBe(true);
        const ready = run([{type: "engineReady", engine: {name: "catalog"}}, {type: "exit"}], state);
        expect(ready.loading).toBeNull();
        expect(ready.exiting).toBe(true);
        expect(run([{type: "engineFailed"}], state).loading).toBeNull();
    });
});

describe("panelContext", () => {
    it("keeps the conversation's services for a follow-up that names none, adding its conditions", () => {
        const followUpContext = {...contextFor("restrict it to us-east-1"), services: [], candidates: [], conditions: [{kind: "region" as const, key: "aws:RequestedRegion", operator: "StringEquals", values: ["us-east-1"], matched: ["us-east-1"]}]};
        const state = run([
            {type: "turnFinished", result: first},
            {type: "turnFinished", result: {...second, context: followUpContext}}
        ]);
        const context = panelContext(state)!;
        expect(context.services.map((service) => service.prefix)).toEqual(["s3"]);
        expect(context.conditions.map((condition) => condition.key)).toEqual(["aws:MultiFactorAuthPresent", "aws:RequestedRegion"]);
        expect(panelContext(run([{type: "turnFinished", result: first}]))).toBe(first.context);
    });
});
