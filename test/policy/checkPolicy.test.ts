import {describe, expect, it} from "vitest";
import {checkPolicy} from "../../source/policy/index.js";

const codes = (policy: unknown) => checkPolicy(policy).findings.map((finding) => finding.code);

describe("checkPolicy", () => {
    it("accepts a tight, correct policy without findings", () => {
        const report = checkPolicy({
            Version: "2012-10-17",
            Statement: [
                {Sid: "ReadReports", Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::reports/*"},
                {Sid: "ListReports", Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::reports", Condition: {StringLike: {"s3:prefix": ["2024/*"]}}},
                {Sid: "Buckets", Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*"},
                {Sid: "Logs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/app:*"}
            ]
        });
        expect(report.findings).toEqual([]);
        expect(report.valid).toBe(true);
        expect(report.size).toMatchObject({target: "managed", limit: 6144, withinLimit: true});
    });

    it("shows the must-have findings: unknown action with its fix, PassRole on *, an object action on a bucket", () => {
        const unknown = checkPolicy({Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "s3:GetObjekt", Resource: "*"}]});
        expect(unknown.valid).toBe(false);
        expect(unknown.findings[0]).toMatchObject({code: "UNKNOWN_ACTION", severity: "ERROR", path: "$.Statement[0].Action", replacement: "s3:GetObject"});
        expect(unknown.findings[0]!.fix).toContain("s3:GetObject");

        const passRole = checkPolicy({Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "iam:PassRole", Resource: "*"}]});
        expect(passRole.findings).toContainEqual(expect.objectContaining({code: "PASS_ROLE_WILDCARD", severity: "SECURITY_WARNING"}));

        const bucket = checkPolicy({Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket"}]});
        expect(bucket.findings).toContainEqual(expect.objectContaining({code: "RESOURCE_TYPE_MISMATCH", path: "$.Statement[0].Resource", replacement: "arn:aws:s3:::bucket/*"}));
    });

    it("never throws, whatever the input", () => {
        const inputs: unknown[] = [
            undefined, null, 0, "", "policy", true, [], [[]], {}, {Statement: null}, {Statement: 7}, {Statement: [null, 1, "x", []]},
            {Statement: {Effect: "Allow", Action: {a: 1}, Resource: [[]], Condition: "x"}},
            {Statement: [{Effect: "Allow", Action: "*", Resource: "*", Condition: {StringEquals: []}}]},
            {Statement: [{Effect: "Allow", Action: "s3:*", Resource: "*", Condition: {Bool: {"aws:SecureTransport": [[], {}, null]}}}]},
            {Statement: [{Effect: "Deny", NotAction: [":", "::", "a:", ":b", "*:*"], NotResource: ["arn:", "arn:::::", "arn:${", "${aws:username}"]}]},
            {Version: 2012, Id: {}, Statement: [{Sid: 5, Effect: ["Allow"], Action: "s3:GetObject", Resource: "*"}]},
            {Statement: [{Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: {"__proto__": {"constructor": "x"}}}]}
        ];
        for (const input of inputs) {
            const report = checkPolicy(input);
            expect(typeof report.valid).toBe("boolean");
            expect(report.size.characters).toBeGreaterThanOrEqual(0);
        }
        expect(checkPolicy(undefined).valid).toBe(false);
        expect(checkPolicy({Statement: {Effect: "Allow", Action: {a: 1}, Resource: "*"}}).findings.map((finding) => finding.code)).toContain("INVALID_TYPE");
    });

    it("accepts policy variables in ARNs and global keys under any prefix", () => {
        expect(codes({
            Version: "2012-10-17",
            Statement: [
                {Effect: "Allow", Action: ["iam:GetUser", "iam:CreateAccessKey"], Resource: "arn:aws:iam::${aws:PrincipalAccount}:user/${aws:username}"},
                {Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::home/${aws:username}/*", Condition: {ArnEquals: {"ec2:SourceInstanceARN": "arn:aws:ec2:us-east-1:123456789012:instance/i-1"}}}
            ]
        })).toEqual([]);
    });

    it("resolves condition keys whose variable part the catalog spells <key> or tag-key", () => {
        expect(codes({
            Version: "2012-10-17",
            Statement: [
                {Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*", Condition: {StringEquals: {"s3:ExistingObjectTag/team": "a"}}},
                {Effect: "Allow", Action: "secretsmanager:DescribeSecret", Resource: "arn:aws:secretsmanager:us-east-1:123456789012:secret:app-*", Condition: {StringEquals: {"secretsmanager:ResourceTag/team": "a"}}}
            ]
        })).toEqual([]);
    });

    it("checks wildcard actions against the union of their resource types", () => {
        expect(codes({Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "s3:Get*", Resource: "arn:aws:s3:::bucket"}]})).not.toContain("RESOURCE_TYPE_MISMATCH");
        expect(codes({Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "sqs:Send*", Resource: "arn:aws:s3:::bucket"}]})).toContain("RESOURCE_TYPE_MISMATCH");
    });

    it("does not call a narrow ARN unrestricted", () => {
        expect(codes({Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*"}]})).not.toContain("DATA_EXFILTRATION");
        expect(codes({Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::*/*"}]})).toContain("DATA_EXFILTRATION");
        expect(codes({Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:secretsmanager:*:*:secret:*"}]})).toContain("DATA_EXFILTRATION");
    });

    it("does not count the caller's own access keys as escalation", () => {
        expect(codes({Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "iam:CreateAccessKey", Resource: "arn:aws:iam::*:user/${aws:username}"}]})).not.toContain("PRIVILEGE_ESCALATION");
    });

    it("does not count deploying one named Lambda function as escalation, but any function is", () => {
        const deploy = (resource: string) => codes({Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "lambda:UpdateFunctionCode", Resource: resource}]});
        expect(deploy("arn:aws:lambda:us-east-1:123456789012:function:api-handler")).not.toContain("PRIVILEGE_ESCALATION");
        expect(deploy("arn:aws:lambda:*:*:function:api-handler")).not.toContain("PRIVILEGE_ESCALATION");
        expect(deploy("*")).toContain("PRIVILEGE_ESCALATION");
        expect(deploy("arn:aws:lambda:*:*:function:api-*")).toContain("PRIVILEGE_ESCALATION");
    });

    it("checks the size against the chosen target", () => {
        const policy = {Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "s3:GetObject", Resource: Array.from({length: 80}, (_, index) => `arn:aws:s3:::bucket-${index}/*`)}]};
        expect(checkPolicy(policy, {sizeTarget: "user"}).findings.map((finding) => finding.code)).toContain("POLICY_SIZE_EXCEEDED");
        expect(checkPolicy(policy, {sizeTarget: "role"}).valid).toBe(true);
    });

    it("lists the most severe findings first", () => {
        const report = checkPolicy({Statement: [{Effect: "Allow", Action: ["s3:getobject", "iam:PassRole", "s3:Nope"], Resource: "*"}]});
        const order = ["ERROR", "SECURITY_WARNING", "WARNING", "SUGGESTION"];
        const ranks = report.findings.map((finding) => order.indexOf(finding.severity));
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    });
});
