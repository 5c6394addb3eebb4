import {describe, expect, it} from "vitest";
import type {ConditionBlock} from "../../source/policy/types.js";
import {decide, evaluate, type RequestContext} from "../../source/simulation/index.js";

/** Whether an Allow statement with this Condition block allows s3:GetObject under the context. */
function holds(condition: ConditionBlock, context: RequestContext = {}): boolean {
    const policy = {Version: "2012-10-17", Statement: [{Effect: "Allow" as const, Action: "s3:GetObject", Resource: "*", Condition: condition}]};
    return decide(policy, {action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context}) === "allowed";
}

describe("string operators", () => {
    // StringEquals: exact, case-sensitive matching.
    it("StringEquals is exact and case-sensitive; StringEqualsIgnoreCase is not", () => {
        expect(holds({StringEquals: {"aws:PrincipalTag/team": "ops"}}, {"aws:PrincipalTag/team": "ops"})).toBe(true);
        expect(holds({StringEquals: {"aws:PrincipalTag/team": "ops"}}, {"aws:PrincipalTag/team": "OPS"})).toBe(false);
        expect(holds({StringEquals: {"aws:PrincipalTag/team": "o*"}}, {"aws:PrincipalTag/team": "ops"})).toBe(false);
        expect(holds({StringEqualsIgnoreCase: {"aws:PrincipalTag/team": "ops"}}, {"aws:PrincipalTag/team": "OPS"})).toBe(true);
    });

    // StringLike: "case-sensitive matching; the values can include multi-character (*) and single-character (?) wildcards".
    it("StringLike matches wildcards case-sensitively", () => {
        expect(holds({StringLike: {"s3:prefix": "home/*"}}, {"s3:prefix": "home/alice/"})).toBe(true);
        expect(holds({StringLike: {"s3:prefix": "home/?"}}, {"s3:prefix": "home/ab"})).toBe(false);
        expect(holds({StringLike: {"s3:prefix": "Home/*"}}, {"s3:prefix": "home/a"})).toBe(false);
    });

    // Several values for one key are OR'ed; a negated operator needs the key to match none of them.
    it("ORs several values, and a negated operator holds only when none matches", () => {
        const regions = ["us-east-1", "eu-west-1"];
        expect(holds({StringEquals: {"aws:RequestedRegion": regions}}, {"aws:RequestedRegion": "eu-west-1"})).toBe(true);
        expect(holds({StringNotEquals: {"aws:RequestedRegion": regions}}, {"aws:RequestedRegion": "eu-west-1"})).toBe(false);
        expect(holds({StringNotEquals: {"aws:RequestedRegion": regions}}, {"aws:RequestedRegion": "ap-south-1"})).toBe(true);
        expect(holds({StringNotLike: {"s3:prefix": ["a*", "b*"]}}, {"s3:prefix": "c"})).toBe(true);
        expect(holds({StringNotEqualsIgnoreCase: {"aws:PrincipalTag/team": "ops"}}, {"aws:PrincipalTag/team": "OPS"})).toBe(false);
    });

    // Several keys (and operators) in one Condition are AND'ed.
    it("ANDs several keys and operators", () => {
        const condition = {StringEquals: {"aws:PrincipalTag/team": "ops", "aws:RequestedRegion": "us-east-1"}, Bool: {"aws:SecureTransport": "true"}};
        expect(holds(condition, {"aws:PrincipalTag/team": "ops", "aws:RequestedRegion": "us-east-1", "aws:SecureTransport": "true"})).toBe(true);
        expect(holds(condition, {"aws:PrincipalTag/team": "ops", "aws:RequestedRegion": "us-east-1", "aws:SecureTransport": "false"})).toBe(false);
    });

    // "Condition key names are not case-sensitive."
    it("compares condition key names case-insensitively", () => {
        expect(holds({StringEquals: {"AWS:RequestedRegion": "us-east-1"}}, {"aws:requestedregion": "us-east-1"})).toBe(true);
    });
});

describe("numeric, date, bool and binary operators", () => {
    it("compares numbers, and an unreadable number satisfies neither an operator nor its negation", () => {
        expect(holds({NumericLessThanEquals: {"s3:max-keys": "10"}}, {"s3:max-keys": "10"})).toBe(true);
        expect(holds({NumericLessThan: {"s3:max-keys": "10"}}, {"s3:max-keys": "10"})).toBe(false);
        expect(holds({NumericGreaterThan: {"s3:max-keys": "2.5"}}, {"s3:max-keys": "3"})).toBe(true);
        expect(holds({NumericGreaterThanEquals: {"s3:max-keys": 10}}, {"s3:max-keys": "9"})).toBe(false);
        expect(holds({NumericEquals: {"s3:max-keys": "10"}}, {"s3:max-keys": "10.0"})).toBe(true);
        expect(holds({NumericNotEquals: {"s3:max-keys": "10"}}, {"s3:max-keys": "11"})).toBe(true);
        expect(holds({NumericNotEquals: {"s3:max-keys": "10"}}, {"s3:max-keys": "abc"})).toBe(false);
    });

    // Date operators accept ISO 8601 and epoch (UNIX) time.
    it("compares dates given as ISO 8601 or epoch seconds", () => {
        expect(holds({DateLessThan: {"aws:CurrentTime": "2024-06-01T00:00:00Z"}}, {"aws:CurrentTime": "2024-05-31T23:59:59Z"})).toBe(true);
        expect(holds({DateGreaterThan: {"aws:CurrentTime": "2024-06-01"}}, {"aws:CurrentTime": "2024-05-31T23:59:59Z"})).toBe(false);
        expect(holds({DateEquals: {"aws:EpochTime": "1717200000"}}, {"aws:EpochTime": "2024-06-01T00:00:00Z"})).toBe(true);
        expect(holds({DateGreaterThanEquals: {"aws:CurrentTime": "2024-06-01T00:00:00Z"}}, {"aws:CurrentTime": "1717200000"})).toBe(true);
        expect(holds({DateNotEquals: {"aws:CurrentTime": "2024-06-01T00:00:00Z"}}, {"aws:CurrentTime": "yesterday"})).toBe(false);
        expect(holds({DateLessThanEquals: {"aws:CurrentTime": "2024-06-01T00:00:00Z"}}, {"aws:CurrentTime": "2024-06-01T00:00:00Z"})).toBe(true);
    });

    it("matches Bool values case-insensitively, and only true or false", () => {
        expect(holds({Bool: {"aws:MultiFactorAuthPresent": true}}, {"aws:MultiFactorAuthPresent": "TRUE"})).toBe(true);
        expect(holds({Bool: {"aws:MultiFactorAuthPresent": "true"}}, {"aws:MultiFactorAuthPresent": "false"})).toBe(false);
        expect(holds({Bool: {"aws:MultiFactorAuthPresent": "true"}}, {"aws:MultiFactorAuthPresent": "yes"})).toBe(false);
    });

    it("compares BinaryEquals values byte for byte (base64 text)", () => {
        expect(holds({BinaryEquals: {"aws:RequestTag/blob": "QmluYXJ5"}}, {"aws:RequestTag/blob": "QmluYXJ5"})).toBe(true);
        expect(holds({BinaryEquals: {"aws:RequestTag/blob": "QmluYXJ5"}}, {"aws:RequestTag/blob": "qmluyxj5"})).toBe(false);
    });
});

describe("IP address and ARN operators", () => {
    // IpAddress: "the specified IP address or range" in CIDR format, IPv4 or IPv6.
    it("matches IPv4 and IPv6 addresses against CIDR blocks and single addresses", () => {
        const blocks = {IpAddress: {"aws:SourceIp": ["10.0.0.0/8", "2001:db8::/32", "192.0.2.7"]}};
        expect(holds(blocks, {"aws:SourceIp": "10.200.3.4"})).toBe(true);
        expect(holds(blocks, {"aws:SourceIp": "11.0.0.1"})).toBe(false);
        expect(holds(blocks, {"aws:SourceIp": "2001:db8:abcd::1"})).toBe(true);
        expect(holds(blocks, {"aws:SourceIp": "2001:db9::1"})).toBe(false);
        expect(holds(blocks, {"aws:SourceIp": "192.0.2.7"})).toBe(true);
        expect(holds({IpAddress: {"aws:SourceIp": "::ffff:10.0.0.0/104"}}, {"aws:SourceIp": "::ffff:10.1.2.3"})).toBe(true);
    });

    // NotIpAddress: "all IP addresses except the specified IP address or range".
    it("NotIpAddress holds for every other address, IPv6 included", () => {
        expect(holds({NotIpAddress: {"aws:SourceIp": ["10.0.0.0/8", "192.0.2.7"]}}, {"aws:SourceIp": "2001:db8::1"})).toBe(true);
        expect(holds({NotIpAddress: {"aws:SourceIp": "10.0.0.0/8"}}, {"aws:SourceIp": "10.0.0.1"})).toBe(false);
        expect(holds({NotIpAddress: {"aws:SourceIp": "10.0.0.0/8"}}, {"aws:SourceIp": "not an address"})).toBe(false);
    });

    // ArnLike/ArnEquals: "each of the six colon-delimited components of the ARN is checked separately" with wildcards.
    it("ArnLike and ArnEquals compare the six ARN parts separately, with wildcards", () => {
        const topic = "arn:aws:sns:us-east-1:123456789012:topic-a";
        expect(holds({ArnLike: {"aws:SourceArn": "arn:aws:sns:*:123456789012:topic-*"}}, {"aws:SourceArn": topic})).toBe(true);
        expect(holds({ArnEquals: {"aws:SourceArn": "arn:aws:sns:*:123456789012:topic-?"}}, {"aws:SourceArn": topic})).toBe(true);
        expect(holds({ArnLike: {"aws:SourceArn": "arn:aws:sns:*:123456789012"}}, {"aws:SourceArn": topic})).toBe(false);
        expect(holds({ArnLike: {"aws:SourceArn": "arn:aws:sns:*:999999999999:*"}}, {"aws:SourceArn": topic})).toBe(false);
        expect(holds({ArnNotLike: {"aws:SourceArn": "arn:aws:sns:*:999999999999:*"}}, {"aws:SourceArn": topic})).toBe(true);
        expect(holds({ArnNotEquals: {"aws:SourceArn": topic}}, {"aws:SourceArn": topic})).toBe(false);
    });
});

describe("missing keys, IfExists, Null and set operators", () => {
    // "If the key that you specify in a policy condition is not present in the request context, the values do not match"
    // and the condition is false; for a negated operator (StringNotLike, ArnNotLike, ...) it is true.
    it("makes a missing key fail a positive operator and satisfy a negated one", () => {
        expect(holds({StringEquals: {"aws:PrincipalTag/team": "ops"}})).toBe(false);
        expect(holds({StringNotEquals: {"aws:PrincipalTag/team": "ops"}})).toBe(true);
        expect(holds({NotIpAddress: {"aws:SourceIp": "10.0.0.0/8"}})).toBe(true);
        expect(holds({ArnNotLike: {"aws:SourceArn": "arn:aws:sns:*:*:*"}})).toBe(true);
        expect(holds({NumericNotEquals: {"s3:max-keys": "1"}})).toBe(true);
    });

    // …IfExists: "If the key is not present, evaluate the condition element as true."
    it("lets …IfExists hold without the key and compare when the key is present", () => {
        expect(holds({StringEqualsIfExists: {"ec2:InstanceType": "t3.micro"}})).toBe(true);
        expect(holds({StringEqualsIfExists: {"ec2:InstanceType": "t3.micro"}}, {"ec2:InstanceType": "m5.large"})).toBe(false);
        expect(holds({NumericLessThanIfExists: {"s3:max-keys": "10"}}, {"s3:max-keys": "5"})).toBe(true);
        expect(holds({"ForAnyValue:StringEqualsIfExists": {"aws:TagKeys": "env"}})).toBe(true);
    });

    // Null: true holds when the key is absent, false when it is present.
    it("checks presence with Null", () => {
        expect(holds({Null: {"aws:TokenIssueTime": "true"}})).toBe(true);
        expect(holds({Null: {"aws:TokenIssueTime": "true"}}, {"aws:TokenIssueTime": "2024-01-01T00:00:00Z"})).toBe(false);
        expect(holds({Null: {"aws:TokenIssueTime": false}}, {"aws:TokenIssueTime": "2024-01-01T00:00:00Z"})).toBe(true);
    });

    // ForAllValues: true when every request value matches, and when the key is missing or has no values.
    it("ForAllValues needs every value to match, and holds for a missing key or an empty set", () => {
        const allowed = {"ForAllValues:StringEquals": {"aws:TagKeys": ["env", "team"]}};
        expect(holds(allowed, {"aws:TagKeys": ["env", "team"]})).toBe(true);
        expect(holds(allowed, {"aws:TagKeys": ["env", "owner"]})).toBe(false);
        expect(holds(allowed, {"aws:TagKeys": []})).toBe(true);
        expect(holds(allowed)).toBe(true);
        expect(holds({"ForAllValues:StringNotEquals": {"aws:TagKeys": "secret"}}, {"aws:TagKeys": ["env", "team"]})).toBe(true);
    });

    // ForAnyValue: true when at least one request value matches; false for a missing key.
    it("ForAnyValue needs one value to match, and fails for a missing key", () => {
        const any = {"ForAnyValue:StringLike": {"aws:TagKeys": "env*"}};
        expect(holds(any, {"aws:TagKeys": ["owner", "environment"]})).toBe(true);
        expect(holds(any, {"aws:TagKeys": ["owner"]})).toBe(false);
        expect(holds(any, {"aws:TagKeys": []})).toBe(false);
        expect(holds(any)).toBe(false);
        expect(holds(any, {"aws:TagKeys": "env"})).toBe(true);
    });

    // A multivalued key needs a set operator: a single-valued operator does not compare it.
    it("does not compare a multivalued key with a single-valued operator", () => {
        expect(holds({StringEquals: {"aws:TagKeys": "env"}}, {"aws:TagKeys": ["env"]})).toBe(false);
        const result = evaluate({Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "*", Resource: "*", Condition: {StringEquals: {"aws:TagKeys": "env"}}}]},
            {action: "s3:GetObject", context: {"aws:TagKeys": ["env", "x"]}});
        expect(result.documents[0]!.statements[0]!.conditions![0]!.reason).toContain("ForAnyValue");
    });

    it("fails an unknown operator instead of ignoring it", () => {
        expect(holds({StringEqualz: {"aws:PrincipalTag/team": "ops"}} as ConditionBlock, {"aws:PrincipalTag/team": "ops"})).toBe(false);
    });
});

describe("policy variables", () => {
    // Policy variables are replaced by the request's value of the key, in Resource and in condition values.
    it("replaces variables in condition values and resources", () => {
        expect(holds({StringEquals: {"aws:PrincipalTag/owner": "${aws:username}"}}, {"aws:username": "alice", "aws:PrincipalTag/owner": "alice"})).toBe(true);
        expect(holds({StringLike: {"s3:prefix": "home/${aws:username}/*"}}, {"aws:username": "alice", "s3:prefix": "home/alice/docs"})).toBe(true);
        expect(holds({StringLike: {"s3:prefix": "home/${aws:username}/*"}}, {"aws:username": "alice", "s3:prefix": "home/bob/docs"})).toBe(false);
        const home = {Version: "2012-10-17", Statement: [{Effect: "Allow" as const, Action: "s3:*", Resource: "arn:aws:s3:::home/${aws:PrincipalTag/team}/*"}]};
        expect(decide(home, {action: "s3:GetObject", resource: "arn:aws:s3:::home/ops/a", context: {"aws:PrincipalTag/team": "ops"}})).toBe("allowed");
        expect(decide(home, {action: "s3:GetObject", resource: "arn:aws:s3:::home/dev/a", context: {"aws:PrincipalTag/team": "ops"}})).toBe("implicitDeny");
    });

    // A variable's value is text: its * is not a wildcard.
    it("does not treat a wildcard inside a variable's value as a wildcard", () => {
        expect(holds({StringLike: {"s3:prefix": "${aws:username}"}}, {"aws:username": "*", "s3:prefix": "anything"})).toBe(false);
        expect(holds({StringLike: {"s3:prefix": "${aws:username}"}}, {"aws:username": "*", "s3:prefix": "*"})).toBe(true);
    });

    // ${*}, ${?} and ${$} stand for the literal characters.
    it("reads ${*}, ${?} and ${$} as the plain characters", () => {
        expect(holds({StringLike: {"s3:prefix": "a${*}b"}}, {"s3:prefix": "a*b"})).toBe(true);
        expect(holds({StringLike: {"s3:prefix": "a${*}b"}}, {"s3:prefix": "axb"})).toBe(false);
        expect(holds({StringEquals: {"s3:prefix": "${?}${$}"}}, {"s3:prefix": "?$"})).toBe(true);
    });

    // Default values: ${key, 'default'} is used when the key has no value.
    it("uses a variable's default when the key is missing", () => {
        const condition = {StringEquals: {"s3:prefix": "${aws:PrincipalTag/team, 'shared'}"}};
        expect(holds(condition, {"s3:prefix": "shared"})).toBe(true);
        expect(holds(condition, {"s3:prefix": "ops", "aws:PrincipalTag/team": "ops"})).toBe(true);
    });

    // "If AWS cannot resolve a variable, this might cause the entire statement to be invalid."
    it("makes a value with an unresolvable variable match nothing, for negated operators too", () => {
        expect(holds({StringEquals: {"s3:prefix": "${aws:username}"}}, {"s3:prefix": "alice"})).toBe(false);
        expect(holds({StringNotEquals: {"s3:prefix": "${aws:username}"}}, {"s3:prefix": "alice"})).toBe(false);
        const others = {Version: "2012-10-17", Statement: [{Effect: "Allow" as const, Action: "s3:*", NotResource: "arn:aws:s3:::home/${aws:username}/*"}]};
        expect(decide(others, {action: "s3:GetObject", resource: "arn:aws:s3:::public/a"})).toBe("implicitDeny");
        expect(decide(others, {action: "s3:GetObject", resource: "arn:aws:s3:::public/a", context: {"aws:username": "alice"}})).toBe("allowed");
    });
});
