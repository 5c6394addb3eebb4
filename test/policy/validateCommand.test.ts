import {spawnSync} from "node:child_process";
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const directory = mkdtempSync(path.join(tmpdir(), "iam-gen-validate-"));

function validate(args: string[], input?: string | Buffer) {
    const result = spawnSync(process.execPath, [path.join(root, "dist", "cli", "main.js"), "validate", ...args], {input, encoding: "utf8", env: {...process.env, FORCE_COLOR: "0"}});
    return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

function file(name: string, content: string | Buffer) {
    const target = path.join(directory, name);
    writeFileSync(target, content);
    return target;
}

const good = JSON.stringify({Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*"}]});

describe("iam-gen validate", () => {
    it("reports an unknown action as ERROR with its fix, as JSON, and exits 1", () => {
        const result = validate(["-", "--json"], "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObjekt\",\"Resource\":\"*\"}]}");
        expect(result.status).toBe(1);
        const report = JSON.parse(result.stdout) as {valid: boolean; findings: Array<{code: string; severity: string; fix?: string; path: string; message: string}>; size: {characters: number}};
        expect(report.valid).toBe(false);
        expect(report.findings[0]).toMatchObject({code: "UNKNOWN_ACTION", severity: "ERROR", path: "$.Statement[0].Action"});
        expect(report.findings[0]!.fix).toContain("s3:GetObject");
        expect(report.size.characters).toBeGreaterThan(0);
    });

    it("prints a readable report and exits 0 for a valid policy", () => {
        const result = validate([file("good.json", good)]);
        expect(result.status).toBe(0);
        expect(result.stdout).toMatch(/valid .*good\.json: no findings/);
        expect(result.stdout).toMatch(/size\s+\d+ of 6144/);
    });

    it("shows severity, path, message and fix in the readable report", () => {
        const result = validate(["-"], JSON.stringify({Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "iam:PassRole", Resource: "*"}]}));
        expect(result.status).toBe(0);
        expect(result.stdout).toContain("SECURITY $.Statement[0].Action");
        expect(result.stdout).toContain("[PASS_ROLE_WILDCARD]");
        expect(result.stdout).toContain("fix: Name the role ARNs");
    });

    it("checks the size against --type", () => {
        const big = JSON.stringify({Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "s3:GetObject", Resource: Array.from({length: 100}, (_, index) => `arn:aws:s3:::bucket-${index}/*`)}]});
        expect(validate(["-", "--type", "user", "--json"], big).status).toBe(1);
        expect(validate(["-", "--type", "role", "--json"], big).status).toBe(0);
    });

    it("prints the repaired policy with --fix and the repairs on standard error", () => {
        const result = validate(["-", "--fix"], JSON.stringify({Statement: [{Effect: "Allow", Action: ["s3:getobject", "s3:GetObjekt", "s3:Frobnicate"], Resource: "arn:aws:s3:::b/*"}]}));
        expect(result.status).toBe(0);
        expect(JSON.parse(result.stdout)).toEqual({Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*"}]});
        expect(result.stderr).toContain("wrote \"s3:GetObject\" for \"s3:GetObjekt\"");
        expect(result.stderr).toContain("removed \"s3:Frobnicate\"");
    });

    it("with --fix, writes the suggested names, keeps what needs a decision, and exits 1 while a security warning is left", () => {
        const result = validate(["-", "--fix"], JSON.stringify({Version: "2012-10-17", Statement: [
            {Effect: "Allow", Action: ["s3:GetObjct", "ec2:DescribeInstance"], Resource: "arn:aws:s3:::b/*"},
            {Effect: "Allow", Action: "*", Resource: "*"}
        ]}));
        expect(result.status).toBe(1);
        expect(JSON.parse(result.stdout).Statement).toEqual([
            {Effect: "Allow", Action: ["ec2:DescribeInstances", "s3:GetObject"], Resource: "arn:aws:s3:::b/*"},
            {Effect: "Allow", Action: "*", Resource: "*"}
        ]);
        expect(result.stderr).toMatch(/left .*ADMIN_ACCESS/);
        expect(result.stderr).toContain("1 left that needs your decision");
    });

    it.each([
        ["a missing file", [path.join(directory, "missing.json")], undefined, /no such file/],
        ["a directory", [directory], undefined, /directory/],
        ["empty input", ["-"], "  \n", /empty/],
        ["text that is not JSON", ["-"], "Version: 2012-10-17", /not valid JSON/],
        ["a binary file", ["-"], Buffer.from([0x7b, 0x00, 0xff, 0x10]), /binary/],
        ["input over 1 MB", [file("huge.json", `{"Id":"${"x".repeat(1024 * 1024)}"}`)], undefined, /larger than 1 MB/],
        ["an unknown --type", ["-", "--type", "team"], good, /team/]
    ] as const)("exits 2 with one line for %s", (_, args, input, message) => {
        const result = validate([...args], input);
        expect(result.status).toBe(2);
        expect(result.stderr).toMatch(message);
        expect(result.stderr.trim().split("\n")).toHaveLength(1);
        expect(result.stderr).not.toMatch(/\n\s+at /);
        expect(result.stdout).toBe("");
    });
});
