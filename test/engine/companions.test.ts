import {describe, expect, test} from "vitest";
import {CatalogEngine} from "../../source/engine/catalog/CatalogEngine.js";
import {ConversationSession} from "../../source/engine/ConversationSession.js";
import type {GenerateOptions, GenerationResult} from "../../source/engine/types.js";
import {decide} from "../../source/simulation/index.js";

const engine = new CatalogEngine();

async function run(request: string, session = new ConversationSession(), options: GenerateOptions = {}): Promise<GenerationResult> {
    const events = engine.generate(request, session, options);
    for (;;) {
        const next = await events.next();
        if (next.done) {
            session.record(next.value);
            return next.value;
        }
    }
}

describe("companions and exact ARNs in the catalog engine", () => {
    test("a follow-up that adds an event source brings what its mapping needs, and says why", async () => {
        const session = new ConversationSession();
        await run("Allow writing items to DynamoDB table results", session);
        const refined = await run("also allow the Lambda function to consume from SQS queue jobs", session);
        expect(refined.companions).toEqual([expect.objectContaining({action: "sqs:DeleteMessage", resource: "arn:aws:sqs:*:*:jobs", rule: "lambda-sqs-event-source"})]);
        expect(refined.changeSummary).not.toContain("ListQueues");
    });

    test("with companions off, a follow-up adds only what it names", async () => {
        const session = new ConversationSession();
        await run("Allow writing items to DynamoDB table results", session, {companions: false});
        const refined = await run("also allow the Lambda function to consume from SQS queue jobs", session, {companions: false});
        expect(refined.companions).toBeUndefined();
        expect(decide(refined.policy!, {action: "sqs:DeleteMessage", resource: "arn:aws:sqs:us-east-1:123456789012:jobs"})).not.toBe("allowed");
    });

    test("an action that cannot use the named resource is granted on \"*\" with one line saying why", async () => {
        const result = await run("Allow listing all SQS queues and reading messages from queue orders");
        expect(result.message).toMatch(/Granted on "\*" though the request names resources of their service: sqs:ListQueues \(acts on no resource\)/);
    });

    test.each([
        ["Allow the function to write logs to log group /aws/lambda/resize", "logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/resize:log-stream:abc"],
        ["Read logs from the CloudWatch log group /app/production", "logs:FilterLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:/app/production:*"],
        ["Allow invoking Lambda function resize and its versions and aliases", "lambda:InvokeFunction", "arn:aws:lambda:us-east-1:123456789012:function:resize:prod"],
        ["Query the DynamoDB table orders and its indexes", "dynamodb:Query", "arn:aws:dynamodb:us-east-1:123456789012:table/orders/index/by-customer"],
        ["Read all parameters under the path /service/config/ in Parameter Store", "ssm:GetParametersByPath", "arn:aws:ssm:us-east-1:123456789012:parameter/service/config"]
    ])("%s: %s on %s", async (request, action, resource) => {
        expect(decide((await run(request)).policy!, {action, resource})).toBe("allowed");
    });

    test("a function's qualifiers only when the request asks for them", async () => {
        const policy = (await run("Allow invoking Lambda function thumbnailer")).policy!;
        expect(decide(policy, {action: "lambda:InvokeFunction", resource: "arn:aws:lambda:us-east-1:123456789012:function:thumbnailer:prod"})).not.toBe("allowed");
    });
});
