import chalk from "chalk";
import {render} from "ink-testing-library";
import {afterEach, describe, expect, it} from "vitest";
import {ProgressLine} from "../../source/tui/components/FlashLine.js";
import {PolicyPane} from "../../source/tui/components/PolicyPane.js";
import {SidePanel} from "../../source/tui/components/SidePanel.js";
import {StatusLine} from "../../source/tui/components/StatusLine.js";
import {initialSessionState, sessionReducer} from "../../source/tui/state/sessionState.js";
import {compareLines} from "../../source/tui/view/compareLines.js";
import {policyPaneView} from "../../source/tui/view/policyPaneLines.js";
import {sidePanelColumns, sidePanelLines} from "../../source/tui/view/sidePanelLines.js";
import {statusLineText, statusLineVerification} from "../../source/tui/view/statusLine.js";
import {contextFor, resultFor} from "./fakeEngine.js";

const level = chalk.level;
afterEach(() => {
    chalk.level = level;
});

const ready = sessionReducer(initialSessionState(true), {type: "engineReady", engine: {name: "llama", model: "mistral.gguf", device: "GPU (cuda)"}});

describe("PolicyPane", () => {
    it("shows the tail of a stream, and the top of a finished policy with a scroll position", () => {
        const text = Array.from({length: 30}, (_, index) => `line ${index + 1}`).join("\n");
        const streaming = sessionReducer(sessionReducer(ready, {type: "turnStarted", request: "r", rag: true}), {type: "turnToken", text});
        const live = render(<PolicyPane view={policyPaneView(streaming)} width={60} height={6} scroll={null}/>).lastFrame()!;
        expect(live.split("\n")).toEqual(["Policy ● generating · lines 26–30 of 30", "line 26", "line 27", "line 28", "line 29", "line 30"]);

        const done = sessionReducer(streaming, {type: "turnFinished", result: {...resultFor("r", ["s3:GetObject"]), text}});
        const top = render(<PolicyPane view={policyPaneView(done)} width={60} height={4} scroll={null}/>).lastFrame()!;
        expect(top.split("\n")).toEqual(["Policy · revision 1/1 · ✔ valid · lines 1–3 of 30", "line 1", "line 2", "line 3"]);
        const scrolled = render(<PolicyPane view={policyPaneView(done)} width={60} height={4} scroll={10}/>).lastFrame()!;
        expect(scrolled.split("\n")[1]).toBe("line 11");
    });

    it("marks an aborted stream and shows a message when nothing was generated", () => {
        const aborted = sessionReducer(ready, {type: "turnFinished", result: {...resultFor("r", []), policy: null, text: "{\"Ver", aborted: true, check: null}});
        expect(render(<PolicyPane view={policyPaneView(aborted)} width={60} height={3} scroll={null}/>).lastFrame()).toContain("Policy · ■ aborted: kept what streamed\n{\"Ver");
        const nothing = sessionReducer(ready, {type: "turnFinished", result: {...resultFor("r", []), policy: null, text: "", check: null, message: "Nothing to grant"}});
        expect(render(<PolicyPane view={policyPaneView(nothing)} width={60} height={3} scroll={null}/>).lastFrame()).toContain("Nothing to grant");
    });
});

describe("SidePanel", () => {
    it("lists services, actions by service, resources, conditions, findings and the managed policy", () => {
        const result = resultFor("r", ["s3:GetObject"], {
            managedPolicy: {name: "AmazonS3ReadOnlyAccess", arn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", used: false},
            check: {valid: false, size: {target: "managed", characters: 1, limit: 6144, withinLimit: true}, findings: [
                {code: "PASS_ROLE_WILDCARD", severity: "SECURITY_WARNING", message: "iam:PassRole on *", path: "$"},
                {code: "UNKNOWN_ACTION", severity: "ERROR", message: "s3:GetObjekt does not exist", path: "$"}
            ]}
        });
        const frame = render(<SidePanel input={{context: contextFor("r"), result, rag: true, engine: "llama"}} width={60} height={20} wide/>).lastFrame()!;
        const lines = frame.split("\n").map((line) => line.replace(/^│ ?/, "").trimEnd());
        expect(lines).toEqual([
            "Services", "s3 ← \"bucket\"",
            "Candidate actions (✔ in the policy)", "s3", "  ✔ GetObject  Read", "    ListBucket List",
            "Resources", "arn:aws:s3:::reports/*",
            "Findings", "✖ UNKNOWN_ACTION s3:GetObjekt does not exist", "⚠ PASS_ROLE_WILDCARD iam:PassRole on *",
            "AWS managed policy", "AmazonS3ReadOnlyAccess", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
            "", "", "", "", "", ""
        ]);
    });

    it("names the actions after what they are for the engine in use, and marks those the policy grants", () => {
        const titleOf = (engine: "catalog" | "llama", rag: boolean, withResult: boolean) => {
            const result = withResult ? resultFor("r", ["s3:Get*"], {engine, rag}) : null;
            return sidePanelLines({context: contextFor("r"), result, rag, engine}, 30, 80)[2];
        };
        expect(titleOf("catalog", true, false)).toBe("Candidate actions");
        expect(titleOf("catalog", false, true)).toBe("Candidate actions (✔ in the policy)");
        expect(titleOf("llama", true, false)).toBe("Actions given to the model");
        expect(titleOf("llama", false, true)).toBe("Actions (retrieval off: not given to the model) (✔ in the policy)");
        // A wildcard grants; a candidate the policy does not grant is listed after, unmarked.
        const lines = sidePanelLines({context: contextFor("r"), result: resultFor("r", ["s3:get*"]), rag: true, engine: "catalog"}, 30, 60);
        expect(lines.slice(3, 6)).toEqual(["s3", "  ✔ GetObject  Read", "    ListBucket List"]);
    });

    it("lists the shown policy's own conditions, not the ones retrieval proposed", () => {
        const context = {...contextFor("r"), conditions: [{kind: "mfa" as const, key: "aws:MultiFactorAuthPresent", operator: "BoolIfExists", values: ["false"], matched: ["MFA"]}]};
        const result = resultFor("r", ["s3:GetObject"]);
        const statement = [result.policy!.Statement].flat()[0]!;
        statement.Condition = {Bool: {"aws:MultiFactorAuthPresent": "true"}};
        const lines = sidePanelLines({context, result, rag: true, engine: "catalog"}, 30, 60);
        expect(lines).toContain("Bool aws:MultiFactorAuthPresent true");
        expect(lines.join("\n")).not.toContain("false");
        expect(sidePanelLines({context, result: null, rag: true, engine: "catalog"}, 30, 60)).toContain("BoolIfExists aws:MultiFactorAuthPresent false");
    });

    it("wraps long findings instead of cutting them", () => {
        const message = "s3:PutObject on every bucket lets the role overwrite any object in the account, including other teams' data";
        const result = resultFor("r", [], {check: {valid: true, size: {target: "managed", characters: 1, limit: 6144, withinLimit: true}, findings: [
            {code: "BROAD_WRITE", severity: "WARNING", message, path: "$"}
        ]}});
        const lines = sidePanelLines({context: null, result, rag: true, engine: "catalog"}, 10, 40);
        expect(lines.every((line) => line.length <= 40)).toBe(true);
        expect(lines.slice(lines.indexOf("Findings") + 1).join(" ").replace(/\s+/g, " ")).toBe(`▲ BROAD_WRITE ${message}`);
    });

    it("flows into two columns under a narrow pane, never starting one with \"… n more\" or leaving a title at the bottom", () => {
        const context = {...contextFor("r"), candidates: Array.from({length: 12}, (_, index) => ({...contextFor("r").candidates[0]!, action: `s3:Action${index}`}))};
        for (const height of [3, 4, 5, 6]) {
            const columns = sidePanelColumns({context, result: resultFor("r", ["s3:Action1"]), rag: true, engine: "catalog"}, height, 39);
            const titles = ["Services", "Candidate actions (✔ in the policy)", "Resources", "Findings", "s3"];
            for (const column of columns) {
                expect(column.length).toBeLessThanOrEqual(height);
                expect(column[0]).not.toMatch(/^… \d+ more/);
                expect(titles).not.toContain(column.at(-1));
            }
            expect(columns.flat().join("\n")).toMatch(/… \d+ more/);
        }
    });

    it("colours findings by severity", () => {
        chalk.level = 1;
        const result = resultFor("r", [], {check: {valid: false, size: {target: "managed", characters: 1, limit: 6144, withinLimit: true}, findings: [
            {code: "UNKNOWN_ACTION", severity: "ERROR", message: "m", path: "$"},
            {code: "WILDCARD", severity: "WARNING", message: "m", path: "$"}
        ]}});
        const lines = sidePanelLines({context: null, result, rag: true, engine: "catalog"}, 10, 60);
        expect(lines).toContain(`${chalk.red("✖ UNKNOWN_ACTION")} m`);
        expect(lines).toContain(`${chalk.yellow("▲ WILDCARD")} m`);
    });

    it("says when retrieval is off and trims long sections to fit, keeping the services", () => {
        expect(sidePanelLines({context: null, result: null, rag: false, engine: "llama"}, 5, 60)).toEqual(["Retrieval", "off: the model sees no catalog actions"]);
        const lines = sidePanelLines({context: contextFor("r"), result: null, rag: true, engine: "llama"}, 6, 60);
        expect(lines).toEqual(["Services", "s3 ← \"bucket\"", "Actions given to the model … 3 more", "Resources", "arn:aws:s3:::reports/*", "Conditions … 1 more"]);
    });
});

describe("status and progress", () => {
    it("names the engine, model, device, retrieval and the last timings", () => {
        const done = sessionReducer(ready, {type: "turnFinished", result: resultFor("r", [], {timings: {totalMs: 2400, retrievalMs: 1, timeToFirstTokenMs: 120, tokensPerSecond: 35.25, tokens: 80}})});
        expect(statusLineText(done)).toBe("iam-gen · llama engine · mistral.gguf · GPU (cuda) · RAG on · TTFT 120 ms · 35.3 tok/s · last 2.4 s");
        expect(statusLineText(initialSessionState(true))).toBe("iam-gen · starting");
    });

    it("ends with the policy's verification: verified n/n, or the first failing probe in red", () => {
        const probe = {action: "s3:GetObject", resource: "arn:aws:s3:::reports/x", context: {}, expect: "allowed" as const, reason: "intended" as const, decision: "implicitDeny" as const, code: "INTENDED_NOT_ALLOWED" as const};
        const verified = sessionReducer(ready, {type: "turnFinished", result: resultFor("r", [], {verification: {probes: 7, passed: 7, failed: []}})});
        expect(render(<StatusLine state={verified} columns={100}/>).lastFrame()).toMatch(/^ iam-gen · llama engine · mistral\.gguf · GPU \(cuda\) · RAG on · last \d+ ms +verified 7\/7 ?$/);
        const failing = sessionReducer(ready, {type: "turnFinished", result: resultFor("r", [], {verification: {probes: 7, passed: 5, failed: [probe, probe]}})});
        expect(statusLineVerification(failing, 200)).toEqual({
            text: "verified 5/7: s3:GetObject on arn:aws:s3:::reports/x should be allowed; nothing allows it (+1 more)", failing: true
        });
        chalk.level = 1;
        const frame = render(<StatusLine state={failing} columns={100}/>).lastFrame()!;
        expect(frame.replace(/\u001b\[[0-9;]*m/g, "")).toMatch(/^ iam-gen · .* verified 5\/7: s3:GetObject on… ?$/);
        expect(frame).toMatch(/\u001b\[31m[^ ]*verified 5\/7/);
    });

    it("draws the model load progress as a bar", () => {
        const frame = render(<ProgressLine label="loading mistral.gguf" progress={0.5} columns={80}/>).lastFrame()!;
        expect(frame).toMatch(/^loading mistral\.gguf █+░+  50%$/);
    });
});

describe("compareLines", () => {
    const withRag = resultFor("read reports", ["s3:GetObject"]);
    const withoutRag = resultFor("read reports", ["s3:GetObject", "s3:ListBucket"], {rag: false, context: null, message: "retrieval was off"});

    it("puts the two results side by side on a wide terminal", () => {
        const lines = compareLines(withRag, withoutRag, 120);
        expect(lines[0]).toBe("Compare: read reports");
        expect(lines[1]).toMatch(/^── retrieval on ──\s+│ ── retrieval off ──$/);
        expect(lines[2]).toMatch(/^services: s3\s+│ services: none$/);
        expect(lines).toContainEqual(expect.stringMatching(/│ note: retrieval was off$/));
    });

    it("stacks them on a narrow one", () => {
        const lines = compareLines(withRag, withoutRag, 80);
        expect(lines.indexOf("── retrieval off ──")).toBeGreaterThan(lines.indexOf("── retrieval on ──") + withRag.text.split("\n").length);
    });
});
