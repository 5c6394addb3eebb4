import {describe, expect, test} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {CatalogEngine} from "../../source/engine/catalog/CatalogEngine.js";
import {moveToNamedRegion} from "../../source/engine/catalog/namedRegion.js";
import {ConversationSession} from "../../source/engine/ConversationSession.js";
import type {GenerationResult} from "../../source/engine/types.js";
import type {ConditionHint} from "../../source/retrieval/types.js";
import {statements} from "./policyParts.js";
import {runEngine} from "./runEngine.js";

const catalog = loadCatalog();
/** The engine as the TUI makes it after `/settings region eu-west-1`. */
const engine = new CatalogEngine({catalog, region: "eu-west-1"});

async function conversation(...texts: string[]): Promise<GenerationResult[]> {
    const session = new ConversationSession();
    const results: GenerationResult[] = [];
    for (const text of texts) {
        const result = await runEngine(engine, text, session);
        session.record(result);
        results.push(result);
    }
    return results;
}

const resources = (result: GenerationResult) => statements(result.policy).flatMap((statement) => [statement.Resource ?? []].flat());
const codes = (result: GenerationResult) => result.check?.findings.map((finding) => finding.code);

function regionHint(operator: string, ...values: string[]): ConditionHint {
    return {kind: "region", key: "aws:RequestedRegion", operator, values, matched: values};
}

describe("a region the user names wins over the configured one in ARNs", () => {
    test("in the request", async () => {
        const [result] = await conversation("Allow reading the secret prod/db in us-east-1");
        expect(resources(result!)).toEqual(["arn:aws:secretsmanager:us-east-1:*:secret:prod/db-??????"]);
    });

    test("in a follow-up: the ARNs move to it, with no finding and every probe passing", async () => {
        const [first, second] = await conversation("Allow reading the secret prod/db", "restrict it to us-east-1");
        expect(resources(first!)).toEqual(["arn:aws:secretsmanager:eu-west-1:*:secret:prod/db-??????"]);
        expect(resources(second!)).toEqual(["arn:aws:secretsmanager:us-east-1:*:secret:prod/db-??????"]);
        expect(statements(second!.policy)[0]!.Condition).toEqual({StringEquals: {"aws:RequestedRegion": "us-east-1"}});
        expect(second!.changeSummary).toContain("moved 1 ARN from the configured region eu-west-1 to us-east-1");
        expect(codes(second!)).toEqual([]);
        expect(second!.verification?.failed).toEqual([]);
    });

    test("a follow-up naming several regions leaves the region to the condition; one naming the configured region moves nothing", async () => {
        const [, several] = await conversation("Allow sending messages to SQS queue jobs", "only in us-east-1 and us-west-2");
        expect(resources(several!)).toEqual(["arn:aws:sqs:*:*:jobs"]);
        const [, including] = await conversation("Allow sending messages to SQS queue jobs", "only in us-east-1 and eu-west-1");
        expect(resources(including!)).toEqual(["arn:aws:sqs:eu-west-1:*:jobs"]);
    });

    test("only Allow ARNs in the configured region move: a Deny, another region and a variable stay as written", () => {
        const policy = {Version: "2012-10-17", Statement: [
            {Effect: "Allow" as const, Action: "sqs:SendMessage", Resource: ["arn:aws:sqs:eu-west-1:111122223333:jobs", "arn:aws:sqs:eu-central-1:111122223333:jobs", "arn:aws:sqs:eu-west-1:${aws:PrincipalAccount}:jobs"]},
            {Effect: "Deny" as const, Action: "sqs:DeleteQueue", Resource: "arn:aws:sqs:eu-west-1:111122223333:jobs"}
        ]};
        const move = moveToNamedRegion(policy, [regionHint("StringEquals", "us-east-1")], "eu-west-1");
        expect(move?.moved).toBe(1);
        expect(move?.policy.Statement).toEqual([
            {...policy.Statement[0], Resource: ["arn:aws:sqs:us-east-1:111122223333:jobs", "arn:aws:sqs:eu-central-1:111122223333:jobs", "arn:aws:sqs:eu-west-1:${aws:PrincipalAccount}:jobs"]},
            policy.Statement[1]
        ]);
        expect(moveToNamedRegion(policy, [regionHint("StringNotEquals", "us-east-1")], "eu-west-1")).toBeUndefined();
        expect(moveToNamedRegion(policy, [regionHint("StringEquals", "us-east-1")], undefined)).toBeUndefined();
    });
});
