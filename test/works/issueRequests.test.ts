import {describe, expect, test} from "vitest";
import {CatalogEngine} from "../../source/engine/catalog/CatalogEngine.js";
import type {GenerationResult} from "../../source/engine/types.js";
import {runEngine} from "../engine/runEngine.js";
import {decide, type RequestContext} from "../../source/simulation/index.js";

const engine = new CatalogEngine();
const KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

function generate(request: string): Promise<GenerationResult> {
    return runEngine(engine, request);
}

function allowed(result: GenerationResult, action: string, resource = "*", context: RequestContext = {}) {
    return decide(result.policy!, {action, resource, context}) === "allowed";
}

function findingCodes(result: GenerationResult) {
    return result.check!.findings.map((finding) => finding.code);
}

/** The seven requests issue 13 opens with: each policy must work for the job, and no wider. */
describe("the requests that did not work the first time", () => {
    test("a Lambda consumer of SQS can delete what it processed, and lists no queues", async () => {
        const result = await generate("Lambda function that consumes from SQS queue orders and writes to DynamoDB table orders");
        const queue = "arn:aws:sqs:us-east-1:123456789012:orders";
        for (const action of ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"])
            expect(allowed(result, action, queue), action).toBe(true);
        expect(allowed(result, "dynamodb:PutItem", "arn:aws:dynamodb:us-east-1:123456789012:table/orders")).toBe(true);
        expect(allowed(result, "sqs:ListQueues")).toBe(false);
        expect(result.companions).toContainEqual(expect.objectContaining({action: "sqs:DeleteMessage", source: "AWS managed policy AWSLambdaSQSQueueExecutionRole"}));
    });

    test("an SSE-KMS upload gets its data key, through S3 only", async () => {
        const result = await generate("Allow uploading to s3://my-bucket/uploads/ only with SSE-KMS");
        expect(allowed(result, "s3:PutObject", "arn:aws:s3:::my-bucket/uploads/a.csv", {"s3:x-amz-server-side-encryption": "aws:kms"})).toBe(true);
        expect(allowed(result, "kms:GenerateDataKey", KEY, {"kms:ViaService": "s3.us-east-1.amazonaws.com"})).toBe(true);
        expect(allowed(result, "kms:GenerateDataKey", KEY)).toBe(false);
        expect(findingCodes(result)).not.toContain("KMS_ANY_KEY");
    });

    test("Athena can write its results and read the Glue Data Catalog", async () => {
        const result = await generate("Give a data scientist access to run Athena queries on the analytics workgroup and read results from S3 bucket athena-results");
        expect(allowed(result, "athena:StartQueryExecution", "arn:aws:athena:us-east-1:123456789012:workgroup/analytics")).toBe(true);
        expect(allowed(result, "s3:PutObject", "arn:aws:s3:::athena-results/q/1.csv")).toBe(true);
        expect(allowed(result, "s3:GetBucketLocation", "arn:aws:s3:::athena-results")).toBe(true);
        expect(allowed(result, "glue:GetTable", "arn:aws:glue:us-east-1:123456789012:table/sales/orders")).toBe(true);
        expect(allowed(result, "s3:PutObject", "arn:aws:s3:::other-bucket/x")).toBe(false);
    });

    test("a secret's ARN ends in its six-character suffix", async () => {
        const result = await generate("Allow reading the secret prod/db");
        expect(allowed(result, "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbC123")).toBe(true);
        expect(allowed(result, "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db2-AbC123")).toBe(false);
    });

    test("an ECS service is updated on service/<cluster>/<name>, not as a cluster", async () => {
        const result = await generate("Allow the deploy role to update the ECS service api in cluster prod");
        expect(allowed(result, "ecs:UpdateService", "arn:aws:ecs:us-east-1:123456789012:service/prod/api")).toBe(true);
        expect(allowed(result, "ecs:UpdateService", "arn:aws:ecs:us-east-1:123456789012:service/prod/web")).toBe(false);
        expect(allowed(result, "ecs:UpdateCluster", "arn:aws:ecs:us-east-1:123456789012:cluster/prod")).toBe(false);
    });

    test("a KMS alias limits Decrypt to the keys it points to, and the checker accepts it", async () => {
        const result = await generate("Read objects in S3 bucket reports and decrypt them with KMS key alias/myapp");
        expect(allowed(result, "s3:GetObject", "arn:aws:s3:::reports/2024/a.csv")).toBe(true);
        expect(allowed(result, "kms:Decrypt", KEY, {"kms:ResourceAliases": ["alias/myapp"]})).toBe(true);
        expect(allowed(result, "kms:Decrypt", KEY, {"kms:ResourceAliases": ["alias/other"]})).toBe(false);
        expect(findingCodes(result)).not.toContain("DATA_EXFILTRATION");
        expect(findingCodes(result)).not.toContain("KMS_ANY_KEY");
    });

    test("passing a role to EC2 is granted, and run means RunInstances", async () => {
        const result = await generate("CodeBuild role pass any role and run any EC2 instance");
        expect(allowed(result, "iam:PassRole", "arn:aws:iam::123456789012:role/build-fleet", {"iam:PassedToService": "ec2.amazonaws.com"})).toBe(true);
        expect(allowed(result, "iam:PassRole", "arn:aws:iam::123456789012:role/build-fleet", {"iam:PassedToService": "lambda.amazonaws.com"})).toBe(false);
        expect(allowed(result, "ec2:RunInstances", "arn:aws:ec2:us-east-1:123456789012:instance/*")).toBe(true);
        for (const action of ["ec2:StopInstances", "ec2:RebootInstances"])
            expect(allowed(result, action, "arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0"), action).toBe(false);
    });

    test("with companions off, only what the words name", async () => {
        const result = await runEngine(engine, "Lambda function that consumes from SQS queue orders", undefined, {companions: false});
        expect(result.companions).toBeUndefined();
        expect(decide(result.policy!, {action: "sqs:DeleteMessage", resource: "arn:aws:sqs:us-east-1:123456789012:orders"})).not.toBe("allowed");
        expect(findingCodes(result)).toContain("MISSING_COMPANION");
    });
});
