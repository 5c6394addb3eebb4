import {describe, expect, test} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {CatalogEngine} from "../../source/engine/catalog/CatalogEngine.js";
import {ConversationSession} from "../../source/engine/ConversationSession.js";
import type {GenerationResult} from "../../source/engine/types.js";
import {ActionExpander} from "../../source/evaluation/ActionExpander.js";
import {runEngine} from "../engine/runEngine.js";
import type {PolicyDocument} from "../../source/policy/types.js";
import {isBroader} from "../../source/simulation/index.js";

/**
 * Invariants of reading, over generated cases written here (none from a benchmark): a removal or
 * narrowing never allows more, an unknown follow-up changes nothing, and paraphrases of one request
 * (politeness, framing, synonyms) give the same actions.
 */
const catalog = loadCatalog();
const engine = new CatalogEngine({catalog});
const expander = new ActionExpander(catalog);

/** One turn of a conversation, recorded as the library records it (a turn that changed nothing is no revision). */
async function run(session: ConversationSession, text: string): Promise<GenerationResult> {
    const result = await runEngine(engine, text, session);
    if (result.unchanged !== true)
        session.record(result);
    return result;
}

async function refined(request: string, followUp: string) {
    const session = new ConversationSession();
    const first = await run(session, request);
    const second = await run(session, followUp);
    return {before: first.policy as PolicyDocument, after: second};
}

/** Requests over two services each, and the words a follow-up may use for each service. */
const BASES: Array<{request: string; services: Record<string, string[]>}> = [
    {request: "Allow reading objects in S3 bucket reports and writing logs to CloudWatch Logs", services: {s3: ["S3", "the S3"], logs: ["logs", "CloudWatch Logs"]}},
    {request: "Allow reading items from DynamoDB table orders and sending messages to SQS queue jobs", services: {dynamodb: ["DynamoDB", "the DynamoDB"], sqs: ["SQS", "the SQS"]}},
    {request: "Allow starting and stopping EC2 instances and reading the secret app/db in Secrets Manager", services: {ec2: ["EC2", "the EC2"], secretsmanager: ["Secrets Manager", "the Secrets Manager"]}},
    {request: "Allow publishing to SNS topic alerts and reading parameters under /app/ in SSM Parameter Store", services: {sns: ["SNS", "the SNS"], ssm: ["SSM", "Parameter Store"]}},
    {request: "Allow uploading objects to S3 bucket media and decrypting with KMS", services: {s3: ["S3", "the S3"], kms: ["KMS", "the KMS"]}},
    {request: "Allow invoking Lambda functions and reading items from DynamoDB table sessions", services: {lambda: ["Lambda", "the Lambda"], dynamodb: ["DynamoDB", "the DynamoDB"]}}
];

const REMOVALS = [
    "remove the {S} part", "drop {S}", "scrap the {S} statement", "forget about {S}", "{S} is not needed anymore",
    "get rid of the {S} permissions", "we no longer need {S}", "take out {S}"
];
const NARROWINGS = [
    "restrict it to us-east-1", "only from 10.0.0.0/8", "require MFA", "make it read-only", "read only please",
    "only allow this in eu-west-1", "limit it to the VPC endpoint vpce-1a2b3c4d", "only over HTTPS"
];
const UNKNOWN = [
    "hmm", "what do you think?", "thanks!", "make it better", "lorem ipsum dolor sit amet", "42", "🙂",
    "can you explain this?", "is this secure?", "nice work"
];

describe("a removal never allows more", () => {
    const cases = BASES.flatMap((base) => Object.entries(base.services).flatMap(([service, names]) =>
        REMOVALS.flatMap((phrasing) => names.map((name) => [phrasing.replace("{S}", name), base.request, service] as const))));
    test.each(cases)("%s (after: %s)", async (followUp, request, service) => {
        const {before, after} = await refined(request, followUp);
        expect(after.change?.kind).toMatch(/^(remove|removeCondition)$/);
        expect(isBroader(before, after.policy!, {catalog})).toBe(false);
        if (after.unchanged !== true)
            expect([...expander.effectiveActions(after.policy, "Allow")].some((action) => action.startsWith(`${service}:`))).toBe(false);
    });
});

describe("a narrowing never allows more", () => {
    const cases = BASES.flatMap((base) => NARROWINGS.map((followUp) => [followUp, base.request] as const));
    test.each(cases)("%s (after: %s)", async (followUp, request) => {
        const {before, after} = await refined(request, followUp);
        expect(isBroader(before, after.policy!, {catalog})).toBe(false);
    });
});

describe("an unknown follow-up changes nothing", () => {
    const cases = BASES.flatMap((base) => UNKNOWN.map((followUp) => [followUp, base.request] as const));
    test.each(cases)("%s (after: %s)", async (followUp, request) => {
        const {before, after} = await refined(request, followUp);
        expect(after.change?.kind).toBe("unknown");
        expect(after.unchanged).toBe(true);
        expect(after.policy).toEqual(before);
    });
});

/** Deny requests of their own, typed as follow-ups: each adds its statements, and a Deny added never allows more. */
const DENIALS = [
    "Deny all {S} actions", "Deny deleting anything in {S}", "Block {S} outside us-east-1", "Prevent any {S} writes",
    "Deny all {S} actions on every resource except the S3 bucket keep"
];

describe("a Deny typed as a follow-up adds a Deny and never allows more", () => {
    const cases = BASES.flatMap((base) => Object.values(base.services).flatMap((names) =>
        DENIALS.map((phrasing) => [phrasing.replace("{S}", names.filter((name) => !name.startsWith("the ")).at(-1)!), base.request] as const)));
    test.each(cases)("%s (after: %s)", async (followUp, request) => {
        const {before, after} = await refined(request, followUp);
        expect(after.change?.kind).toBe("add");
        expect(isBroader(before, after.policy!, {catalog})).toBe(false);
    });
});

/** What a request asks, as an infinitive, and the wrappers people put around it. */
const ASKS = [
    "read objects in the S3 bucket reports", "send messages to the SQS queue jobs", "publish to the SNS topic alerts",
    "read items from the DynamoDB table orders", "start and stop EC2 instances", "read the secret app/db in Secrets Manager",
    "write logs to CloudWatch Logs", "invoke the Lambda function resize", "pull images from the ECR repository web",
    "decrypt with the KMS key alias/app", "delete objects in the S3 bucket scratch"
];
const WRAPPERS = [
    "Please allow users to {a}", "The following policy allows users to {a}.", "This example policy lets users {a}.",
    "To let users {a}, you can use the following IAM policy.", "Could you allow users to {a}?", "In this policy, users are allowed to {a}."
];

async function allowedActions(request: string) {
    const session = new ConversationSession();
    return [...expander.effectiveActions((await run(session, request)).policy, "Allow")].sort();
}

describe("politeness and framing change nothing", () => {
    const cases = ASKS.flatMap((ask) => WRAPPERS.map((wrapper) => [wrapper.replace("{a}", ask), `Allow users to ${ask}`] as const));
    test.each(cases)("%s", async (paraphrase, plain) => {
        const expected = await allowedActions(plain);
        expect(expected.length).toBeGreaterThan(0);
        expect(await allowedActions(paraphrase)).toEqual(expected);
    });
});

describe("synonyms give the same policy", () => {
    const services = ["Amazon Kinesis", "DynamoDB", "S3", "SQS", "CloudWatch", "ECR", "Secrets Manager", "EC2"];
    const pairs = services.flatMap((service) => [
        [`Give the auditors view-only permissions on ${service}`, `Give the auditors read-only permissions on ${service}`],
        [`Auditors need view only rights in ${service}`, `Auditors need readonly rights in ${service}`]
    ] as const);
    test.each(pairs)("%s = %s", async (one, other) => {
        expect(await allowedActions(one)).toEqual(await allowedActions(other));
    });
});

/** Ways of only ruling something out: none of them asks for anything. */
const PROHIBITIONS = [
    "Users must not {a}.", "Do not allow users to {a}.", "The user is not allowed to {a}.", "Nobody should be able to {a}."
];

describe("a request that only rules something out grants nothing", () => {
    const cases = ASKS.flatMap((ask) => PROHIBITIONS.map((wrapper) => wrapper.replace("{a}", ask)));
    test.each(cases)("%s", async (request) => {
        expect(await allowedActions(request)).toEqual([]);
    });
});
