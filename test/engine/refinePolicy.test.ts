import {describe, expect, test} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {CatalogEngine} from "../../source/engine/catalog/CatalogEngine.js";
import {ConversationSession} from "../../source/engine/ConversationSession.js";
import type {GenerationResult} from "../../source/engine/types.js";
import {actions, statements} from "./policyParts.js";
import {isBroader} from "../../source/simulation/index.js";

const catalog = loadCatalog();
const engine = new CatalogEngine({catalog});

/** Runs a request, then each follow-up in the same session, as the TUI and the library do. */
async function conversation(request: string, ...followUps: string[]): Promise<GenerationResult[]> {
    const session = new ConversationSession();
    const results: GenerationResult[] = [];
    for (const text of [request, ...followUps]) {
        const generator = engine.generate(text, session);
        let next = await generator.next();
        while (!next.done)
            next = await generator.next();
        session.record(next.value);
        results.push(next.value);
    }
    return results;
}



function expectValid(result: GenerationResult) {
    expect(result.policy).not.toBeNull();
    expect(result.check?.findings.filter((finding) => finding.severity === "ERROR")).toEqual([]);
}

const START = "Allow reading objects in S3 bucket reports and writing logs to CloudWatch Logs";

describe("refinement by follow-up", () => {
    test("the first request composes; a follow-up changes the current policy and says what changed", async () => {
        const [first, second] = await conversation(START, "also allow deleting objects");
        expect(first!.changeSummary).toBeUndefined();
        expectValid(second!);
        expect(actions(second!.policy)).toEqual(expect.arrayContaining([...actions(first!.policy), "s3:DeleteObject"]));
        expect(second!.changeSummary).toMatch(/Added s3:DeleteObject/);
        // The addition lands on the bucket the policy already names.
        const deletion = statements(second!.policy).find((statement) => [statement.Action].flat().includes("s3:DeleteObject"));
        expect(deletion?.Resource).toBe("arn:aws:s3:::reports/*");
    });

    test("\"remove the logs part\" drops that service", async () => {
        const [first, second] = await conversation(START, "remove the logs part");
        expect(actions(first!.policy).some((action) => action.startsWith("logs:"))).toBe(true);
        expectValid(second!);
        expect(actions(second!.policy).some((action) => action.startsWith("logs:"))).toBe(false);
        expect(actions(second!.policy).some((action) => action.startsWith("s3:"))).toBe(true);
        expect(second!.changeSummary).toMatch(/^Removed logs:/);
    });

    test("\"also restrict it to us-east-1\" narrows the grants: no Deny that would block the region itself", async () => {
        const [first, regional] = await conversation(START, "Also restrict it to us-east-1");
        expectValid(regional!);
        expect(statements(regional!.policy)).toHaveLength(statements(first!.policy).length);
        for (const statement of statements(regional!.policy)) {
            expect(statement.Effect).toBe("Allow");
            expect(statement.Condition).toEqual({StringEquals: {"aws:RequestedRegion": "us-east-1"}});
        }
    });

    test("\"restrict it to us-east-1\" and \"require MFA\" add conditions to every statement", async () => {
        const [, regional, mfa] = await conversation(START, "restrict it to us-east-1", "require MFA");
        expectValid(regional!);
        for (const statement of statements(regional!.policy))
            expect(statement.Condition).toEqual({StringEquals: {"aws:RequestedRegion": "us-east-1"}});
        expect(regional!.changeSummary).toMatch(/aws:RequestedRegion/);
        expectValid(mfa!);
        for (const statement of statements(mfa!.policy))
            expect(statement.Condition).toEqual({Bool: {"aws:MultiFactorAuthPresent": "true"}, StringEquals: {"aws:RequestedRegion": "us-east-1"}});
    });

    test("\"make it read-only\" keeps only Read and List actions", async () => {
        const [first, second] = await conversation("Allow reading and writing items in DynamoDB table orders", "make it read-only");
        expect(actions(first!.policy)).toContain("dynamodb:PutItem");
        expectValid(second!);
        for (const action of actions(second!.policy))
            expect(catalog.action(action)!.accessLevels.every((level) => level === "Read" || level === "List")).toBe(true);
        expect(actions(second!.policy)).toContain("dynamodb:GetItem");
        expect(second!.changeSummary).toMatch(/read-only/);
    });

    test("\"make it read-only\" narrows a service wildcard to its read patterns", async () => {
        const [first, second] = await conversation("Give full access to Amazon SQS", "make it read-only");
        expect(actions(first!.policy)).toEqual(["sqs:*"]);
        expectValid(second!);
        expect(actions(second!.policy)).toEqual(expect.arrayContaining(["sqs:Get*", "sqs:List*"]));
        expect(actions(second!.policy)).not.toContain("sqs:*");
    });

    test("\"only the bucket archive\" narrows the resources of the actions that support buckets", async () => {
        const [, second] = await conversation("Allow reading objects in S3", "only the bucket archive");
        expectValid(second!);
        const resources = statements(second!.policy).filter((statement) => actions({Statement: [statement]}).some((action) => action.startsWith("s3:")))
            .flatMap((statement) => [statement.Resource ?? []].flat());
        expect(resources.length).toBeGreaterThan(0);
        for (const resource of resources)
            expect(resource).toMatch(/^arn:aws:s3:::archive(\/\*)?$/);
    });

    test("a narrowing that would move the policy to other resources is refused: it would allow more", async () => {
        const [first, second] = await conversation(START, "only the bucket archive");
        expect(second!.policy).toEqual(first!.policy);
        expect(second!.unchanged).toBe(true);
        expect(second!.change).toEqual({kind: "narrow", cue: "only"});
        expect(second!.message).toMatch(/would allow more; the policy is unchanged/);
    });

    test("\"turn this into a deny\" flips the effect and inverts the conditions", async () => {
        const [, , denied] = await conversation(START, "require MFA", "turn this into a deny");
        expectValid(denied!);
        expect(actions(denied!.policy, "Allow")).toEqual([]);
        expect(actions(denied!.policy, "Deny").length).toBeGreaterThan(0);
        for (const statement of statements(denied!.policy))
            expect(statement.Condition).toEqual({BoolIfExists: {"aws:MultiFactorAuthPresent": "false"}});
        expect(denied!.changeSummary).toMatch(/Deny/);
    });

    test("\"don't allow deleting objects\" removes the deletion of objects, not of buckets", async () => {
        const [, second] = await conversation("Allow reading and deleting objects in S3 bucket reports", "don't allow deleting objects");
        expectValid(second!);
        expect(actions(second!.policy)).not.toContain("s3:DeleteObject");
        expect(actions(second!.policy)).toContain("s3:GetObject");
        expect(second!.changeSummary).toBe("Removed s3:DeleteObject");
    });

    test("narrowing to a resource no action works on leaves the policy unchanged and says why", async () => {
        const [first, second] = await conversation(START, "only the DynamoDB table orders");
        expect(second!.policy).toEqual(first!.policy);
        expect(second!.message).toMatch(/No action of the policy works on arn:aws:dynamodb:\*:\*:table\/orders/);
    });

    test("\"also for the bucket archive\" extends the actions to another resource; a condition can be removed again", async () => {
        const [, , extended, plain] = await conversation("Allow reading objects in S3 bucket reports", "require MFA", "also for the bucket archive", "remove the MFA requirement");
        expectValid(extended!);
        const resources = statements(extended!.policy).flatMap((statement) => [statement.Resource ?? []].flat());
        expect(resources).toEqual(expect.arrayContaining(["arn:aws:s3:::reports/*", "arn:aws:s3:::archive/*", "arn:aws:s3:::archive"]));
        expect(extended!.changeSummary).toMatch(/^Extended/);
        expectValid(plain!);
        expect(statements(plain!.policy).every((statement) => statement.Condition == null)).toBe(true);
        expect(plain!.changeSummary).toBe("Removed the aws:MultiFactorAuthPresent condition");
    });

    test("an unclear follow-up returns the policy unchanged with a clear message", async () => {
        const [first, second] = await conversation(START, "hmm, what do you think about the weather?");
        expect(second!.policy).toEqual(first!.policy);
        expect(second!.changeSummary).toBe("No change.");
        expect(second!.message).toMatch(/could not tell what to change/);
    });

    test("a Deny request of its own typed as a follow-up adds its statements, ruled-out resources kept out, and allows nothing more", async () => {
        const [first, second] = await conversation(START, "Deny all S3 actions on every bucket except bucket archive");
        expectValid(second!);
        expect(second!.change?.kind).toBe("add");
        expect(second!.unchanged).toBeUndefined();
        expect(statements(second!.policy).slice(0, statements(first!.policy).length)).toEqual(statements(first!.policy));
        expect(statements(second!.policy).at(-1)).toEqual({Sid: "DenyS3FullAccessExceptArchive", Effect: "Deny", Action: "s3:*", NotResource: ["arn:aws:s3:::archive", "arn:aws:s3:::archive/*"]});
        expect(isBroader(first!.policy!, second!.policy!, {catalog})).toBe(false);
        // One with a verb and a named resource is a Deny on it, not a narrowing to it.
        const [, denied] = await conversation(START, "Deny deleting objects in the S3 bucket reports");
        expect(denied!.change?.kind).toBe("add");
        expect(statements(denied!.policy).some((statement) => statement.Effect === "Deny" && [statement.Action].flat().includes("s3:DeleteObject"))).toBe(true);
        expect(isBroader(first!.policy!, denied!.policy!, {catalog})).toBe(false);
    });

    test("an addition on another resource keeps the one the policy names; asking again for what it has changes nothing", async () => {
        const [, both] = await conversation("Allow reading objects in the S3 bucket exports", "also allow reading objects in the S3 bucket uploads");
        const resources = statements(both!.policy).flatMap((statement) => [statement.Resource ?? []].flat());
        expect(resources).toEqual(expect.arrayContaining(["arn:aws:s3:::exports/*", "arn:aws:s3:::uploads/*", "arn:aws:s3:::exports", "arn:aws:s3:::uploads"]));
        const [first, again] = await conversation("Allow reading objects in the S3 bucket exports", "Allow reading objects in the S3 bucket exports");
        expect(again!.policy).toEqual(first!.policy);
        expect(again!.message).toMatch(/already has what/);
        // A condition asked with what the policy has narrows what is there, with no second, unconditioned grant.
        const [, mfa] = await conversation("Allow reading objects in the S3 bucket exports", "also require MFA for reading objects");
        expect(statements(mfa!.policy).every((statement) => statement.Condition != null)).toBe(true);
    });

    test("three follow-ups in a row build on each other", async () => {
        const results = await conversation(START, "also allow deleting objects", "remove the logs part", "restrict it to us-east-1");
        const last = results.at(-1)!;
        expectValid(last);
        expect(actions(last.policy)).toContain("s3:DeleteObject");
        expect(actions(last.policy).some((action) => action.startsWith("logs:"))).toBe(false);
        for (const statement of statements(last.policy))
            expect(statement.Condition).toEqual({StringEquals: {"aws:RequestedRegion": "us-east-1"}});
    });
});
