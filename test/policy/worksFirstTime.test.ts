import {describe, expect, test} from "vitest";
import {checkPolicy} from "../../source/policy/index.js";

function codes(statement: Record<string, unknown>): string[] {
    return checkPolicy({Version: "2012-10-17", Statement: [{Effect: "Allow", ...statement}]}).findings.map((finding) => finding.code);
}

describe("the checks for policies that work the first time", () => {
    test("a KMS alias as kms:ResourceAliases on key/* is scoped: no exfiltration, no unscoped key", () => {
        const found = codes({Action: "kms:Decrypt", Resource: "arn:aws:kms:*:*:key/*", Condition: {"ForAnyValue:StringEquals": {"kms:ResourceAliases": "alias/myapp"}}});
        expect(found).not.toContain("DATA_EXFILTRATION");
        expect(found).not.toContain("KMS_ANY_KEY");
    });

    test("a data-key call through a service (kms:ViaService) is scoped", () => {
        expect(codes({Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: "*", Condition: {StringLike: {"kms:ViaService": "s3.*.amazonaws.com"}}})).toEqual([]);
    });

    test("conditions that name no key or service leave it a warning", () => {
        const report = checkPolicy({Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "kms:Decrypt", Resource: "*", Condition: {Bool: {"aws:SecureTransport": "true"}}}]});
        expect(report.findings.map((finding) => [finding.code, finding.severity])).toContainEqual(["KMS_ANY_KEY", "WARNING"]);
    });

    test.each([
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-??????",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-a1B2c3",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/*",
        "arn:aws:secretsmanager:*:*:secret:${aws:PrincipalTag/SecretId}"
    ])("a secret ARN that can match its secret is left alone: %s", (arn) => {
        expect(codes({Action: "secretsmanager:GetSecretValue", Resource: arn})).not.toContain("SECRET_ARN_WITHOUT_SUFFIX");
    });

    test("a Deny on a secret without the suffix is reported too: it blocks nothing", () => {
        const report = checkPolicy({Version: "2012-10-17", Statement: [{Effect: "Deny", Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:secretsmanager:*:*:secret:prod/db"}]});
        expect(report.findings.find((finding) => finding.code === "SECRET_ARN_WITHOUT_SUFFIX")?.message).toContain("Deny blocks nothing");
    });

    test("a service's own ARN for service actions is fine", () => {
        expect(codes({Action: "ecs:UpdateService", Resource: "arn:aws:ecs:us-east-1:123456789012:service/prod/api"})).not.toContain("ECS_CLUSTER_FOR_SERVICE");
    });

    test("a queue read without the event source's other calls is not an event source", () => {
        expect(codes({Action: "sqs:ReceiveMessage", Resource: "arn:aws:sqs:us-east-1:123456789012:orders"})).not.toContain("MISSING_COMPANION");
        expect(codes({Action: ["sqs:ReceiveMessage", "sqs:GetQueueAttributes", "sqs:DeleteMessage"], Resource: "arn:aws:sqs:us-east-1:123456789012:orders"})).not.toContain("MISSING_COMPANION");
    });

    test.each([
        ["StringEquals", "us-east-1"],
        ["StringNotEquals", "eu-west-1"],
        ["StringLike", "us-*"],
        ["StringEqualsIgnoreCase", "US-EAST-1"],
        ["StringNotLike", "eu-*"]
    ])("%s aws:RequestedRegion %s rules out an ARN in eu-west-1, not one in us-east-1", (operator, value) => {
        const statement = (region: string) => ({Action: "sqs:SendMessage", Resource: `arn:aws:sqs:${region}:123456789012:jobs`, Condition: {[operator]: {"aws:RequestedRegion": value}}});
        expect(codes(statement("eu-west-1"))).toContain("ARN_REGION_EXCLUDED");
        expect(codes(statement("us-east-1"))).not.toContain("ARN_REGION_EXCLUDED");
    });

    test.each([
        ["an ARN in any region", {Resource: "arn:aws:sqs:*:123456789012:jobs", Condition: {StringEquals: {"aws:RequestedRegion": "us-east-1"}}}],
        ["a regionless ARN", {Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*", Condition: {StringEquals: {"aws:RequestedRegion": "us-east-1"}}}],
        ["one of the regions the condition allows", {Resource: "arn:aws:sqs:eu-west-1:123456789012:jobs", Condition: {StringEquals: {"aws:RequestedRegion": ["us-east-1", "eu-west-1"]}}}],
        ["a region from a variable", {Resource: "arn:aws:sqs:eu-west-1:123456789012:jobs", Condition: {StringEquals: {"aws:RequestedRegion": "${aws:PrincipalTag/Region}"}}}]
    ])("%s is not reported against a region condition", (_, statement) => {
        expect(codes({Action: "sqs:SendMessage", ...statement})).not.toContain("ARN_REGION_EXCLUDED");
    });

    test("a Deny outside a region on an ARN of that region is a guardrail, not a mistake", () => {
        const report = checkPolicy({Version: "2012-10-17", Statement: [{Effect: "Deny", Action: "sqs:*", Resource: "arn:aws:sqs:eu-west-1:123456789012:jobs", Condition: {StringEquals: {"aws:RequestedRegion": "us-east-1"}}}]});
        expect(report.findings.map((finding) => finding.code)).not.toContain("ARN_REGION_EXCLUDED");
    });
});
