import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";
import {describe, expect, it} from "vitest";
import {runCli} from "../cli/runCli.js";

const directory = mkdtempSync(path.join(tmpdir(), "iam-gen-diff-"));
const write = (name: string, text: string) => {
    const target = path.join(directory, name);
    writeFileSync(target, text);
    return target;
};

const readWrite = write("read-write.json", JSON.stringify({Version: "2012-10-17", Statement: [
    {Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]},
    {Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem"], Resource: "arn:aws:dynamodb:us-east-1:123456789012:table/users"}
]}));

describe("iam-gen diff", () => {
    it("lists only removals between a policy and its read-only refinement", () => {
        const refined = runCli(["refine", readWrite, "make it read-only"]);
        expect(refined.status).toBe(0);
        const readOnly = write("read-only.json", refined.stdout);
        const diff = runCli(["diff", readWrite, readOnly]);
        expect(diff.status).toBe(1);
        const kinds = diff.stdout.trim().split("\n").map((line) => line.split(/\s+/)[0]);
        expect(kinds.length).toBeGreaterThanOrEqual(3);
        expect(new Set(kinds)).toEqual(new Set(["removed"]));
        expect(diff.stdout).toMatch(/removed\s+s3:PutObject on arn:aws:s3:::reports/);
        const json = JSON.parse(runCli(["diff", readWrite, readOnly, "--json"]).stdout) as {changes: Array<{kind: string; action: string}>};
        expect(json.changes.map((change) => change.action).sort()).toEqual(["dynamodb:PutItem", "s3:DeleteObject", "s3:PutObject"]);
    });

    it("shows a condition added as narrowed, and the way back as widened", () => {
        const before = write("open.json", JSON.stringify({Version: "2012-10-17", Statement: {Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*"}}));
        const after = write("mfa.json", JSON.stringify({Version: "2012-10-17", Statement: {Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*", Condition: {Bool: {"aws:MultiFactorAuthPresent": "true"}}}}));
        expect(runCli(["diff", before, after]).stdout).toMatch(/^narrowed s3:GetObject on arn:aws:s3:::reports\/\* \(no longer allowed without condition keys\)/);
        expect(runCli(["diff", after, before]).stdout).toMatch(/^widened\s+s3:GetObject/);
    });

    it("exits 0 for the same effective permissions written differently, 2 for bad input", () => {
        const split = write("split.json", JSON.stringify({Version: "2012-10-17", Statement: [
            {Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket", "s3:PutObject", "s3:DeleteObject"], Resource: ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]},
            {Effect: "Allow", Action: "dynamodb:GetItem", Resource: "arn:aws:dynamodb:us-east-1:123456789012:table/users"},
            {Effect: "Allow", Action: "dynamodb:PutItem", Resource: "arn:aws:dynamodb:us-east-1:123456789012:table/users"}
        ]}));
        const same = runCli(["diff", readWrite, split]);
        expect(same.status).toBe(0);
        expect(same.stdout).toMatch(/^same effective permissions/);
        expect(runCli(["diff", readWrite, write("bad.json", "{")]).status).toBe(2);
    });
});
