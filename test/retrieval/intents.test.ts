import {describe, expect, it} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {retrieve} from "../../source/retrieval/index.js";
import type {ServiceIntent} from "../../source/retrieval/types.js";

const catalog = loadCatalog();
const intentOf = (request: string, service: string): ServiceIntent => {
    const intent = retrieve(request, {catalog}).intents.find((candidate) => candidate.service === service);
    expect(intent, `no intent for ${service}`).toBeDefined();
    return intent!;
};

describe("intents", () => {
    it("gives each verb to the service it is about", () => {
        const request = "Allow a Lambda function to read from DynamoDB table users and write logs to CloudWatch";
        expect(intentOf(request, "dynamodb").access).toEqual(["read"]);
        expect(intentOf(request, "logs").access).toEqual(["write"]);
        const multi = "Allow managing EC2 instances, reading CloudWatch metrics and describing VPCs";
        expect(intentOf(multi, "ec2").verbs).toEqual(["manage", "describe"]);
        expect(intentOf(multi, "cloudwatch").verbs).toEqual(["read"]);
    });

    it("reads a word between a determiner and a noun for who acts as a modifier, not a verb", () => {
        expect(intentOf("Allow the deploy role to fetch the secret app/token", "secretsmanager").verbs).toEqual(["get"]);
        expect(intentOf("Let the publish team read messages from the SQS queue orders", "sqs").verbs).toEqual(["read"]);
        expect(intentOf("Allow the build project to start the CodePipeline pipeline release", "codepipeline").verbs).toEqual(["start"]);
        // "the bucket owner": a principal's words are no objects of what it is allowed.
        const owner = intentOf("Allow the bucket owner to delete objects", "s3");
        expect(owner.nouns).toEqual(["object"]);
        // A verb that is not between a determiner and such a noun stays a verb.
        expect(intentOf("Allow passing the deploy role to EC2", "iam").verbs).toEqual(["pass"]);
    });

    it("shares a verb with services listed together", () => {
        expect(intentOf("Read from S3 and DynamoDB", "dynamodb").access).toEqual(["read"]);
        expect(intentOf("ec2 and rds full access us-east-1 only", "ec2").access).toEqual(["full"]);
    });

    it("recognises verbs in any inflection", () => {
        expect(intentOf("Allow EC2 instances to be started, stopped, and rebooted", "ec2").verbs).toEqual(["start", "stop", "reboot"]);
        expect(intentOf("Allow creating, updating and invoking Lambda functions", "lambda").verbs).toEqual(["create", "update", "invoke"]);
    });

    it("records negations", () => {
        const intent = intentOf("Allow a user to start and stop EC2 instances but not terminate them", "ec2");
        expect(intent.verbs).toEqual(["start", "stop"]);
        expect(intent.negated.verbs).toEqual(["terminate"]);
        expect(intentOf("Allow listing IAM users but cannot modify anything", "iam").negated.verbs).toEqual(["update"]);
        expect(intentOf("Allow listing S3 buckets, but don't allow reading objects", "s3").negated.access).toEqual(["read"]);
        expect(intentOf("They can view EC2 instances. No modifications of any kind.", "ec2").negated.verbs).toEqual(["update"]);
    });

    it("treats read-only as ruling out every other access", () => {
        const intent = intentOf("Read-only access to EC2", "ec2");
        expect(intent.access).toEqual(["read"]);
        expect(intent.negated.access).toEqual(expect.arrayContaining(["write", "delete", "permissions"]));
    });

    it("lets what is asked win over a later negation of the same verb", () => {
        const intent = intentOf("Allow launching EC2 instances only if tagged Env=dev. Deny launching any instance without this tag.", "ec2");
        expect(intent.verbs).toContain("launch");
        expect(intent.negated.verbs).not.toContain("launch");
    });

    it("ignores verbs about the policy itself, inside conditions and in name patterns", () => {
        expect(intentOf("Allow writing CloudWatch logs only to log groups that start with /application/", "logs").verbs).toEqual(["write"]);
        expect(intentOf("Create a policy that allows reading the SQS queue jobs", "sqs").verbs).toEqual(["read"]);
        expect(intentOf("Deny access to the S3 bucket secret-data except for users who have MFA enabled", "s3").access).toEqual(["full"]);
    });

    it("finds the effect", () => {
        expect(retrieve("Deny all S3 delete operations", {catalog}).effect).toBe("Deny");
        expect(retrieve("Prevent anyone from disabling CloudTrail logging", {catalog}).effect).toBe("Deny");
        expect(retrieve("Guardrail: no deleting of CloudTrail trails", {catalog}).effect).toBe("Deny");
        expect(retrieve("Allow S3 reads. Deny unencrypted requests.", {catalog}).effect).toBe("Allow");
        expect(retrieve("Provide access to read and write objects in the data lake bucket but deny deleting them", {catalog}).effect).toBe("Allow");
        expect(intentOf("Block deleting KMS keys", "kms").effect).toBe("Deny");
    });

    it("makes 'but block/deny …' inside an allow a Deny intent of its own", () => {
        const context = retrieve("Let the reporting role read and update items in DynamoDB table invoices, but deny deleting them", {catalog});
        expect(context.effect).toBe("Allow");
        const deny = context.intents.find((intent) => intent.service === "dynamodb" && intent.effect === "Deny");
        expect(deny).toMatchObject({verbs: ["delete"]});
        expect(context.intents.find((intent) => intent.service === "dynamodb" && intent.effect === "Allow")!.negated.verbs).toContain("delete");
        const denied = context.candidates.filter((candidate) => candidate.effect === "Deny").map((candidate) => candidate.action);
        expect(denied).toContain("dynamodb:DeleteItem");
        expect(context.candidates.filter((candidate) => candidate.effect === "Allow").map((candidate) => candidate.action)).not.toContain("dynamodb:DeleteItem");
        expect(retrieve("Allow starting EC2 instances but not stopping them", {catalog}).intents.map((intent) => intent.effect)).toEqual(["Allow"]);
        // "them" stands for the objects named before: the Deny covers deleting objects too.
        const objects = retrieve("Let the app put and get objects in the S3 bucket media-cache, and block deleting them", {catalog}).candidates;
        expect(objects.filter((candidate) => candidate.effect === "Deny").map((candidate) => candidate.action)).toContain("s3:DeleteObject");
        expect(retrieve("Allow iam:PassRole for app roles. This prevents passing admin roles.", {catalog}).intents.map((intent) => intent.effect)).toEqual(["Allow"]);
    });

    it("turns a full-access phrase into the full intent", () => {
        expect(intentOf("Grant full EC2 access", "ec2").access).toEqual(["full"]);
        expect(intentOf("give admin access to route53", "route53").access).toEqual(["full"]);
        // "all" with the service's calls or requests, "API" between them or not.
        expect(intentOf("Block all Lambda API calls from outside the VPC", "lambda").access).toEqual(["full"]);
        expect(intentOf("Deny all SQS requests without TLS", "sqs").access).toEqual(["full"]);
        expect(intentOf("Full read and write access to DynamoDB table products", "dynamodb").access).toEqual(["read", "write"]);
    });
});
