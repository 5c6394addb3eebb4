import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";
import {describe, expect, it} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {loadManagedPolicyNames, managedPolicy} from "../../source/managed/index.js";
import {explainPolicy, explanationLines} from "../../source/policy/explain/explainPolicy.js";
import {gerund} from "../../source/policy/explain/actionPhrases.js";
import {policyStatements} from "../../source/policy/statements.js";
import type {PolicyDocument} from "../../source/policy/types.js";
import {runCli} from "../cli/runCli.js";

const catalog = loadCatalog();
/** Every 32nd AWS managed policy: 50 of them, from every part of the alphabet. */
const sample = loadManagedPolicyNames().filter((_, index) => index % 32 === 0).slice(0, 50).map(({name}) => managedPolicy(name)!);
const statementLines = (lines: string[]) => lines.filter((line) => /^\d+\. /.test(line));

describe("explainPolicy", () => {
    it("says what a statement allows from the catalog: actions, resources by type, conditions", () => {
        const policy: PolicyDocument = {Version: "2012-10-17", Statement: [
            {Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/2024/*", Condition: {Bool: {"aws:MultiFactorAuthPresent": "true"}}},
            {Effect: "Deny", Action: "s3:*", Resource: "*", Condition: {StringNotEquals: {"aws:RequestedRegion": "us-east-1"}}}
        ]};
        expect(explanationLines(explainPolicy(policy, catalog))).toEqual([
            "1. Read: Allows retrieving objects from Amazon S3 (s3:GetObject) on objects under reports/2024/, only with MFA",
            "2. Denies every Amazon S3 action (s3:*) on all resources, outside us-east-1"
        ]);
    });

    it("puts the checker's findings beside the statement they concern", () => {
        const policy: PolicyDocument = {Version: "2012-10-17", Statement: [
            {Effect: "Allow", Action: "sqs:ReceiveMessage", Resource: "arn:aws:sqs:us-east-1:123456789012:jobs"},
            {Effect: "Allow", Action: "iam:PassRole", Resource: "*"}
        ]};
        const explanation = explainPolicy(policy, catalog);
        expect(explanation.statements[0]!.findings).toEqual([]);
        expect(explanation.statements[1]!.findings.map((finding) => finding.code)).toContain("PASS_ROLE_WILDCARD");
    });

    it("turns a description's verb into a gerund", () => {
        expect(["retrieve", "get", "list", "die", "see", "put", "untag", "describe"].map(gerund))
            .toEqual(["retrieving", "getting", "listing", "dying", "seeing", "putting", "untagging", "describing"]);
    });

    it("gives each of 50 AWS managed policies one line per statement", () => {
        expect(sample).toHaveLength(50);
        for (const {name, document} of sample) {
            const lines = statementLines(explanationLines(explainPolicy(document, catalog)));
            expect(lines, name).toHaveLength(policyStatements(document).length);
            expect(lines.every((line) => /^\d+\. (\S+: )?(Allows|Denies) \S/.test(line)), name).toBe(true);
        }
    });

    it("iam-gen explain prints the same lines and exits 0, from a file and from standard input", () => {
        const directory = mkdtempSync(path.join(tmpdir(), "iam-gen-explain-"));
        for (const {name, document} of sample.slice(0, 2)) {
            const file = path.join(directory, `${name}.json`);
            writeFileSync(file, JSON.stringify(document));
            const fromFile = runCli(["explain", file]);
            expect(fromFile.status, name).toBe(0);
            expect(statementLines(fromFile.stdout.trimEnd().split("\n")), name).toHaveLength(policyStatements(document).length);
            expect(runCli(["explain", "-"], JSON.stringify(document)).stdout).toBe(fromFile.stdout);
        }
    });
});
