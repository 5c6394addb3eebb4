import {describe, expect, test} from "vitest";
import {createEngine} from "../../source/generator/createEngine.js";
import {PolicyGenerator} from "../../source/generator/PolicyGenerator.js";
import type {EngineEvent} from "../../source/engine/types.js";

describe("PolicyGenerator", () => {
    test("generate starts a conversation, refine continues it, and events stream to the caller", async () => {
        const generator = await PolicyGenerator.create({engine: "catalog"});
        expect(generator.engine.name).toBe("catalog");
        const events: EngineEvent["type"][] = [];
        const first = await generator.generate("Allow sending messages to SQS queue orders", {onEvent: (event) => events.push(event.type)});
        expect(events[0]).toBe("context");
        expect(events.at(-1)).toBe("done");
        expect(events).toContain("token");
        expect(first.policy).not.toBeNull();

        const refined = await generator.refine("require MFA");
        expect(refined.changeSummary).toMatch(/MultiFactorAuthPresent/);
        expect(generator.conversation.turns).toHaveLength(2);
        expect(generator.conversation.current).toBe(refined);

        await generator.generate("Allow reading objects in S3 bucket reports");
        expect(generator.conversation.turns).toHaveLength(1);
        await generator.dispose();
    });

    test("compareRagVsNoRag runs the request both ways in fresh conversations", async () => {
        const generator = await PolicyGenerator.create({engine: "catalog"});
        const {rag, noRag} = await generator.compareRagVsNoRag("Allow invoking the Lambda function process-orders");
        expect(rag.rag).toBe(true);
        expect(noRag.rag).toBe(false);
        expect(noRag.policy).toEqual(rag.policy);
        expect(generator.conversation.turns).toHaveLength(0);
    });

    test("region and account go into the ARNs the request leaves open", async () => {
        const generator = await PolicyGenerator.create({engine: "catalog", region: "eu-west-1", account: "123456789012"});
        const result = await generator.generate("Allow sending messages to SQS queue orders");
        expect(result.text).toContain("arn:aws:sqs:eu-west-1:123456789012:orders");
    });

    test("createEngine gives the catalog engine when asked for it", async () => {
        expect((await createEngine({engine: "catalog"})).engine.name).toBe("catalog");
    });
});
