import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {describe, expect, it} from "vitest";
import {ExportError, exportPolicy, readPolicyFile} from "../../source/export/index.js";
import type {PolicyDocument, PolicyStatement} from "../../source/policy/types.js";
import {canonicalPolicy} from "./roundTrip/canonical.js";
import {runCli} from "../cli/runCli.js";

const REQUEST = "Allow reading items from DynamoDB table orders and deny deleting the table";

describe("--format", () => {
    it("prints the same policy in every format iam-gen reads back", () => {
        const json = runCli(["--engine", "catalog", "--account", "123456789012", "--region", "eu-west-1", REQUEST]);
        expect(json.status).toBe(0);
        for (const format of ["yaml", "terraform", "cloudformation"]) {
            const exported = runCli(["--engine", "catalog", "--account", "123456789012", "--region", "eu-west-1", "--format", format, REQUEST]);
            expect(exported.status, exported.stderr).toBe(0);
            expect(canonicalPolicy(readPolicyFile(exported.stdout))).toEqual(canonicalPolicy(readPolicyFile(json.stdout)));
        }
    });

    it("refines a file into CDK code named after the file, and writes batch rows in the format", () => {
        const folder = fs.mkdtempSync(path.join(os.tmpdir(), "iam-gen-format-"));
        const file = path.join(folder, "orders-reader.json");
        fs.writeFileSync(file, JSON.stringify({Version: "2012-10-17", Statement: [{Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem"], Resource: "arn:aws:dynamodb:eu-west-1:123456789012:table/orders"}]}));
        const refined = runCli(["refine", "--engine", "catalog", "--account", "123456789012", "--region", "eu-west-1", "--format", "cdk-ts", file, "make it read-only"]);
        expect(refined.status, refined.stderr).toBe(0);
        expect(refined.stdout).toContain("export function ordersReaderPolicyDocument(): iam.PolicyDocument {");
        expect(refined.stdout).toContain("resources: [`arn:${Aws.PARTITION}:dynamodb:${Aws.REGION}:${Aws.ACCOUNT_ID}:table/orders`]");
        expect(refined.stdout).not.toContain("PutItem");

        // What it exports it refines: Terraform in, Terraform out.
        const terraform = path.join(folder, "orders.tf");
        fs.writeFileSync(terraform, exportPolicy(readPolicyFile(fs.readFileSync(file, "utf8")), "terraform", {request: "orders", account: "123456789012", region: "eu-west-1"}));
        const fromTerraform = runCli(["refine", "--engine", "catalog", "--account", "123456789012", "--region", "eu-west-1", "--format", "terraform", terraform, "make it read-only"]);
        expect(fromTerraform.status, fromTerraform.stderr).toBe(0);
        expect(fromTerraform.stdout).toContain("actions   = [\"dynamodb:GetItem\"]");
        fs.writeFileSync(path.join(folder, "list.yaml"), "shopping: [milk, eggs]\n");
        const refused = runCli(["refine", "--engine", "catalog", path.join(folder, "list.yaml"), "make it read-only"]);
        expect([refused.status, refused.stderr]).toEqual([2, `iam-gen: ${path.join(folder, "list.yaml")}: it holds no policy: no Statement, CloudFormation IAM resource or Terraform aws_iam_policy_document\n`]);

        const rows = path.join(folder, "rows.jsonl");
        fs.writeFileSync(rows, `${JSON.stringify({id: "1", prompt: REQUEST})}\n`);
        const batch = runCli(["batch", "--engine", "catalog", "--format", "cloudformation", "--in", rows, "--out", path.join(folder, "out.jsonl")]);
        expect(batch.status, batch.stderr).toBe(0);
        const output = (JSON.parse(fs.readFileSync(path.join(folder, "out.jsonl"), "utf8")) as {output: string}).output;
        expect(output).toMatch(/^AWSTemplateFormatVersion: "2010-09-09"/);
        expect(readPolicyFile(output).Statement).toHaveLength(2);
    });

    it("refuses --json with another format, and a policy no format can carry", () => {
        expect(runCli(["--engine", "catalog", "--json", "--format", "yaml", REQUEST]).stderr).toBe("iam-gen: --json and --format: use one of them\n");
        const bucketPolicy: PolicyDocument = {Version: "2012-10-17", Statement: [{Effect: "Allow", Principal: {AWS: "arn:aws:iam::123456789012:root"}, Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*"} as PolicyStatement]};
        for (const format of ["terraform", "cloudformation", "cdk-ts", "cdk-py"] as const)
            expect(() => exportPolicy(bucketPolicy, format, {request: "bucket policy"})).toThrow(new ExportError("statement 1 has Principal: only identity policies (no Principal) can be exported"));
        expect(() => exportPolicy({Statement: [{Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::a&{b}"}]}, "terraform", {request: "x"})).toThrow(ExportError);
    });
});
