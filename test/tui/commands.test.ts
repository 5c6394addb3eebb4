import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {describe, expect, it} from "vitest";
import {SettingsStore} from "../../source/settings/Settings.js";
import {createCommands, runCommandLine} from "../../source/tui/commands/registry.js";
import {createEngineLoader} from "../../source/tui/engineLoader.js";
import {SessionController} from "../../source/tui/state/SessionController.js";
import {currentRevision} from "../../source/tui/state/sessionState.js";
import {createHarness, lastNotice, printed, until} from "./harness.js";

const REQUEST = "Allow reading the reports bucket";

function stripAnsi(text: string): string {
    // eslint-disable-next-line no-control-regex
    return text.replace(/\u001b\[[0-9;]*m/g, "");
}

async function withPolicy() {
    const harness = await createHarness();
    await harness.controller.submit(REQUEST);
    return harness;
}

describe("slash commands", () => {
    it("/help lists every command and the keys", async () => {
        const {controller, commands} = await createHarness();
        await controller.submit("/help");
        const help = printed(controller, "block").at(-1)!;
        for (const command of commands)
            expect(help).toContain(command.usage);
        expect(help).toContain("Ctrl+S");
        expect(controller.getState().overlay).not.toBeNull();
    });

    it("an unknown command is a one-line error", async () => {
        const {controller} = await createHarness();
        await controller.submit("/frobnicate now");
        expect(lastNotice(controller)).toBe("unknown command /frobnicate; /help lists the commands");
    });

    it("/rag toggles retrieval, and takes on/off", async () => {
        const {controller} = await createHarness();
        await controller.submit("/rag off");
        expect(controller.getState().rag).toBe(false);
        expect(lastNotice(controller)).toBe("retrieval off for the next generations");
        await controller.submit("/rag");
        expect(controller.getState().rag).toBe(true);
        await controller.submit("/rag maybe");
        expect(lastNotice(controller)).toBe("/rag: expected on or off, got \"maybe\"");
        expect(controller.getState().rag).toBe(true);
    });

    it("/compare runs the first request with and without retrieval", async () => {
        const {controller, engine} = await withPolicy();
        await controller.submit("/compare");
        const entry = controller.getState().transcript.at(-1)!;
        expect(entry.kind).toBe("compare");
        expect(engine.requests.slice(1).map((request) => [request.request, request.options?.rag, request.refinement])).toEqual([[REQUEST, true, false], [REQUEST, false, false]]);
        expect(controller.getState().revisions).toHaveLength(1);
        expect(controller.getState().busy).toBeNull();
    });

    it("/compare and /copy, /validate, /save need a policy first", async () => {
        const {controller} = await createHarness();
        for (const command of ["/compare", "/copy", "/validate", "/save"]) {
            await controller.submit(command);
            expect(lastNotice(controller)).toMatch(/^(nothing to compare|no policy|no checked policy)/);
        }
    });

    it("/save writes the policy to ./policies/<slug>.json, creating the folder", async () => {
        const {controller, directory} = await withPolicy();
        await controller.submit("/save");
        const file = path.join(directory, "policies", "allow-reading-the-reports-bucket.json");
        expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual(currentRevision(controller.getState())!.policy);
        expect(lastNotice(controller)).toBe("saved policies/allow-reading-the-reports-bucket.json");
        expect(fs.readdirSync(path.dirname(file))).toEqual(["allow-reading-the-reports-bucket.json"]);
    });

    it("/save asks before overwriting and keeps the file on no", async () => {
        const {controller, directory} = await withPolicy();
        const file = path.join(directory, "out", "p.json");
        fs.mkdirSync(path.dirname(file));
        fs.writeFileSync(file, "old");
        const saving = controller.submit("/save out/p.json");
        await until(() => controller.getState().confirm != null);
        expect(controller.getState().confirm).toBe("out/p.json exists. Overwrite it? (y/n)");
        controller.answer(false);
        await saving;
        expect(fs.readFileSync(file, "utf8")).toBe("old");
        expect(lastNotice(controller)).toBe("not saved: out/p.json kept as it was");

        const again = controller.submit("/save out/p.json");
        await until(() => controller.getState().confirm != null);
        controller.answer(true);
        await again;
        expect(JSON.parse(fs.readFileSync(file, "utf8")).Statement[0].Sid).toBe("ReadReports");
    });

    it("/save takes a y or n typed ahead of its question as the answer, and leaves other lines queued", async () => {
        const {controller, directory} = await withPolicy();
        const file = path.join(directory, "p.json");
        fs.writeFileSync(file, "old");
        const submitted = Promise.all(["/save p.json", "n", "/save p.json", "also allow deleting objects"].map((line) => controller.submit(line)));
        await until(() => controller.getState().confirm != null);
        expect(fs.readFileSync(file, "utf8")).toBe("old");
        expect(controller.getState().queue).toEqual(["also allow deleting objects"]);
        controller.answer(true);
        await submitted;
        expect(JSON.parse(fs.readFileSync(file, "utf8")).Statement[0].Sid).toBe("ReadReports");
        expect(controller.getState().revisions).toHaveLength(2);
    });

    it("/save reports an unwritable path in one line", async () => {
        const {controller, directory} = await withPolicy();
        fs.writeFileSync(path.join(directory, "a-file"), "");
        await controller.submit("/save a-file/p.json");
        expect(lastNotice(controller)).toBe("cannot write a-file/p.json: a part of the path is a file, not a folder");
    });

    it("/save answers within 2 s with a reason for every place it cannot write, then saves normally", async () => {
        const {controller, directory} = await withPolicy();
        fs.writeFileSync(path.join(directory, "a-file"), "");
        fs.mkdirSync(path.join(directory, "a-folder"));
        const places: [string, RegExp][] = [
            // Node's recursive mkdir never returns under /proc.
            ["/proc/nope/x.json", /^cannot write \/proc\/nope\/x\.json: no folder can be created at \/proc\/nope$/],
            ["/proc/x.json", /^cannot write \/proc\/x\.json: /],
            // Read-only even for root, which the tests run as.
            ["/sys/x.json", /^cannot write \/sys\/x\.json: /],
            ["a-folder", /^cannot write a-folder: it is a folder$/],
            ["a-file/deeper/x.json", /^cannot write a-file\/deeper\/x\.json: a part of the path is a file, not a folder$/],
            ["/dev/null", /^cannot write \/dev\/null: it is not a regular file$/]
        ];
        for (const [place, reason] of places) {
            const started = Date.now();
            await controller.submit(`/save ${place}`);
            expect(Date.now() - started).toBeLessThan(2000);
            expect(controller.getState().confirm).toBeNull();
            expect(lastNotice(controller)).toMatch(reason);
        }
        expect(fs.statSync("/dev/null").isCharacterDevice()).toBe(true);
        await controller.submit("/save later/p.json");
        expect(lastNotice(controller)).toBe("saved later/p.json");
        expect(JSON.parse(fs.readFileSync(path.join(directory, "later", "p.json"), "utf8")).Statement[0].Sid).toBe("ReadReports");
    });

    it("/validate shows the checker's report", async () => {
        const {controller} = await withPolicy();
        await controller.submit("/validate");
        const report = printed(controller, "block").at(-1)!;
        expect(report).toContain("✔ valid");
        expect(report).toContain("MISSING_MFA");
        expect(report).toContain("size 120 of 6144 characters (managed policy)");
    });

    it("/engine switches engines and rejects other names", async () => {
        const {controller, loader} = await createHarness();
        await controller.submit("/engine catalog");
        expect(loader.loads).toBe(2);
        await controller.submit("/engine gpt");
        expect(lastNotice(controller)).toBe("/engine: expected catalog, llama or openai, got \"gpt\"");
    });

    it("/model loads a model file given relative to the working directory", async () => {
        const {controller, directory} = await createHarness();
        await controller.submit("/model models/missing.gguf");
        expect(lastNotice(controller)).toBe(`model file not found: ${path.join(directory, "models", "missing.gguf")}`);
        await controller.submit("/model");
        expect(lastNotice(controller)).toMatch(/^\/model: give the path of a \.gguf file/);
    });

    it("/copy prints the policy alone and steps the live area aside", async () => {
        const {controller} = await withPolicy();
        await controller.submit("/copy");
        expect(printed(controller, "block").at(-1)).toBe(currentRevision(controller.getState())!.text);
        expect(controller.getState().overlay).toBe("compact");
    });

    it("/explain says what each statement of the current policy does", async () => {
        const {controller} = await createHarness();
        await controller.submit("/explain");
        expect(lastNotice(controller)).toBe("no policy to explain yet");
        await controller.submit(REQUEST);
        await controller.submit("/explain");
        expect(printed(controller, "block").at(-1)).toMatch(/^1\. .*ReadReports: .*Allows retrieving objects from Amazon S3 \(s3:GetObject\) and listing .* \(s3:ListBucket\) on objects under reports\/$/m);
    });

    it("/test answers against the current policy with the statements that decide it", async () => {
        const {controller} = await createHarness();
        await controller.submit("/test s3:GetObject");
        expect(lastNotice(controller)).toMatch(/^no policy yet/);
        await controller.submit(REQUEST);
        await controller.submit("/test nonsense");
        expect(lastNotice(controller)).toMatch(/^usage: \/test/);
        await controller.submit("/test s3:GetObject arn:aws:s3:::reports/2024/a.csv");
        const allowed = stripAnsi(printed(controller, "block").at(-1)!);
        expect(allowed).toMatch(/^allowed {2}s3:GetObject on arn:aws:s3:::reports\/2024\/a\.csv/);
        expect(allowed).toContain("(decisive)");
        await controller.submit("/test s3:DeleteObject arn:aws:s3:::reports/2024/a.csv aws:MultiFactorAuthPresent=true");
        expect(stripAnsi(printed(controller, "block").at(-1)!)).toMatch(/^denied \(implicitly\) {2}s3:DeleteObject/);
    });

    it("/undo, /redo, /diff and /history move through and describe the revisions", async () => {
        const {controller, engine} = await withPolicy();
        await controller.submit("/undo");
        expect(lastNotice(controller)).toBe("nothing to undo");
        await controller.submit("/diff");
        expect(lastNotice(controller)).toMatch(/^nothing to compare/);

        await controller.submit("also allow deleting objects");
        await controller.submit("/diff");
        expect(printed(controller, "block").at(-1)).toMatch(/^\+\s+"s3:DeleteObject"$/m);
        expect(printed(controller, "block").at(-1)).toMatch(/added\s+s3:DeleteObject on arn:aws:s3:::reports\/\*/);
        expect(printed(controller, "block").at(-1)).not.toContain("asked to narrow");
        // The same revision read as a narrowing follow-up: what it adds is a widening the user did not ask for.
        controller.getState().revisions[1]!.change = {kind: "readOnly", cue: "read-only"};
        await controller.submit("/diff");
        expect(printed(controller, "block").at(-1)).toContain("s3:DeleteObject on arn:aws:s3:::reports/*: widens, though \"read-only\" asked to narrow");

        await controller.submit("/undo");
        expect(controller.getState().revision).toBe(0);
        expect(lastNotice(controller)).toBe("back to revision 1 of 2");
        await controller.submit("another follow-up");
        expect(engine.requests.at(-1)?.refinement).toBe(true);
        expect(controller.getState().revisions).toHaveLength(2);

        await controller.submit("/undo");
        await controller.submit("/redo");
        expect(controller.getState().revision).toBe(1);
        await controller.submit("/redo");
        expect(lastNotice(controller)).toBe("nothing to redo");

        await controller.submit("/history");
        const history = printed(controller, "block").at(-1)!;
        expect(history).toContain(REQUEST);
        expect(history).toContain("another follow-up → Added s3:DeleteObject.");
    });

    it("/new starts over: the next request is not a refinement", async () => {
        const {controller, engine} = await withPolicy();
        await controller.submit("/new");
        expect(controller.getState().revisions).toEqual([]);
        await controller.submit(REQUEST);
        expect(engine.requests.at(-1)?.refinement).toBe(false);
    });

    it("/settings shows and sets the settings, and re-makes the engine for one that goes into ARNs", async () => {
        const {controller, store, loader} = await createHarness();
        const loads = loader.loads;
        await controller.submit("/settings region eu-west-1");
        expect(store.values.region).toBe("eu-west-1");
        expect(printed(controller, "block").at(-1)).toMatch(/region\s+eu-west-1/);
        expect(printed(controller, "block").at(-1)).toMatch(/engine\s+auto\s+\(from the next start\)/);
        expect(printed(controller, "notice")).toContain("region eu-west-1: used in the ARNs from the next generation");
        expect(loader.loads).toBe(loads + 1);
        await controller.submit("/settings saveFolder out");
        expect(loader.loads).toBe(loads + 1);
        await controller.submit("/settings accountId 12");
        expect(lastNotice(controller)).toBe("/settings: invalid value \"12\" for accountId");
    });

    it("/settings region, accountId and partition reach the next generation's ARNs without a restart", async () => {
        const directory = fs.mkdtempSync(path.join(os.tmpdir(), "iam-gen-tui-"));
        const {store} = await SettingsStore.open(path.join(directory, "config"));
        const commands = createCommands(store);
        const controller = new SessionController({
            loader: createEngineLoader(async () => store.values, directory),
            engine: {engine: "catalog"},
            rag: true,
            runCommand: (line, session) => runCommandLine(line, {controller: session, commands, saveFolder: "policies", cwd: directory})
        });
        await controller.loadEngine(controller.engineRequest);
        await controller.submit("Allow reading the secret prod/db");
        expect(controller.current?.text).toContain("arn:aws:secretsmanager:*:*:secret:prod/db");
        await Promise.all(["/settings region eu-west-1", "/settings accountId 123456789012", "/settings partition aws-cn", "/new", "Allow reading the secret prod/db"]
            .map((line) => controller.submit(line)));
        await until(() => controller.getState().queue.length === 0 && controller.getState().pending == null && controller.getState().loading == null);
        expect(controller.current?.text).toContain("arn:aws-cn:secretsmanager:eu-west-1:123456789012:secret:prod/db");
        await controller.quit();
    });

    it("/quit ends the session", async () => {
        const {controller, engine} = await createHarness();
        await controller.submit("/quit");
        expect(controller.getState().exiting).toBe(true);
        expect(engine.disposed).toBe(true);
    });
});
