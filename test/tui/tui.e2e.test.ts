import {spawnSync} from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {afterEach, beforeAll, describe, expect, it} from "vitest";
import {writeTestModel} from "../../source/llm/testModel/testModel.js";
import {TmuxSession} from "./TmuxSession.js";

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
// The bundled binary, as `iam-gen-tui` runs it.
const tui = path.join(packageRoot, "dist", "bundle", "tui.js");
const cli = path.join(packageRoot, "dist", "cli", "main.js");
const haveTmux = TmuxSession.available();
// Said once, plainly, instead of failing where tmux is not installed (CI installs it).
if (!haveTmux)
    console.warn("tmux is not installed: skipping the iam-gen-tui end-to-end test (apt-get install tmux)");

const sessions: TmuxSession[] = [];
let workDirectory = "";

function start(args: string[] = [], columns = 120, rows = 40) {
    const session = TmuxSession.start({
        command: [process.execPath, tui, ...args],
        columns,
        rows,
        cwd: workDirectory,
        env: {IAM_GEN_CONFIG_DIR: path.join(workDirectory, "config")}
    });
    sessions.push(session);
    return session;
}

function statusLine(screen: string) {
    return screen.split("\n").find((line) => line.startsWith(" iam-gen · ")) ?? "";
}

describe.skipIf(!haveTmux)("iam-gen-tui in tmux", () => {
    beforeAll(() => {
        workDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "iam-gen-tui-e2e-"));
        if (!fs.existsSync(tui))
            throw new Error("dist/bundle/tui.js is missing: run npm run build first");
        // The test model without its bias to close brackets: its stream runs until --max-tokens, so that
        // Esc always finds it still going (the biased one can finish a policy before a key arrives).
        writeTestModel(path.join(workDirectory, "rambling-model.gguf"), {closing: false});
    });

    afterEach(() => {
        for (const session of sessions.splice(0))
            session.kill();
    });

    it("generates, refines, turns retrieval off, saves a valid policy and quits with status 0", async () => {
        const session = start();
        await session.waitFor((screen) => statusLine(screen).includes("catalog engine"), "the catalog engine");
        expect(session.capture()).toContain("No model found: running the catalog engine");

        session.type("Allow a Lambda function to read from DynamoDB table users and write logs to CloudWatch");
        session.keys("Enter");
        let screen = await session.waitFor((text) => text.includes("revision 1/1"), "the first policy");
        expect(screen).toContain("\"dynamodb:GetItem\"");
        expect(screen).toContain("arn:aws:dynamodb:*:*:table/users");
        expect(screen).toMatch(/│ Services/);
        expect(screen).toMatch(/│ dynamodb ← /);
        expect(screen).toMatch(/│ Candidate actions \(✔ in the policy\)/);
        expect(screen).toMatch(/│\s+✔ GetItem\s+Read/);
        // Syntax-highlighted: the policy's lines carry colour escapes.
        const coloured = session.capture({escapes: true}).split("\n").find((line) => line.includes("dynamodb:GetItem"))!;
        expect(coloured).toMatch(/\u001b\[[0-9;]*m"dynamodb:GetItem"/);

        session.type("also allow deleting items");
        session.keys("Enter");
        screen = await session.waitFor((text) => text.includes("revision 2/2"), "the refined policy");
        expect(screen).toContain("\"dynamodb:DeleteItem\"");

        session.type("/rag off");
        session.keys("Enter");
        await session.waitFor((text) => statusLine(text).includes("RAG off"), "retrieval off in the status line");

        const file = path.join(workDirectory, "saved", "lambda.json");
        session.type(`/save ${file}`);
        session.keys("Enter");
        await session.waitFor((text) => text.includes("saved saved/lambda.json"), "the saved message");
        const validation = spawnSync(process.execPath, [cli, "validate", file], {encoding: "utf8"});
        expect(validation.status, validation.stdout + validation.stderr).toBe(0);
        expect(JSON.parse(fs.readFileSync(file, "utf8")).Statement.length).toBeGreaterThan(0);

        session.type("/quit");
        session.keys("Enter");
        await session.waitFor(() => session.exitStatus() != null, "the program to exit");
        expect(session.exitStatus()).toBe("0");
    }, 180_000);

    it("runs twenty lines typed with no pause (requests, follow-ups, commands) once each, in order", async () => {
        const session = start();
        await session.waitFor((screen) => statusLine(screen).includes("catalog engine"), "the catalog engine");
        const saved = path.join(workDirectory, "fast", "dynamodb.json");
        const lines = [
            "/new", "Allow reading the secret prod/db", "require MFA", "restrict it to us-east-1", "/history", "/undo", "/redo",
            "/diff", "/rag off", "/new", "Allow a Lambda function to read from DynamoDB table users", "also allow deleting items",
            "/rag on", "/validate", `/save ${saved}`, "also allow writing logs to CloudWatch", "/new",
            "Allow sending messages to SQS queue jobs", "/copy", "/history"
        ];
        // One send-keys: the lines reach the program as fast as tmux can write them.
        session.keys(...lines.flatMap((line) => [line, "Enter"]));
        await session.waitFor((screen) => /●\s+1\s+Allow sending messages to SQS queue jobs/.test(screen), "the last /history");
        // What ran is echoed above the live area, one "› line" per submitted line.
        const transcript = session.capture({history: true}).split("\n");
        const statusRow = transcript.findLastIndex((line) => line.startsWith(" iam-gen · "));
        const ran = transcript.slice(0, statusRow).filter((line) => line.startsWith("› ")).map((line) => line.slice(2).trimEnd());
        expect(ran).toEqual(lines);
        expect(JSON.parse(fs.readFileSync(saved, "utf8")).Statement[0].Action).toContain("dynamodb:DeleteItem");
    }, 120_000);

    it("answers every /save that cannot write within 2 s with a reason, and saves with the next one", async () => {
        const session = start();
        await session.waitFor((screen) => statusLine(screen).includes("catalog engine"), "the catalog engine");
        session.keys("Allow reading the secret prod/db", "Enter");
        await session.waitFor((screen) => screen.includes("revision 1/1"), "the policy");
        fs.writeFileSync(path.join(workDirectory, "a-file"), "");
        fs.mkdirSync(path.join(workDirectory, "a-folder"), {recursive: true});
        fs.mkdirSync(path.join(workDirectory, "read-only"), {mode: 0o555});
        // Root writes into a read-only folder anyway; /sys is a read-only file system for everyone.
        const readOnly = process.getuid?.() === 0 ? [] : ["read-only/x.json"];
        for (const place of ["/proc/nope/x.json", "/sys/x.json", "a-folder", "a-file/x.json", ...readOnly]) {
            const started = Date.now();
            session.keys(`/save ${place}`, "Enter");
            await session.waitFor((screen) => screen.includes(`cannot write ${place}: `), `the reason for ${place}`, 2000);
            expect(Date.now() - started).toBeLessThan(2000);
        }
        session.keys("/save after/x.json", "Enter");
        await session.waitFor((screen) => screen.includes("saved after/x.json"), "the saved message", 2000);
        expect(fs.existsSync(path.join(workDirectory, "after", "x.json"))).toBe(true);
    }, 60_000);

    it("writes a region set with /settings into the next policy's ARNs, without a restart, and a region named in a follow-up over it", async () => {
        const session = start();
        await session.waitFor((screen) => statusLine(screen).includes("catalog engine"), "the catalog engine");
        session.keys("/settings region eu-west-1", "Enter", "Allow reading the secret prod/db", "Enter");
        await session.waitFor((screen) => screen.includes("arn:aws:secretsmanager:eu-west-1:*:secret:prod/db"), "an ARN in eu-west-1");
        // A region the user names wins over the setting: the ARN follows the condition, so the policy can match.
        session.keys("restrict it to us-east-1", "Enter");
        await session.waitFor((screen) => screen.includes("arn:aws:secretsmanager:us-east-1:*:secret:prod/db"), "the ARN moved to us-east-1");
        session.keys("/settings region", "Enter", "/new", "Enter", "Allow reading the secret prod/db", "Enter");
        await session.waitFor((screen) => screen.includes("arn:aws:secretsmanager:*:*:secret:prod/db"), "an ARN in any region");
    }, 60_000);

    it("stops a stream of the generated test model with Esc and keeps what streamed", async () => {
        const session = start(["--model", path.join(workDirectory, "rambling-model.gguf"), "--max-tokens", "100000"]);
        await session.waitFor((screen) => statusLine(screen).includes("llama engine"), "the model to load", 60_000);
        session.type("Allow reading objects in S3 bucket reports");
        session.keys("Enter");
        await session.waitFor((screen) => /generating \([1-9]\d* characters so far/.test(screen), "streamed text", 60_000);
        session.keys("Escape");
        const screen = await session.waitFor((text) => text.includes("aborted: kept what streamed"), "the abort");
        expect(screen).toMatch(/Policy · .*■ aborted/);
        session.keys("C-c");
        await session.waitFor((text) => text.includes("press Ctrl+C again to quit"), "the quit hint");
        session.keys("C-c");
        await session.waitFor(() => session.exitStatus() != null, "the program to exit");
        expect(session.exitStatus()).toBe("0");
    }, 180_000);

    it("takes a pasted multi-line request whole, keeps the live area shorter than an 80×24 terminal and stacks the side panel under the pane", async () => {
        const session = start([], 80, 24);
        await session.waitFor((screen) => statusLine(screen).includes("catalog engine"), "the catalog engine");
        // A pasted two-line request stays one request until Enter.
        session.paste("Allow read-only access to S3 bucket reports\nand writing logs to CloudWatch\n");
        await session.waitFor((text) => text.includes("› Allow read-only access to S3 bucket reports↵and writing logs to CloudWatch↵"), "the pasted request");
        session.keys("Enter");
        const screen = await session.waitFor((text) => text.includes("revision 1/1"), "the policy");
        const lines = screen.split("\n");
        const status = lines.findIndex((line) => line.startsWith(" iam-gen · "));
        const hint = lines.findIndex((line) => line.startsWith("Enter send"));
        expect(hint - status + 1).toBeLessThan(24);
        expect(lines.findIndex((line) => line.startsWith("Services"))).toBeGreaterThan(lines.findIndex((line) => line.includes("\"Version\"")));
        // The panel's second column starts with a section's title, never with the "… n more" of the first.
        const rule = lines.findIndex((line) => line.startsWith("────"));
        expect(lines[rule + 1]!.slice(40)).toMatch(/^[A-Z]/);
    }, 120_000);
});
