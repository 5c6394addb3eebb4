import {describe, expect, it} from "vitest";
import {normalizePolicy, type PolicyDocument, repairPolicy, wideningChanges} from "../../source/policy/index.js";

const document = (...Statement: object[]) => ({Version: "2012-10-17", Statement}) as PolicyDocument;

function repaired(input: unknown): PolicyDocument {
    const outcome = repairPolicy(input);
    if ("refused" in outcome)
        throw new Error(`refused: ${outcome.refused.join("; ")}`);
    return outcome.policy;
}

describe("repairPolicy (validate --fix)", () => {
    it("writes the one close name for a misspelt action, and removes only what has none", () => {
        const outcome = repairPolicy(document({Effect: "Allow", Action: ["s3:GetObjct", "ec2:DescribeInstance", "s3:Frobnicate"], Resource: "*"}));
        expect(outcome).toMatchObject({policy: document({Effect: "Allow", Action: ["ec2:DescribeInstances", "s3:GetObject"], Resource: "*"})});
        expect("repairs" in outcome && outcome.repairs.map((repair) => repair.code)).toEqual(["ACTION_SPELLING_FIXED", "ACTION_SPELLING_FIXED", "UNKNOWN_ACTION_REMOVED"]);
    });

    it("never deletes a Deny whose NotAction is misspelt (it denies every action), nor corrects it into denying less", () => {
        const input = document({Effect: "Allow", Action: "s3:*", Resource: "*"}, {Effect: "Deny", NotAction: "s3:GetObjekt", Resource: "*"});
        expect(repaired(input).Statement).toEqual(input.Statement);
    });

    it("keeps a Deny whose actions are all unknown, and corrects a misspelt Deny action (it then denies more)", () => {
        expect(repaired(document({Effect: "Deny", Action: "nosuch:Thing", Resource: "*"})).Statement).toEqual([{Effect: "Deny", Action: "nosuch:Thing", Resource: "*"}]);
        expect(repaired(document({Effect: "Deny", Action: "s3:DeleteObjekt", Resource: "*"})).Statement).toEqual([{Effect: "Deny", Action: "s3:DeleteObject", Resource: "*"}]);
    });

    it("keeps a Condition under any key, __proto__ included", () => {
        const input = JSON.parse("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{\"__proto__\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}}]}") as unknown;
        const statement = (repaired(input).Statement as Array<{Condition?: object}>)[0]!;
        expect(Object.keys(statement.Condition ?? {})).toEqual(["__proto__"]);
    });

    it("leaves the repairs that can grant more to the person: ARN levels, \"*\"-only actions", () => {
        const input = document({Effect: "Allow", Action: ["s3:GetObject", "s3:ListAllMyBuckets"], Resource: "arn:aws:s3:::reports"});
        expect(repaired(input).Statement).toEqual([{Effect: "Allow", Action: ["s3:GetObject", "s3:ListAllMyBuckets"], Resource: "arn:aws:s3:::reports"}]);
        // A generated draft gets them, and the widening check sees that they grant more.
        expect(wideningChanges(input, normalizePolicy(input, {repair: true}).policy).length).toBeGreaterThan(0);
    });
});

describe("wideningChanges", () => {
    const base = document(
        {Effect: "Allow", Action: ["s3:GetObject", "s3:List*"], Resource: "arn:aws:s3:::reports/*", Condition: {Bool: {"aws:SecureTransport": "true"}}},
        {Effect: "Deny", Action: "s3:DeleteObject", Resource: "*"}
    );

    it("accepts reordering, merging, case and narrower grants", () => {
        expect(wideningChanges(base, normalizePolicy(base).policy)).toEqual([]);
        expect(wideningChanges(base, document(
            {Effect: "Allow", Action: "S3:getobject", Resource: "arn:aws:s3:::reports/2024/*", Condition: {Bool: {"aws:SecureTransport": "true"}, StringEquals: {"aws:RequestedRegion": "us-east-1"}}},
            {Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::reports/x", Condition: {Bool: {"aws:SecureTransport": ["true"]}}},
            {Effect: "Deny", Action: ["s3:DeleteObject", "s3:PutObject"], Resource: "*"}
        ))).toEqual([]);
    });

    it.each([
        ["an added action", document({Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::reports/*", Condition: {Bool: {"aws:SecureTransport": "true"}}}, {Effect: "Deny", Action: "s3:DeleteObject", Resource: "*"})],
        ["a pattern wider than the input's", document({Effect: "Allow", Action: "s3:Get*", Resource: "arn:aws:s3:::reports/*", Condition: {Bool: {"aws:SecureTransport": "true"}}}, {Effect: "Deny", Action: "s3:DeleteObject", Resource: "*"})],
        ["an added resource", document({Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: {Bool: {"aws:SecureTransport": "true"}}}, {Effect: "Deny", Action: "s3:DeleteObject", Resource: "*"})],
        ["a dropped Condition", document({Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*"}, {Effect: "Deny", Action: "s3:DeleteObject", Resource: "*"})],
        ["a dropped Deny", document({Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*", Condition: {Bool: {"aws:SecureTransport": "true"}}})],
        ["a Deny with a Condition added", document({Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*", Condition: {Bool: {"aws:SecureTransport": "true"}}}, {Effect: "Deny", Action: "s3:DeleteObject", Resource: "*", Condition: {Bool: {"aws:MultiFactorAuthPresent": "false"}}})]
    ])("reports %s", (_, after) => {
        expect(wideningChanges(base, after)).not.toEqual([]);
    });

    it("reports an Allow NotAction that excludes less", () => {
        const before = document({Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*"});
        expect(wideningChanges(before, document({Effect: "Allow", NotAction: "iam:*", Resource: "*"}))).not.toEqual([]);
        expect(wideningChanges(before, document({Effect: "Allow", NotAction: ["iam:*", "organizations:*", "s3:*"], Resource: "*"}))).toEqual([]);
    });
});
