import {mkdtempSync, symlinkSync, writeFileSync} from "node:fs";
import {execFileSync} from "node:child_process";
import {tmpdir} from "node:os";
import path from "node:path";
import {describe, expect, it} from "vitest";
import {CONTROL_CHARACTER, runCli, runCliWithSlowPipe} from "./runCli.js";

const directory = mkdtempSync(path.join(tmpdir(), "iam-gen-validate-input-"));
const good = JSON.stringify({Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*"}]});

describe("iam-gen validate: input", () => {
    it("reads a pipe that stays empty for a second (no EAGAIN)", async () => {
        const result = await runCliWithSlowPipe(["validate", "-"], good, 1000);
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
    });

    it("refuses a FIFO and a link to /dev/zero at once, without reading them", () => {
        const fifo = path.join(directory, "policy.fifo");
        execFileSync("mkfifo", [fifo]);
        const zero = path.join(directory, "zero.json");
        symlinkSync("/dev/zero", zero);
        for (const file of [fifo, zero]) {
            const result = runCli(["validate", file]);
            expect(result.status).toBe(2);
            expect(result.stderr).toContain("not a regular file");
        }
    });

    it("reports duplicate keys as an error, and refuses to --fix them", () => {
        const text = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Effect\":\"Allow\"}]}";
        const checked = runCli(["validate", "-"], text);
        expect(checked.status).toBe(1);
        expect(checked.stdout).toContain("[DUPLICATE_KEY]");
        const fixed = runCli(["validate", "-", "--fix"], text);
        expect(fixed.status).toBe(1);
        expect(fixed.stdout).toBe("");
        expect(fixed.stderr).toContain("cannot fix this safely");
    });

    it("never turns a __proto__ element into a grant", () => {
        const result = runCli(["validate", "-", "--fix"], "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Resource\":\"*\",\"__proto__\":{\"Action\":\"*\"}}]}");
        expect(result.status).toBe(1);
        expect(result.stdout).not.toContain("\"Action\"");
    });

    it("prints no control character that came from the policy", () => {
        const hostile = JSON.stringify({Version: "2012-10-17", Statement: [{Sid: "A\u001b]0;pwned\u0007", Effect: "Allow", Action: "s3:Get\u009b2J", Resource: "arn:aws:s3:::b\u001b[2J/*"}]});
        for (const args of [["validate", "-"], ["validate", "-", "--json"], ["validate", "-", "--fix"]]) {
            const result = runCli(args, hostile);
            expect(result.stdout + result.stderr).not.toMatch(CONTROL_CHARACTER);
        }
        writeFileSync(path.join(directory, "bad\u001bname.json"), "{");
        expect(runCli(["validate", path.join(directory, "bad\u001bname.json")]).stderr).not.toMatch(CONTROL_CHARACTER);
    });
});

describe("iam-gen: usage errors exit 2 in every subcommand", () => {
    it.each([
        ["an unknown engine", ["--engine", "foo", "read S3"]],
        ["batch without --in", ["batch", "--out", path.join(directory, "out.jsonl")]],
        ["context without a request", ["context"]],
        ["validate without a file", ["validate"]],
        ["an unknown option", ["catalog", "--nope"]]
    ])("%s", (_, args) => {
        const result = runCli(args);
        expect(result.status).toBe(2);
        expect(result.stderr).toMatch(/error:/);
    });
});
