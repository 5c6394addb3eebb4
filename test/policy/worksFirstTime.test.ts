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
});
