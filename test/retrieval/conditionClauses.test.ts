import {describe, expect, it} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {CatalogEngine} from "../../source/engine/catalog/CatalogEngine.js";
import type {PolicyDocument} from "../../source/policy/types.js";
import {retrieve} from "../../source/retrieval/index.js";
import {runEngine} from "../engine/runEngine.js";

const catalog = loadCatalog();
const engine = new CatalogEngine({catalog});

/** Each statement's resources and whether it carries the condition key. */
function conditioned(policy: PolicyDocument | null, key: string): Array<{resources: string[]; service: string; has: boolean}> {
    return [policy?.Statement ?? []].flat().map((statement) => ({
        resources: [statement.Resource ?? []].flat() as string[],
        service: String([statement.Action ?? []].flat()[0]).split(":")[0]!,
        has: JSON.stringify(statement.Condition ?? {}).includes(key)
    }));
}

describe("a condition belongs to its clause (issue 12, item 6)", () => {
    it("puts MFA on the statements of the clause that asks for it only", async () => {
        const request = "Allow reading objects in bucket public-assets from anywhere, and writing objects to bucket finance-reports only with MFA";
        const hint = retrieve(request, {catalog}).conditions.find((entry) => entry.kind === "mfa");
        expect(hint?.appliesTo).toEqual({resources: ["arn:aws:s3:::finance-reports", "arn:aws:s3:::finance-reports/*"]});
        const result = await runEngine(engine, request);
        const statements = conditioned(result.policy, "aws:MultiFactorAuthPresent");
        expect(statements.filter((entry) => entry.resources.some((arn) => arn.includes("finance-reports"))).every((entry) => entry.has)).toBe(true);
        expect(statements.filter((entry) => entry.resources.some((arn) => arn.includes("public-assets"))).every((entry) => !entry.has)).toBe(true);
        expect(result.verification?.failed ?? []).toEqual([]);
    });

    it("scopes by service where the clause names no resource", async () => {
        const request = "Allow reading DynamoDB tables, and sending messages to SQS queues only from 10.0.0.0/8";
        const statements = conditioned((await runEngine(engine, request)).policy, "aws:SourceIp");
        expect(statements.filter((entry) => entry.service === "sqs").every((entry) => entry.has)).toBe(true);
        expect(statements.filter((entry) => entry.service === "dynamodb").every((entry) => !entry.has)).toBe(true);
    });

    it.each([
        ["one clause of verbs in a series", "Allow reading and writing objects in bucket docs only with MFA"],
        ["a sentence of its own", "Allow starting EC2 instances. Require MFA."],
        ["a condition before any verb", "Only with MFA, allow deleting objects in bucket scratch and reading the queue jobs in SQS"]
    ])("keeps the condition on every statement for %s", async (_why, request) => {
        expect(retrieve(request, {catalog}).conditions.every((hint) => hint.appliesTo == null)).toBe(true);
        const statements = conditioned((await runEngine(engine, request)).policy, "aws:MultiFactorAuthPresent");
        expect(statements.length).toBeGreaterThan(0);
        expect(statements.every((entry) => entry.has)).toBe(true);
    });
});
