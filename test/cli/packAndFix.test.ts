import {mkdtempSync, readFileSync, readdirSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";
import {describe, expect, it} from "vitest";
import {policySize} from "../../source/policy/index.js";
import {archiveRolePolicy} from "../packing/policies.js";
import {runCli} from "./runCli.js";

const directory = mkdtempSync(path.join(tmpdir(), "iam-gen-pack-fix-"));
const archive = path.join(directory, "archive-role.json");
writeFileSync(archive, JSON.stringify(archiveRolePolicy()));

describe("iam-gen pack", () => {
    it("writes the parts to --out-dir, each under 6,144 characters, and refuses to overwrite them", () => {
        const out = path.join(directory, "packed");
        const result = runCli(["pack", archive, "--out-dir", out]);
        expect(result.stderr).toMatch(/split into \d managed policies/);
        expect(result.status).toBe(0);
        const files = readdirSync(out).sort();
        expect(files[0]).toBe("archive-role-1.json");
        for (const file of files)
            expect(policySize(JSON.parse(readFileSync(path.join(out, file), "utf8"))).characters).toBeLessThan(6144);
        const again = runCli(["pack", archive, "--out-dir", out]);
        expect(again.status).toBe(2);
        expect(again.stderr).toContain("already exists; use --force");
    });

    it("exits 1 and prints no policy when the whole is over a principal's inline quota", () => {
        const result = runCli(["pack", archive, "--target", "user-inline"]);
        expect(result.status).toBe(1);
        expect(result.stdout).toBe("");
        expect(result.stderr).toContain("splitting does not help");
    });
});

describe("iam-gen fix", () => {
    const denied = "User: arn:aws:iam::210987654321:user/dana is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::northwind-uploads/in/a.csv because no identity-based policy allows the s3:PutObject action";

    it("adds the grant to --policy, and changes nothing (exit 1) for an explicit deny", () => {
        const file = path.join(directory, "uploads.json");
        const policy = {Version: "2012-10-17", Statement: [{Sid: "Reads", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::northwind-uploads/*"}]};
        writeFileSync(file, JSON.stringify(policy));
        const fixed = runCli(["fix", denied, "--policy", file]);
        expect(fixed.status).toBe(0);
        expect(JSON.parse(fixed.stdout).Statement).toEqual([...policy.Statement, {Sid: "AllowS3PutObject", Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::northwind-uploads/in/a.csv"}]);
        const blocked = runCli(["fix", denied.replace(/because .*/, "with an explicit deny in a service control policy"), "--policy", file]);
        expect(blocked.status).toBe(1);
        expect(JSON.parse(blocked.stdout)).toEqual(policy);
        expect(blocked.stderr).toContain("nothing was changed");
    });

    it("fails closed (exit 2) on text that is not an AccessDenied", () => {
        const result = runCli(["fix", "please", "allow", "s3"]);
        expect(result.status).toBe(2);
        expect(result.stdout).toBe("");
        expect(result.stderr).toContain("not an AccessDenied error");
    });
});
