import {describe, expect, it} from "vitest";
import {summarizePolicyChange} from "../../source/policy/summarizePolicyChange.js";
import type {PolicyDocument, PolicyStatement} from "../../source/policy/types.js";

function policy(...statements: PolicyStatement[]): PolicyDocument {
    return {Version: "2012-10-17", Statement: statements};
}

const read: PolicyStatement = {Sid: "Read", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: "arn:aws:secretsmanager:*:*:secret:prod/db"};

describe("summarizePolicyChange", () => {
    it("says which condition the new policy has, with the value it has", () => {
        const withMfa = policy({...read, Condition: {Bool: {"aws:MultiFactorAuthPresent": "true"}, StringEquals: {"aws:RequestedRegion": "us-east-1"}}});
        expect(summarizePolicyChange(policy(read), withMfa)).toBe("Added condition Bool aws:MultiFactorAuthPresent true, StringEquals aws:RequestedRegion us-east-1.");
        expect(summarizePolicyChange(withMfa, policy(read))).toBe("Removed condition Bool aws:MultiFactorAuthPresent true, StringEquals aws:RequestedRegion us-east-1.");
    });

    it("reads a changed value as a change, not a removal and an addition", () => {
        const region = (name: string) => policy({...read, Condition: {StringEquals: {"aws:RequestedRegion": [name]}}});
        expect(summarizePolicyChange(region("us-east-1"), region("eu-west-1"))).toBe("Changed condition StringEquals aws:RequestedRegion us-east-1 → eu-west-1.");
    });

    it("lists actions and resources added and removed, allowed and denied, at most three by name", () => {
        const before = policy(read);
        const after = policy(
            {...read, Action: ["secretsmanager:DescribeSecret", "secretsmanager:ListSecrets", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecret"], Resource: "*"},
            {Effect: "Deny", Action: "secretsmanager:DeleteSecret", Resource: "*"}
        );
        expect(summarizePolicyChange(before, after)).toBe(
            "Added secretsmanager:DescribeSecret, secretsmanager:ListSecrets, secretsmanager:PutSecretValue and 1 more; " +
            "removed secretsmanager:GetSecretValue; now denies secretsmanager:DeleteSecret; added resource *; " +
            "removed resource arn:aws:secretsmanager:*:*:secret:prod/db."
        );
    });

    it("tells no change from a rearrangement of the same grants", () => {
        expect(summarizePolicyChange(policy(read), policy(read))).toBe("No change.");
        expect(summarizePolicyChange(policy(read), policy({...read, Sid: "Renamed"}))).toBe("Same actions, resources and conditions; statements rearranged.");
    });
});
