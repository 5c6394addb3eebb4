import {spawnSync} from "node:child_process";
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const directory = mkdtempSync(path.join(tmpdir(), "iam-gen-simulate-"));

function simulate(args: string[], input?: string) {
    const result = spawnSync(process.execPath, [path.join(root, "dist", "cli", "main.js"), "simulate", ...args], {input, encoding: "utf8", env: {...process.env, FORCE_COLOR: "0"}});
    return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

function file(name: string, content: unknown) {
    const target = path.join(directory, name);
    writeFileSync(target, typeof content === "string" ? content : JSON.stringify(content));
    return target;
}

const policy = file("policy.json", {Version: "2012-10-17", Statement: [
    {Sid: "Read", Effect: "Allow", Action: "s3:Get*", Resource: "arn:aws:s3:::reports/*", Condition: {Bool: {"aws:MultiFactorAuthPresent": "true"}}},
    {Sid: "NoDelete", Effect: "Deny", Action: "s3:Delete*", Resource: "*"},
    {Sid: "Tags", Effect: "Allow", Action: "s3:PutObjectTagging", Resource: "*", Condition: {"ForAllValues:StringEquals": {"aws:TagKeys": ["env"]}}}
]});
const get = ["--action", "s3:GetObject", "--resource", "arn:aws:s3:::reports/a.csv"];

describe("iam-gen simulate", () => {
    it("exits 0 when allowed and names the decisive statement", () => {
        const result = simulate([policy, ...get, "--context", "aws:MultiFactorAuthPresent=true"]);
        expect(result.status).toBe(0);
        expect(result.stdout).toMatch(/^allowed\s+s3:GetObject on arn:aws:s3:::reports\/a\.csv/);
        expect(result.stdout).toMatch(/identity statement 0 \(Read\)\s+Allow applies \(decisive\)/);
    });

    it("exits 1 when denied and says which condition failed", () => {
        const result = simulate([policy, ...get]);
        expect(result.status).toBe(1);
        expect(result.stdout).toContain("denied (implicitly)");
        expect(result.stdout).toContain("aws:MultiFactorAuthPresent is missing from the request");
    });

    it("prints the evaluation as JSON with --json, from standard input", () => {
        const result = simulate(["-", "--action", "s3:DeleteObject", "--resource", "arn:aws:s3:::reports/a", "--json"],
            JSON.stringify({Version: "2012-10-17", Statement: [{Sid: "NoDelete", Effect: "Deny", Action: "s3:Delete*", Resource: "*"}]}));
        expect(result.status).toBe(1);
        const output = JSON.parse(result.stdout) as {decision: string; decisive: unknown[]; documents: unknown[]; request: {action: string}};
        expect(output).toMatchObject({decision: "explicitDeny", decisive: [{document: "identity", index: 0, sid: "NoDelete"}], request: {action: "s3:DeleteObject"}});
        expect(output.documents).toHaveLength(1);
    });

    it("reads a repeated --context key, or one the catalog types as multivalued, as a list", () => {
        const tagging = ["--action", "s3:PutObjectTagging", "--resource", "arn:aws:s3:::b/k"];
        expect(simulate([policy, ...tagging, "--context", "aws:TagKeys=env"]).status).toBe(0);
        expect(simulate([policy, ...tagging, "--context", "aws:TagKeys=env", "--context", "aws:TagKeys=owner"]).status).toBe(1);
    });

    it("applies a boundary, SCPs and a session policy", () => {
        const allowAll = {Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "*", Resource: "*"}]};
        const ec2Only = file("ec2.json", {Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "ec2:*", Resource: "*"}]});
        const admin = file("admin.json", allowAll);
        const run = ["--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k"];
        expect(simulate([admin, ...run, "--boundary", admin, "--scp", admin, "--scp", admin, "--session", admin]).status).toBe(0);
        const denied = simulate([admin, ...run, "--scp", admin, "--scp", ec2Only, "--json"]);
        expect(denied.status).toBe(1);
        expect(JSON.parse(denied.stdout)).toMatchObject({decision: "implicitDeny", deniedBy: ["scp"]});
        expect(simulate([admin, ...run, "--boundary", ec2Only]).status).toBe(1);
        expect(simulate([admin, ...run, "--session", ec2Only]).status).toBe(1);
    });

    it("exits 2 for bad input: no action, a malformed action or context, an unreadable or invalid policy", () => {
        expect(simulate([policy]).status).toBe(2);
        expect(simulate([policy, "--action", "GetObject"]).status).toBe(2);
        expect(simulate([policy, ...get, "--context", "novalue"]).status).toBe(2);
        expect(simulate([path.join(directory, "missing.json"), ...get]).stderr).toContain("no such file");
        expect(simulate([file("bad.json", "{not json"), ...get]).status).toBe(2);
        const invalid = simulate([file("invalid.json", {Statement: [{Effect: "Maybe", Action: "s3:GetObject", Resource: "*"}]}), ...get]);
        expect(invalid.status).toBe(2);
        expect(invalid.stderr).toContain("not an identity policy AWS accepts");
        expect(simulate([policy, ...get, "--unknown"]).status).toBe(2);
    });

    it("answers a JSONL file one line per request, exit 0 when every line was answered", () => {
        const requests = file("requests.jsonl", [
            {action: "s3:GetObject", resource: "arn:aws:s3:::reports/a", context: {"aws:MultiFactorAuthPresent": "true"}},
            {action: "s3:DeleteObject"},
            {action: "s3:PutObjectTagging", resource: "arn:aws:s3:::b/k", context: {"aws:TagKeys": ["env", "x"]}}
        ].map((request) => JSON.stringify(request)).join("\n"));
        const result = simulate([policy, "--requests", requests]);
        expect(result.status).toBe(0);
        const lines = result.stdout.trim().split("\n").map((line) => JSON.parse(line) as {line: number; decision: string; decisive: unknown[]});
        expect(lines.map((line) => [line.line, line.decision])).toEqual([[1, "allowed"], [2, "explicitDeny"], [3, "implicitDeny"]]);
        expect(lines[1]!.decisive).toEqual([{document: "identity", index: 1, sid: "NoDelete"}]);
    });

    it("answers a bad JSONL line with an error line, goes on, and exits 2 at the end", () => {
        const result = simulate([policy, "--requests", "-", "--json"], ["{\"action\":\"s3:DeleteObject\"}", "not json", "", "{\"action\":\"nope\"}", "{\"action\":\"s3:GetObject\",\"context\":{\"k\":1}}", "{\"action\":\"s3:ListBucket\"}"].join("\n"));
        expect(result.status).toBe(2);
        const lines = result.stdout.trim().split("\n").map((line) => JSON.parse(line) as {line: number; decision?: string; error?: string; documents?: unknown[]});
        expect(lines.map((line) => line.line)).toEqual([1, 2, 4, 5, 6]);
        expect(lines.filter((line) => line.error != null).map((line) => line.line)).toEqual([2, 4, 5]);
        expect(lines[0]!.documents).toHaveLength(1);
        expect(lines.at(-1)!.decision).toBe("implicitDeny");
    });

    it("refuses the policy and the requests both on standard input", () => {
        expect(simulate(["-", "--requests", "-"], "{}").status).toBe(2);
    });
});
