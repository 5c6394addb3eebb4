import {describe, expect, test} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {CatalogEngine} from "../../source/engine/catalog/CatalogEngine.js";
import {ConversationSession} from "../../source/engine/ConversationSession.js";
import type {EngineEvent, GenerateOptions, GenerationResult} from "../../source/engine/types.js";
import {actions, statements} from "./policyParts.js";

const catalog = loadCatalog();
const engine = new CatalogEngine({catalog});

async function run(request: string, options: GenerateOptions = {}, session = new ConversationSession()) {
    const events: EngineEvent[] = [];
    const generator = engine.generate(request, session, options);
    let next = await generator.next();
    while (!next.done) {
        events.push(next.value);
        next = await generator.next();
    }
    return {events, result: next.value};
}

/** What every output must satisfy: no ERROR finding, only catalog actions, never `Allow *`. */
function expectSound(result: GenerationResult) {
    if (result.policy == null) {
        expect(result.message).toBeTruthy();
        return;
    }
    expect(result.check?.findings.filter((finding) => finding.severity === "ERROR")).toEqual([]);
    for (const action of actions(result.policy))
        expect(catalog.expand(action).length, action).toBeGreaterThan(0);
    expect(statements(result.policy).some((statement) => statement.Effect === "Allow" && [statement.Action].flat().includes("*"))).toBe(false);
}

describe("CatalogEngine", () => {
    test("yields the context, then the text in chunks, then the checked result", async () => {
        const {events, result} = await run("Allow a Lambda function to read from DynamoDB table users and write logs to CloudWatch");
        expect(events[0]!.type).toBe("context");
        expect(events.at(-1)).toEqual({type: "done", result});
        const tokens = events.filter((event) => event.type === "token").map((event) => event.text);
        expect(tokens.length).toBeGreaterThan(1);
        expect(tokens.join("")).toBe(result.text);
        expect(JSON.parse(result.text)).toEqual(result.policy);
        expect(result.engine).toBe("catalog");
        expect(result.timings.totalMs).toBeGreaterThanOrEqual(result.timings.retrievalMs);
        expectSound(result);
        expect(actions(result.policy)).toEqual(expect.arrayContaining(["dynamodb:GetItem", "logs:PutLogEvents"]));
        expect(actions(result.policy).some((action) => action.startsWith("lambda:"))).toBe(false);
        const table = statements(result.policy).find((statement) => actions({Statement: [statement]}).includes("dynamodb:GetItem"));
        expect(table?.Resource).toBe("arn:aws:dynamodb:*:*:table/users");
    });

    test("junk input gives a clear \"nothing to grant\" and no policy, never a crash", async () => {
        const junk = ["", "   ", "🔥🚀💥 🙈🙉🙊", "SELECT * FROM users WHERE 1=1; DROP TABLE users; --", "こんにちは、今日はいい天気ですね", "lorem ipsum dolor sit amet ".repeat(800)];
        for (const request of junk) {
            const {result} = await run(request);
            expectSound(result);
            if (result.policy == null)
                expect(result.message).toMatch(/nothing to grant/i);
        }
    });

    test("\"full access\" is the service wildcard and carries the checker's security finding", async () => {
        const {result} = await run("Give full access to Amazon SQS");
        expect(actions(result.policy)).toEqual(["sqs:*"]);
        expect(result.check?.findings.some((finding) => finding.severity === "SECURITY_WARNING")).toBe(true);
        expectSound(result);
    });

    test("a daily time window, which IAM cannot express, is left out and said so", async () => {
        const {result} = await run("Allow starting EC2 instances only between 9 AM and 6 PM");
        expectSound(result);
        expect(JSON.stringify(result.policy)).not.toContain("aws:CurrentTime");
        expect(result.message).toMatch(/IAM cannot express a daily/);
    });

    test("\"delete them\" deletes what the verb before it named, never the named queue or bucket itself", async () => {
        const queue = await run("Allow the ECS task to read messages from the SQS queue jobs and delete them after processing");
        expectSound(queue.result);
        expect(actions(queue.result.policy).sort()).toEqual(["sqs:DeleteMessage", "sqs:ReceiveMessage"]);
        const bucket = await run("Allow reading objects in the S3 bucket reports and deleting them");
        expect(actions(bucket.result.policy)).toContain("s3:DeleteObject");
        expect(actions(bucket.result.policy)).not.toContain("s3:DeleteBucket");
        const table = await run("Allow creating and deleting the DynamoDB table sessions");
        expect(actions(table.result.policy)).toEqual(expect.arrayContaining(["dynamodb:CreateTable", "dynamodb:DeleteTable"]));
    });

    test("a participle describes, it asks for nothing: 'logs stored in the bucket' are read, not written", async () => {
        const stored = await run("Allow reading CloudTrail logs stored in the S3 bucket org-trail");
        expect(actions(stored.result.policy)).toContain("s3:GetObject");
        expect(actions(stored.result.policy)).not.toContain("s3:PutObject");
        const created = await run("Allow deleting objects created by the CI in the S3 bucket builds");
        expect(actions(created.result.policy)).toEqual(["s3:DeleteObject"]);
    });

    test("a repository of one service never lends its name to another's: ECR's web is no CodeCommit repository", async () => {
        const {result} = await run("Allow CodeBuild to pull source from the CodeCommit repository app and push images to ECR repository web");
        expectSound(result);
        for (const statement of statements(result.policy))
            for (const action of [statement.Action].flat())
                if (typeof action === "string" && action.startsWith("codecommit:"))
                    expect([statement.Resource].flat().some((arn) => typeof arn === "string" && arn.includes(":ecr:"))).toBe(false);
        expect(actions(result.policy)).toContain("codecommit:GitPull");
    });

    test("Route 53 records are changed in the zone named; a zone's id is no change's", async () => {
        const {result} = await run("Allow managing Route 53 records in the hosted zone Z123456ABCDEFG");
        expectSound(result);
        const change = statements(result.policy).find((statement) => [statement.Action].flat().includes("route53:ChangeResourceRecordSets"));
        expect(change?.Resource).toBe("arn:aws:route53:::hostedzone/Z123456ABCDEFG");
        expect(JSON.stringify(result.policy)).not.toContain("change/Z123456ABCDEFG");
    });

    test("full access with an exception is the wildcard plus a Deny of what is ruled out", async () => {
        for (const request of ["Allow full access to S3 except deleting buckets", "Allow full access to S3 but not deleting buckets"]) {
            const {result} = await run(request);
            expectSound(result);
            expect(actions(result.policy, "Allow")).toEqual(["s3:*"]);
            expect(actions(result.policy, "Deny")).toEqual(["s3:DeleteBucket"]);
        }
    });

    test("a Deny outside an organization denies only outside it, never everything", async () => {
        const {result} = await run("Deny access to S3 buckets outside the organization o-abc123xyz");
        expectSound(result);
        expect(statements(result.policy)).toEqual([expect.objectContaining({
            Effect: "Deny", Action: "s3:*", Condition: {StringNotEquals: {"aws:ResourceOrgID": "o-abc123xyz"}}
        })]);
    });

    test("an explicit deny writes a Deny", async () => {
        const {result} = await run("Deny deleting objects in S3 bucket audit-logs");
        expectSound(result);
        expect(actions(result.policy, "Deny")).toContain("s3:DeleteObject");
        expect(actions(result.policy, "Allow")).toEqual([]);
    });

    test("an aborted signal stops before the policy and marks the result", async () => {
        const controller = new AbortController();
        controller.abort();
        const {events, result} = await run("Allow reading objects in S3 bucket reports", {signal: controller.signal});
        expect(result.aborted).toBe(true);
        expect(result.policy).toBeNull();
        expect(events.filter((event) => event.type === "token")).toEqual([]);
    });

    test("aborting while the text streams keeps what was streamed", async () => {
        const controller = new AbortController();
        const generator = engine.generate("Allow reading objects in S3 bucket reports", new ConversationSession(), {signal: controller.signal});
        const streamed: string[] = [];
        let next = await generator.next();
        while (!next.done) {
            if (next.value.type === "token") {
                streamed.push(next.value.text);
                controller.abort();
            }
            next = await generator.next();
        }
        expect(next.value.aborted).toBe(true);
        expect(next.value.text).toBe(streamed.join(""));
        expect(streamed).toHaveLength(1);
    });

    test("names the AWS managed policy a request asks for, and returns its document only when asked", async () => {
        const request = "Provide an IAM policy for Amazon S3 Read Only Access";
        const own = (await run(request)).result;
        expect(own.managedPolicy).toEqual({name: "AmazonS3ReadOnlyAccess", arn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", used: false});
        expect(own.message).toMatch(/AmazonS3ReadOnlyAccess/);
        expectSound(own);

        const managed = (await run(request, {managed: true})).result;
        expect(managed.managedPolicy?.used).toBe(true);
        expect(actions(managed.policy)).toEqual(expect.arrayContaining(["s3:Get*", "s3:List*"]));
        expectSound(managed);

        expect((await run("Allow reading objects in S3 bucket customer-data")).result.managedPolicy).toBeUndefined();
    });

    test("without --managed, a managed policy the request names gives the services, and the engine picks the actions", async () => {
        const {events, result} = await run("Amazon S3 read only access");
        expect(result.managedPolicy).toEqual({name: "AmazonS3ReadOnlyAccess", arn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", used: false});
        expect(result.message).toMatch(/services come from the AWS managed policy AmazonS3ReadOnlyAccess/);
        const context = events.find((event) => event.type === "context")!.context!;
        expect(context).toBe(result.context);
        expect(context.services.find((service) => service.prefix === "s3-object-lambda")).toMatchObject({role: "target", matched: ["AWS managed policy AmazonS3ReadOnlyAccess"]});
        const granted = actions(result.policy).flatMap((pattern) => catalog.expand(pattern));
        expect(new Set(granted.map((action) => action.service))).toEqual(new Set(["s3", "s3-object-lambda"]));
        expect(granted.every((action) => action.accessLevels.every((level) => level === "Read" || level === "List"))).toBe(true);
        expectSound(result);
    });

    test("a request that only resembles a managed policy's name keeps its own services", async () => {
        const {result} = await run("Read only access to Amazon Inspector findings");
        expect(result.managedPolicy?.name).toBe("AmazonInspectorReadOnlyAccess");
        expect(result.context!.services.map((service) => service.prefix)).toEqual(["inspector2"]);
        expect(result.message).not.toMatch(/services come from/);
    });

    test("a managed policy that allows everything is named, never returned", async () => {
        const {result} = await run("Provide an IAM policy for Administrator Access", {managed: true});
        expect(result.policy).toBeNull();
        expect(result.managedPolicy).toEqual({name: "AdministratorAccess", arn: "arn:aws:iam::aws:policy/AdministratorAccess", used: false});
        expect(result.message).toMatch(/allows every action/);
    });

    test("an ARN written in the request is used as it is", async () => {
        const {result} = await run("Allow s3:GetObject and s3:PutObject on arn:aws:s3:::my-bucket/uploads/*");
        expectSound(result);
        expect(statements(result.policy)).toEqual([expect.objectContaining({Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::my-bucket/uploads/*"})]);
    });

    test("with retrieval off the catalog engine says it reads the request the same way", async () => {
        const request = "Allow sending messages to SQS queue orders";
        const on = (await run(request)).result;
        const off = (await run(request, {rag: false})).result;
        expect(off.rag).toBe(false);
        expect(off.policy).toEqual(on.policy);
        expect(off.message).toMatch(/retrieval/);
    });
});
