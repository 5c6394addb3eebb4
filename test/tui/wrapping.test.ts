import chalk from "chalk";
import {afterEach, describe, expect, it} from "vitest";
import {helpCommand} from "../../source/tui/commands/help.js";
import {initialSessionState, sessionReducer} from "../../source/tui/state/sessionState.js";
import {compareLines} from "../../source/tui/view/compareLines.js";
import {overlayLines} from "../../source/tui/view/overlayLines.js";
import {paneLayout, policyPaneView} from "../../source/tui/view/policyPaneLines.js";
import {fitParts, plainText, textWidth, wrapParts, wrapText} from "../../source/tui/view/wrapText.js";
import {createHarness, printed} from "./harness.js";
import {resultFor} from "./fakeEngine.js";

const level = chalk.level;
afterEach(() => {
    chalk.level = level;
});

const ready = sessionReducer(initialSessionState(true), {type: "engineReady", engine: {name: "catalog"}});
const CAVEAT = "IAM cannot express a daily recurrence (business hours): aws:CurrentTime is compared with full ISO 8601 date-times, so a repeating window has no condition.";

describe("wrapText", () => {
    it("breaks at spaces, inside a word only when it is longer than a line, and indents continuations", () => {
        expect(wrapText("abc def ghi", 7)).toEqual(["abc def", "ghi"]);
        expect(wrapText("abcdefghij kl", 4, 1)).toEqual(["abcd", " efg", " hij", " kl"]);
        expect(wrapText("one\ntwo", 10)).toEqual(["one", "two"]);
        expect(wrapText("", 10)).toEqual([""]);
    });

    it("counts no columns for colours and carries a colour over a break", () => {
        chalk.level = 1;
        const lines = wrapText(`go ${chalk.red("red words")} on`, 6);
        expect(lines.map(plainText)).toEqual(["go red", "words", "on"]);
        expect(lines[1]).toMatch(/^\u001b\[31mwords/);
        expect(lines.every((line) => textWidth(line) <= 6)).toBe(true);
    });

    it("counts wide characters as two columns", () => {
        expect(textWidth("表示")).toBe(4);
        expect(wrapText("表示表示", 4)).toEqual(["表示", "表示"]);
    });

    it("leaves out the last parts of a one-line bar rather than cutting one", () => {
        expect(fitParts(["iam-gen", "llama engine", "test-model.gguf", "274.9 tok/s"], 40)).toBe("iam-gen · llama engine · test-model.gguf");
        expect(fitParts(["a-very-long-first-part"], 5)).toBe("a-very-long-first-part");
    });

    it("breaks a header between its parts", () => {
        expect(wrapParts(["Policy", "revision 2/2", "lines 1–10 of 38"], 30, 2)).toEqual(["Policy · revision 2/2", "  lines 1–10 of 38"]);
    });
});

describe("the policy pane at 80 columns", () => {
    const refined = resultFor("r", ["s3:GetObject"], {
        text: Array.from({length: 40}, (_, index) => `  "line ${index + 1}"`).join("\n"),
        changeSummary: "Added condition Bool aws:MultiFactorAuthPresent true, StringEquals aws:RequestedRegion us-east-1.",
        message: CAVEAT
    });
    const state = sessionReducer(ready, {type: "turnFinished", result: refined});

    it("wraps the header and shows the engine's message under it, and the body fills the rest", () => {
        const layout = paneLayout(policyPaneView(state), 80, 12, null);
        const lines = [...layout.header, ...layout.body];
        expect(lines).toHaveLength(12);
        expect(lines.every((line) => textWidth(line) < 80)).toBe(true);
        const text = lines.join(" ").replace(/\s+/g, " ");
        expect(text).toContain("Added condition Bool aws:MultiFactorAuthPresent true, StringEquals aws:RequestedRegion us-east-1.");
        expect(text).toMatch(/lines 1–\d+ of 40/);
        expect(text).toContain(CAVEAT);
        expect(layout.body[0]).toBe("  \"line 1\"");
        expect(layout.bodyHeight).toBe(layout.body.length);
    });

    it("gives a result without a policy its whole message, wrapped", () => {
        const message = "Nothing to grant: no AWS service or action was recognised in the request. Name a service and what it should do, e.g. \"read objects in S3 bucket reports\".";
        const nothing = sessionReducer(ready, {type: "turnFinished", result: {...resultFor("r", []), policy: null, text: "", check: null, message}});
        const {header, body} = paneLayout(policyPaneView(nothing), 40, 10, null);
        expect(body).toEqual([]);
        expect(header.slice(1).join(" ").replace(/\s+/g, " ")).toBe(message);
    });

    it("wraps a long ARN instead of cutting it", () => {
        const arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/database/primary-credentials";
        const result = resultFor("r", [], {text: `{\n  "Resource": "${arn}"\n}`, message: undefined});
        const {body} = paneLayout(policyPaneView(sessionReducer(ready, {type: "turnFinished", result})), 60, 10, null);
        expect(body.join("").replace(/\s+/g, "")).toBe(`{"Resource":"${arn}"}`);
    });
});

describe("command output at 80 columns", () => {
    it("/help wraps each description under its own column", async () => {
        const {controller, commands} = await createHarness();
        await helpCommand.run("", {controller, commands, saveFolder: "policies", cwd: "."});
        const entry = controller.getState().transcript.at(-1);
        const lines = overlayLines(entry, 80).map(plainText);
        expect(lines.every((line) => textWidth(line) <= 80)).toBe(true);
        const save = lines.findIndex((line) => line.startsWith("/save [path]"));
        // The descriptions' column is the longest usage's width and two spaces; a continuation starts there.
        const column = /^\/save \[path\]\s+/.exec(lines[save]!)![0].length;
        expect(lines[save + 1]).toMatch(new RegExp(`^ {${column}}\\S`));
        expect(printed(controller, "block").at(-1)).toContain("asks before overwriting");
        expect(lines.join(" ").replace(/\s+/g, " ")).toContain("asks before overwriting");
    });

    it("/compare wraps its note in both columns", () => {
        const withRag = resultFor("read reports", ["s3:GetObject"], {message: CAVEAT});
        const withoutRag = resultFor("read reports", ["s3:GetObject"], {rag: false, context: null, message: CAVEAT});
        for (const columns of [80, 120]) {
            const lines = compareLines(withRag, withoutRag, columns);
            expect(lines.every((line) => textWidth(line) <= columns)).toBe(true);
            expect(lines.join(" ").replace(/[\s│]+/g, " ")).toContain("so a repeating window");
        }
    });
});
