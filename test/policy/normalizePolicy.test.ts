import {describe, expect, it} from "vitest";
import {checkPolicy, formatPolicy, normalizePolicy, type PolicyDocument} from "../../source/policy/index.js";

describe("normalizePolicy", () => {
    it("orders keys, turns Statement into an array, sorts and de-duplicates, and fixes action case", () => {
        const {policy, repairs} = normalizePolicy({
            Statement: {Resource: ["arn:aws:s3:::b/*", "arn:aws:s3:::a/*", "arn:aws:s3:::a/*"], Action: ["s3:putobject", "s3:GetObject", "s3:GetObject"], Effect: "Allow", Sid: "Rw"}
        } as unknown as PolicyDocument);
        expect(formatPolicy(policy)).toBe(JSON.stringify({
            Statement: [{Sid: "Rw", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"]}]
        }, null, 2));
        expect(repairs.map((repair) => repair.code)).toEqual(["ACTION_CASE", "DUPLICATE_REMOVED"]);
        expect(repairs[0]!.path).toBe("$.Statement.Action[0]");
    });

    it("merges statements that differ only in their actions", () => {
        const {policy, repairs} = normalizePolicy({
            Version: "2012-10-17",
            Statement: [
                {Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::a/*"},
                {Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::a/*"},
                {Effect: "Deny", Action: "s3:DeleteObject", Resource: "arn:aws:s3:::a/*"}
            ]
        });
        expect(policy.Statement).toEqual([
            {Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::a/*"},
            {Effect: "Deny", Action: "s3:DeleteObject", Resource: "arn:aws:s3:::a/*"}
        ]);
        expect(repairs).toContainEqual(expect.objectContaining({code: "STATEMENTS_MERGED", path: "$.Statement[1]"}));
    });

    it("keeps statements with different Sids apart", () => {
        const {policy} = normalizePolicy({
            Version: "2012-10-17",
            Statement: [
                {Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::a/*"},
                {Sid: "Write", Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::a/*"}
            ]
        });
        expect(policy.Statement).toHaveLength(2);
    });

    it("with repair, corrects misspelt actions, drops unknown ones and emptied statements, and moves \"*\"-only actions to their own statement", () => {
        const {policy, repairs} = normalizePolicy({
            Statement: [
                {Sid: "read-bucket", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjekt", "s3:ListAllMyBuckets"], Resource: "arn:aws:s3:::b/*", Condition: {StringLike: {"s3:prefix": "x/*"}, Bool: {"aws:SecureTransport": "true"}}},
                {Effect: "Allow", Action: "nosuch:Thing", Resource: "*"}
            ]
        } as PolicyDocument, {repair: true});
        expect(policy).toEqual({
            Version: "2012-10-17",
            Statement: [
                {Sid: "readbucket", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*", Condition: {Bool: {"aws:SecureTransport": "true"}, StringLike: {"s3:prefix": "x/*"}}},
                // Only the global key follows the moved action: s3:prefix does not apply to it.
                {Sid: "readbucketAllResources", Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*", Condition: {Bool: {"aws:SecureTransport": "true"}}}
            ]
        });
        expect(repairs.map((repair) => repair.code)).toEqual([
            "ACTION_SPELLING_FIXED", "SID_FIXED", "DUPLICATE_REMOVED", "STAR_ONLY_ACTIONS_MOVED", "UNKNOWN_ACTION_REMOVED", "STATEMENT_REMOVED", "VERSION_ADDED"
        ]);
        expect(repairs[0]!.message).toContain("s3:GetObject");
        expect(checkPolicy(policy).valid).toBe(true);
    });

    it("with repair, sets the resource to \"*\" when every action accepts only \"*\"", () => {
        const {policy, repairs} = normalizePolicy({Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "arn:aws:s3:::b"}]}, {repair: true});
        expect(policy.Statement).toEqual([{Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*"}]);
        expect(repairs.map((repair) => repair.code)).toEqual(["RESOURCE_SET_TO_STAR"]);
    });

    it("with repair, gives actions the ARN level they work on: objects of a named bucket, the bucket of named objects", () => {
        const {policy, repairs} = normalizePolicy({Version: "2012-10-17", Statement: [
            {Sid: "Read", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: "arn:aws:s3:::reports"},
            {Sid: "Upload", Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::uploads"},
            {Sid: "List", Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::logs/*"},
            {Sid: "Query", Effect: "Allow", Action: "dynamodb:Query", Resource: "arn:aws:dynamodb:us-east-1:123456789012:table/orders"}
        ]}, {repair: true});
        expect(policy.Statement).toEqual([
            {Sid: "Read", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]},
            {Sid: "Upload", Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::uploads/*"},
            {Sid: "List", Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::logs"},
            {Sid: "Query", Effect: "Allow", Action: "dynamodb:Query", Resource: "arn:aws:dynamodb:us-east-1:123456789012:table/orders"}
        ]);
        expect(repairs.map((repair) => repair.code)).toEqual(["RESOURCE_LEVEL_FIXED", "RESOURCE_LEVEL_FIXED", "RESOURCE_LEVEL_FIXED"]);
        expect(checkPolicy(policy).findings.filter((finding) => finding.code.endsWith("MISMATCH"))).toEqual([]);
    });

    it("without repair, keeps unknown actions", () => {
        const {policy, repairs} = normalizePolicy({Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "s3:GetObjekt", Resource: "*"}]});
        expect(policy.Statement).toEqual([{Effect: "Allow", Action: "s3:GetObjekt", Resource: "*"}]);
        expect(repairs).toEqual([]);
    });

    it("never throws on malformed documents, such as a model's output", () => {
        const inputs: unknown[] = [
            {}, {Statement: "x"}, {Statement: [null, 7, []]}, {Statement: {Effect: "Allow", Action: {a: 1}, Resource: [[], {}], Condition: "x"}},
            {Statement: [{Effect: "Allow", Action: [1, "s3:GetObject", null], Resource: "*", Condition: {StringEquals: [], Bool: {"aws:SecureTransport": [{}, null]}}}]},
            {Statement: [{Effect: "Allow", NotAction: ":", Resource: ["arn:aws:s3:::b/*"], Principal: "*"}]}
        ];
        for (const input of inputs) {
            const {policy} = normalizePolicy(input as PolicyDocument, {repair: true});
            expect(Array.isArray(policy.Statement)).toBe(true);
            expect(() => formatPolicy(policy)).not.toThrow();
        }
        // Elements it does not know are kept, after the known ones.
        expect(Object.keys((normalizePolicy(inputs[5] as PolicyDocument).policy.Statement as object[])[0]!)).toEqual(["Effect", "NotAction", "Resource", "Principal"]);
    });

    it("is idempotent", () => {
        const input: PolicyDocument = {Version: "2012-10-17", Statement: [{Effect: "Allow", Action: ["s3:putobject", "s3:GetObject"], Resource: ["arn:aws:s3:::b/*"], Condition: {StringEquals: {"aws:RequestedRegion": ["us-west-2", "us-east-1"]}}}]};
        const once = normalizePolicy(input, {repair: true}).policy;
        const twice = normalizePolicy(once, {repair: true});
        expect(twice.policy).toEqual(once);
        expect(twice.repairs).toEqual([]);
    });
});

describe("formatPolicy", () => {
    it("prints AWS's key order with 2-space indentation", () => {
        const text = formatPolicy({Statement: [{Resource: "*", Effect: "Allow", Action: "s3:ListAllMyBuckets"}], Version: "2012-10-17"});
        expect(text).toBe("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"s3:ListAllMyBuckets\",\n      \"Resource\": \"*\"\n    }\n  ]\n}");
    });
});
