import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {describe, expect, it} from "vitest";
import type {ConversationSession} from "../../source/engine/ConversationSession.js";
import type {EngineEvent, GenerationResult, PolicyEngine} from "../../source/engine/types.js";
import {checkPolicy, formatPolicy, policySize, type PolicyDocument} from "../../source/policy/index.js";
import {SettingsStore} from "../../source/settings/Settings.js";
import {createCommands, runCommandLine} from "../../source/tui/commands/registry.js";
import {SessionController} from "../../source/tui/state/SessionController.js";
import {currentRevision} from "../../source/tui/state/sessionState.js";
import {policyPaneView} from "../../source/tui/view/policyPaneLines.js";
import {archiveRolePolicy} from "../packing/policies.js";
import {createHarness, lastNotice} from "./harness.js";

const stripAnsi = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, "");
const denial = (tail: string) => `An error occurred (AccessDenied) when calling the PutObject operation: User: arn:aws:iam::210987654321:user/dana is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::reports/q1.csv ${tail}`;

describe("TUI: an AccessDenied pasted as a follow-up", () => {
    it("adds the narrowest grant as a new revision, without the engine", async () => {
        const {controller, engine} = await createHarness();
        await controller.submit("Allow reading the reports bucket");
        await controller.submit(denial("because no identity-based policy allows the s3:PutObject action"));
        expect(engine.requests).toHaveLength(1);
        const current = currentRevision(controller.getState())!;
        expect(controller.getState().revisions).toHaveLength(2);
        expect(current.changeSummary).toBe("added s3:PutObject on arn:aws:s3:::reports/q1.csv");
        expect([current.policy!.Statement].flat().at(-1)).toEqual({Sid: "AllowS3PutObject", Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::reports/q1.csv"});
    });

    it("changes nothing for an explicit deny and says why", async () => {
        const {controller} = await createHarness();
        await controller.submit("Allow reading the reports bucket");
        await controller.submit(denial("with an explicit deny in a service control policy"));
        expect(controller.getState().revisions).toHaveLength(1);
        expect(controller.getState().shown!.message).toContain("An explicit Deny in a service control policy blocks s3:PutObject");
    });
});

/** An engine whose answer is a policy over a managed policy's limit. */
class OversizedEngine implements PolicyEngine {
    readonly name = "catalog" as const;
    constructor(private readonly policy: PolicyDocument) {}

    // eslint-disable-next-line require-yield
    async *generate(request: string, _session: ConversationSession): AsyncGenerator<EngineEvent, GenerationResult> {
        const result: GenerationResult = {
            engine: "catalog", request, policy: this.policy, text: formatPolicy(this.policy), check: checkPolicy(this.policy),
            repairs: [], context: null, rag: true, timings: {totalMs: 1, retrievalMs: 0}
        };
        yield {type: "done", result};
        return result;
    }
}

describe("TUI: a policy over 6,144 characters", () => {
    it("shows how many managed policies it was packed into, and /save writes each", async () => {
        const policy = archiveRolePolicy();
        expect(policySize(policy).withinLimit).toBe(false);
        const directory = fs.mkdtempSync(path.join(os.tmpdir(), "iam-gen-tui-pack-"));
        const {store} = await SettingsStore.open(path.join(directory, "config"));
        const commands = createCommands(store);
        const engine = new OversizedEngine(policy);
        const controller = new SessionController({
            loader: {load: async () => ({engine, info: {name: "catalog"}})},
            engine: {engine: "catalog"},
            rag: true,
            runCommand: (line, session) => runCommandLine(line, {controller: session, commands, saveFolder: "policies", cwd: directory})
        });
        await controller.loadEngine(controller.engineRequest);
        await controller.submit("Allow the archive teams their objects");
        const parts = controller.current!.packed!.parts;
        expect(parts.length).toBeGreaterThan(1);
        const header = stripAnsi(policyPaneView(controller.getState()).titleParts.join(" · "));
        expect(header).toContain("✔ valid");
        expect(header).toContain(`${parts.length} policies (${parts.map((part) => part.characters.toLocaleString("en-US")).join(" + ")} characters)`);
        await controller.submit("/save out/archive.json");
        expect(lastNotice(controller)).toBe(`saved ${parts.map((_, index) => `out/archive-${index + 1}.json`).join(", ")}`);
        parts.forEach((part, index) => {
            const saved = JSON.parse(fs.readFileSync(path.join(directory, "out", `archive-${index + 1}.json`), "utf8")) as PolicyDocument;
            expect(saved).toEqual(part.policy);
            expect(policySize(saved).characters).toBeLessThanOrEqual(6144);
        });
    });
});
