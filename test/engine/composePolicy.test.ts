import {describe, expect, test} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {composePolicy} from "../../source/engine/catalog/composePolicy.js";
import type {PolicyStatement} from "../../source/policy/types.js";
import {retrieve} from "../../source/retrieval/index.js";
import {context} from "./contextFixtures.js";

const catalog = loadCatalog();

function statements(request: Parameters<typeof context>[1], text = "request") {
    const policy = composePolicy(context(text, request), catalog);
    expect(policy).not.toBeNull();
    return policy!.Statement as PolicyStatement[];
}

function list(value: string | string[] | undefined) {
    return value == null ? [] : Array.isArray(value) ? value : [value];
}

function statementWith(all: PolicyStatement[], action: string) {
    const found = all.find((statement) => list(statement.Action).includes(action));
    expect(found, `a statement with ${action}`).toBeDefined();
    return found!;
}

describe("composePolicy", () => {
    test("gives each action the ARN of a resource type it supports, and \"*\"-only actions their own statement", () => {
        const all = statements({
            targets: ["s3"],
            intents: [{service: "s3", access: ["read", "list"]}],
            actions: ["s3:GetObject", "s3:ListBucket", "s3:ListAllMyBuckets"],
            resources: [["s3", "bucket", "arn:aws:s3:::reports"]]
        });
        expect(statementWith(all, "s3:GetObject").Resource).toBe("arn:aws:s3:::reports/*");
        expect(statementWith(all, "s3:ListBucket").Resource).toBe("arn:aws:s3:::reports");
        expect(statementWith(all, "s3:ListAllMyBuckets").Resource).toBe("*");
        expect(all).toHaveLength(3);
    });

    test("leaves the principal service out and merges actions with the same scope", () => {
        const all = statements({
            targets: ["dynamodb", "logs"],
            principals: ["lambda"],
            intents: [{service: "dynamodb", access: ["read"]}, {service: "logs", access: ["write"]}],
            actions: ["dynamodb:GetItem", "dynamodb:Query", "lambda:InvokeFunction", "logs:CreateLogStream", "logs:PutLogEvents"],
            resources: [["dynamodb", "table", "arn:aws:dynamodb:*:*:table/users"]]
        });
        const dynamodb = statementWith(all, "dynamodb:GetItem");
        expect(dynamodb.Action).toEqual(["dynamodb:GetItem", "dynamodb:Query"]);
        expect(dynamodb.Resource).toBe("arn:aws:dynamodb:*:*:table/users");
        expect(all.flatMap((statement) => list(statement.Action)).some((action) => action.startsWith("lambda:"))).toBe(false);
        expect(statementWith(all, "logs:PutLogEvents").Resource).toBe("*");
    });

    test("full access is the service wildcard on the named resource and its children", () => {
        const all = statements({
            targets: ["s3"],
            intents: [{service: "s3", access: ["full"]}],
            actions: ["s3:GetObject"],
            resources: [["s3", "bucket", "arn:aws:s3:::my-app-bucket"]]
        });
        expect(all).toEqual([expect.objectContaining({Effect: "Allow", Action: "s3:*", Resource: ["arn:aws:s3:::my-app-bucket", "arn:aws:s3:::my-app-bucket/*"]})]);
    });

    test("\"but not X\" leaves X out, and an explicit deny writes a Deny that the Allow does not repeat", () => {
        const all = statements({
            targets: ["ec2"],
            intents: [{service: "ec2", access: ["write"], verbs: ["start", "stop"], negated: {access: [], verbs: ["terminate"]}}, {service: "ec2", effect: "Deny", access: ["delete"]}],
            actions: ["ec2:StartInstances", "ec2:StopInstances", "ec2:TerminateInstances", ["ec2:DeleteVolume", "Deny"], ["ec2:StopInstances", "Deny"]],
            excluded: ["ec2:TerminateInstances"]
        });
        const allowed = all.filter((statement) => statement.Effect === "Allow").flatMap((statement) => list(statement.Action));
        expect(allowed).toEqual(["ec2:StartInstances"]);
        const denied = all.filter((statement) => statement.Effect === "Deny").flatMap((statement) => list(statement.Action));
        expect(denied.sort()).toEqual(["ec2:DeleteVolume", "ec2:StopInstances"]);
    });

    test("read-only keeps Read and List; manage leaves Permissions management out unless named", () => {
        const readOnly = statements({
            targets: ["s3"],
            intents: [{service: "s3", access: ["read"]}],
            actions: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"]
        });
        expect(readOnly.flatMap((statement) => list(statement.Action)).sort()).toEqual(["s3:GetObject", "s3:ListBucket"]);

        const manage = statements({
            targets: ["sqs"],
            intents: [{service: "sqs", access: ["manage"]}],
            actions: ["sqs:CreateQueue", "sqs:DeleteQueue", "sqs:AddPermission"]
        }, "manage queues");
        expect(manage.flatMap((statement) => list(statement.Action)).sort()).toEqual(["sqs:CreateQueue", "sqs:DeleteQueue"]);

        const named = statements({
            targets: ["s3"],
            intents: [{service: "s3", access: ["manage"]}],
            actions: ["s3:PutBucketPolicy", "s3:PutObject"]
        }, "manage objects and bucket policies");
        expect(named.flatMap((statement) => list(statement.Action)).sort()).toEqual(["s3:PutBucketPolicy", "s3:PutObject"]);
    });

    test("read-only access to a whole service is its Read and List actions, as patterns where they grant nothing else", () => {
        const all = statements({
            targets: ["sqs"],
            intents: [{service: "sqs", access: ["read"], verbs: ["read only"]}],
            actions: ["sqs:ReceiveMessage"]
        }, "Read-only access to Amazon SQS");
        const granted = all.flatMap((statement) => list(statement.Action));
        expect(granted).toEqual(expect.arrayContaining(["sqs:Get*", "sqs:List*"]));
        for (const pattern of granted)
            for (const action of catalog.expand(pattern))
                expect(action.accessLevels.every((level) => level === "Read" || level === "List")).toBe(true);

        // Naming what is read ("read-only access to the queues' messages") keeps retrieval's choice.
        const narrow = statements({
            targets: ["sqs"],
            intents: [{service: "sqs", access: ["read"], verbs: ["read only"], verbNouns: {"read only": ["message", "queue"]}}],
            actions: ["sqs:ReceiveMessage"]
        });
        expect(narrow.flatMap((statement) => list(statement.Action))).toEqual(["sqs:ReceiveMessage"]);
    });

    test("using a named resource is not creating, deleting or tagging it", () => {
        const all = statements({
            targets: ["sqs"],
            intents: [{service: "sqs", access: ["write"], verbs: ["write"]}],
            actions: ["sqs:SendMessage", "sqs:CreateQueue", "sqs:DeleteQueue", "sqs:TagQueue"],
            resources: [["sqs", "queue", "arn:aws:sqs:*:*:thumbnails"]]
        }, "write to the SQS queue thumbnails");
        expect(all.flatMap((statement) => list(statement.Action))).toEqual(["sqs:SendMessage"]);

        const managed = statements({
            targets: ["sqs"],
            intents: [{service: "sqs", access: ["manage"], verbs: ["manage"]}],
            actions: ["sqs:CreateQueue", "sqs:DeleteQueue", "sqs:TagQueue"],
            resources: [["sqs", "queue", "arn:aws:sqs:*:*:thumbnails"]]
        }, "manage and tag the SQS queue thumbnails");
        expect(managed.flatMap((statement) => list(statement.Action)).sort()).toEqual(["sqs:CreateQueue", "sqs:DeleteQueue", "sqs:TagQueue"]);
    });

    test("MFA and region: required on an Allow, guarded on a Deny (one statement per condition)", () => {
        const mfa = {kind: "mfa" as const, key: "aws:MultiFactorAuthPresent", operator: "Bool", values: ["true"]};
        const region = {kind: "region" as const, key: "aws:RequestedRegion", operator: "StringEquals", values: ["us-east-1"]};
        const allow = statements({targets: ["sts"], actions: ["sts:AssumeRole"], conditions: [mfa, region]});
        expect(allow[0]!.Condition).toEqual({Bool: {"aws:MultiFactorAuthPresent": "true"}, StringEquals: {"aws:RequestedRegion": "us-east-1"}});

        // Retrieval writes "deny everything outside us-east-1" as StringNotEquals: a requirement the Deny guards.
        const outsideRegion = {...region, operator: "StringNotEquals"};
        const deny = statements({targets: ["s3"], actions: [["s3:GetObject", "Deny"]], conditions: [mfa, outsideRegion], effect: "Deny"});
        expect(deny.map((statement) => statement.Condition)).toEqual([
            {BoolIfExists: {"aws:MultiFactorAuthPresent": "false"}},
            {StringNotEquals: {"aws:RequestedRegion": "us-east-1"}}
        ]);
    });

    test("a Deny that names a region denies there, not everywhere else", () => {
        const region = {kind: "region" as const, key: "aws:RequestedRegion", operator: "StringEquals", values: ["ap-east-1"]};
        const deny = statements({targets: ["ec2"], actions: [["ec2:RunInstances", "Deny"]], conditions: [region], effect: "Deny"});
        expect(deny.map((statement) => statement.Condition)).toEqual([{StringEquals: {"aws:RequestedRegion": "ap-east-1"}}]);
    });

    test("conditions go only on actions whose keys IAM evaluates", () => {
        const all = statements({
            targets: ["s3"],
            actions: ["s3:PutObject", "s3:ListBucket"],
            resources: [["s3", "bucket", "arn:aws:s3:::logs"]],
            conditions: [{kind: "encryption", key: "s3:x-amz-server-side-encryption", operator: "StringEquals", values: ["aws:kms"]}]
        });
        expect(statementWith(all, "s3:PutObject").Condition).toEqual({StringEquals: {"s3:x-amz-server-side-encryption": "aws:kms"}});
        expect(statementWith(all, "s3:ListBucket").Condition).toBeUndefined();
    });

    test("an S3 prefix narrows the object ARN and the listing's s3:prefix", () => {
        const all = statements({
            targets: ["s3"],
            actions: ["s3:GetObject", "s3:ListBucket"],
            resources: [["s3", "bucket", "arn:aws:s3:::analytics-prod"]],
            conditions: [{kind: "s3Prefix", key: "s3:prefix", operator: "StringLike", values: ["reports/2024/"]}]
        });
        expect(statementWith(all, "s3:GetObject")).toMatchObject({Resource: "arn:aws:s3:::analytics-prod/reports/2024/*"});
        expect(statementWith(all, "s3:GetObject").Condition).toBeUndefined();
        expect(statementWith(all, "s3:ListBucket")).toMatchObject({
            Resource: "arn:aws:s3:::analytics-prod",
            Condition: {StringLike: {"s3:prefix": "reports/2024/*"}}
        });
    });

    test("self-service uses the caller's own user", () => {
        const all = statements({
            targets: ["iam"],
            actions: ["iam:CreateAccessKey", "iam:ListAccessKeys"],
            conditions: [{kind: "selfUser", key: "aws:username", operator: "StringEquals", values: ["${aws:username}"]}]
        });
        expect(all).toHaveLength(1);
        expect(all[0]!.Resource).toBe("arn:aws:iam::*:user/${aws:username}");
    });

    test("tags, instance types and time windows", () => {
        const tagged = statements({
            targets: ["ec2"],
            actions: ["ec2:StartInstances", "ec2:DescribeInstances"],
            conditions: [{kind: "resourceTag", key: "aws:ResourceTag/Team", operator: "StringEquals", values: ["backend"]}]
        });
        expect(statementWith(tagged, "ec2:StartInstances").Condition).toEqual({StringEquals: {"aws:ResourceTag/Team": "backend"}});

        const types = statements({
            targets: ["ec2"],
            actions: ["ec2:RunInstances"],
            conditions: [{kind: "instanceType", key: "ec2:InstanceType", operator: "StringEquals", values: ["t2.micro", "t3.micro"]}]
        });
        // ec2:InstanceType is evaluated for the instance only: the other resources RunInstances needs get no condition.
        const conditioned = types.find((statement) => statement.Condition != null)!;
        expect(conditioned.Condition).toEqual({StringEquals: {"ec2:InstanceType": ["t2.micro", "t3.micro"]}});
        expect(conditioned.Resource).toContain("arn:aws:ec2:*:*:instance/*");
        expect(types.find((statement) => statement.Condition == null)!.Resource).toContain("arn:aws:ec2:*:*:subnet/*");

        const window = statements({
            targets: ["ec2"],
            actions: ["ec2:StartInstances"],
            conditions: [{kind: "timeWindow", key: "aws:CurrentTime", operator: "DateBetween", values: ["2025-01-01T09:00:00Z", "2025-12-31T18:00:00Z"]}]
        });
        expect(window[0]!.Condition).toEqual({
            DateGreaterThan: {"aws:CurrentTime": "2025-01-01T09:00:00Z"},
            DateLessThan: {"aws:CurrentTime": "2025-12-31T18:00:00Z"}
        });
    });

    test("Sids are alphanumeric, unique and say what the statement is for", () => {
        const all = statements({
            targets: ["s3", "dynamodb"],
            actions: ["s3:GetObject", "s3:ListBucket", "s3:ListAllMyBuckets", "dynamodb:GetItem"],
            resources: [["s3", "bucket", "arn:aws:s3:::reports"], ["dynamodb", "table", "arn:aws:dynamodb:*:*:table/users"]]
        });
        const sids = all.map((statement) => statement.Sid!);
        expect(new Set(sids).size).toBe(sids.length);
        for (const sid of sids)
            expect(sid).toMatch(/^[A-Za-z0-9]+$/);
        expect(statementWith(all, "dynamodb:GetItem").Sid).toBe("AllowDynamodbReadOnUsers");
    });

    test("an account-wide guardrail denies every action (or all but the excepted services) when a requirement fails", () => {
        const mfa = {kind: "mfa" as const, key: "aws:MultiFactorAuthPresent", operator: "BoolIfExists", values: ["false"]};
        const all = statements({conditions: [mfa], effect: "Deny"}, "Deny all actions if the request does not use MFA");
        expect(all).toEqual([expect.objectContaining({Effect: "Deny", Action: "*", Resource: "*", Condition: {BoolIfExists: {"aws:MultiFactorAuthPresent": "false"}}})]);

        const region = {kind: "region" as const, key: "aws:RequestedRegion", operator: "StringNotEquals", values: ["us-east-1"]};
        const excepted = statements({
            targets: ["iam", "cloudfront"],
            intents: [{service: "iam", effect: "Deny"}, {service: "cloudfront", effect: "Deny"}],
            conditions: [region],
            effect: "Deny"
        }, "Deny everything outside us-east-1 except global services like IAM and CloudFront");
        expect(excepted).toEqual([expect.objectContaining({
            Effect: "Deny", NotAction: ["cloudfront:*", "iam:*"], Resource: "*", Condition: {StringNotEquals: {"aws:RequestedRegion": "us-east-1"}}
        })]);
    });

    test("a deny clause about requests in general guards the allowed services; one that restates the allowed verb adds nothing", () => {
        const ssl = {kind: "secureTransport" as const, key: "aws:SecureTransport", operator: "Bool", values: ["true"]};
        const guarded = statements({targets: ["s3"], actions: ["s3:GetObject"], conditions: [ssl]}, "Allow S3 reads only over SSL. Deny any unencrypted requests.");
        expect(guarded.find((statement) => statement.Effect === "Deny")).toMatchObject({Action: "s3:*", Resource: "*", Condition: {Bool: {"aws:SecureTransport": "false"}}});

        const types = {kind: "instanceType" as const, key: "ec2:InstanceType", operator: "StringEquals", values: ["t3.micro"]};
        const restated = statements({targets: ["ec2"], actions: ["ec2:RunInstances"], conditions: [types]}, "Allow launching t3.micro instances. Deny launching any other instance type.");
        expect(restated.every((statement) => statement.Effect === "Allow")).toBe(true);

        // The same when retrieval reads the deny clause as a Deny intent of its own with the Allow's verb.
        const ownIntent = statements({
            targets: ["ec2"],
            intents: [{service: "ec2", verbs: ["launch"]}, {service: "ec2", effect: "Deny", verbs: ["launch"]}],
            actions: ["ec2:RunInstances", ["ec2:RunInstances", "Deny"]],
            conditions: [types]
        }, "Allow launching t3.micro instances. Deny launching any other instance type.");
        expect(ownIntent.every((statement) => statement.Effect === "Allow")).toBe(true);
        expect(ownIntent.some((statement) => list(statement.Action).includes("ec2:RunInstances"))).toBe(true);

        // A Deny of another verb is the request's own guardrail and stays.
        const other = statements({
            targets: ["ec2"],
            intents: [{service: "ec2", verbs: ["launch"]}, {service: "ec2", effect: "Deny", verbs: ["terminate"]}],
            actions: ["ec2:RunInstances", ["ec2:TerminateInstances", "Deny"]],
            conditions: [types]
        }, "Allow launching t3.micro instances. Deny terminating instances.");
        expect(other.find((statement) => statement.Effect === "Deny")).toMatchObject({Action: "ec2:TerminateInstances"});
    });

    test("a Deny with nothing more specific blocks the whole service on the named resources", () => {
        const all = statements({
            targets: ["s3"],
            intents: [{service: "s3", effect: "Deny"}],
            resources: [["s3", "bucket", "arn:aws:s3:::confidential-data"]],
            effect: "Deny"
        });
        expect(all).toEqual([expect.objectContaining({Effect: "Deny", Action: "s3:*", Resource: ["arn:aws:s3:::confidential-data", "arn:aws:s3:::confidential-data/*"]})]);
    });

    test("resources go with the verb they follow: read from one bucket, write to another", () => {
        const request = context("Allow reading objects from the input-data bucket and writing results to the output-data bucket", {
            targets: ["s3"],
            intents: [{service: "s3", access: ["read", "write"], verbs: ["read", "write"], verbNouns: {read: ["object", "input", "bucket"], write: ["result", "output", "bucket"]}}],
            actions: ["s3:GetObject", "s3:ListBucket", "s3:PutObject"],
            resources: [["s3", "bucket", "arn:aws:s3:::input-data"], ["s3", "bucket", "arn:aws:s3:::output-data"]]
        });
        request.resources[0]!.matched = ["input-data bucket"];
        request.resources[1]!.matched = ["output-data bucket"];
        const all = composePolicy(request, catalog)!.Statement as PolicyStatement[];
        expect(statementWith(all, "s3:GetObject").Resource).toBe("arn:aws:s3:::input-data/*");
        expect(statementWith(all, "s3:ListBucket").Resource).toBe("arn:aws:s3:::input-data");
        expect(statementWith(all, "s3:PutObject").Resource).toBe("arn:aws:s3:::output-data/*");
    });

    test("nothing to grant gives null", () => {
        expect(composePolicy(context("SELECT * FROM users;", {}), catalog)).toBeNull();
    });
});

describe("allowing everything except some services", () => {
    test("is an Allow of every action but theirs, never one of their actions", () => {
        for (const [request, excepted] of [["Allow everything except IAM", ["iam:*"]], ["Allow all actions except IAM and Organizations", ["iam:*", "organizations:*"]]] as const) {
            const policy = composePolicy(retrieve(request, {catalog}), catalog);
            expect(policy?.Statement, request).toEqual([expect.objectContaining({Effect: "Allow", NotAction: excepted.length === 1 ? excepted[0] : [...excepted], Resource: "*"})]);
        }
    });
});
