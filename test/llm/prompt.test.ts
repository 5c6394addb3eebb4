import {describe, expect, it} from "vitest";
import {refinementPrompt} from "../../source/llm/prompt.js";
import type {PolicyDocument} from "../../source/policy/types.js";
import {retrieve} from "../../source/retrieval/index.js";

const POLICY: PolicyDocument = {Version: "2012-10-17", Statement: [{Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::reports/*"]}]};

describe("refinementPrompt", () => {
    it("gives a follow-up without actions of its own its conditions, not a guardrail's Deny", () => {
        const followUp = "Also restrict it to us-east-1";
        // "restrict … to a region" is a condition on the Allow, never a guardrail.
        expect(retrieve(followUp).effect).toBe("Allow");
        const prompt = refinementPrompt(followUp, POLICY, retrieve(followUp));
        expect(prompt).toContain("StringEquals aws:RequestedRegion = us-east-1");
        expect(prompt).not.toContain("Effect:");
    });

    it("keeps the effect of actions the follow-up asks for", () => {
        const followUp = "Also deny deleting objects in the S3 bucket reports";
        const prompt = refinementPrompt(followUp, POLICY, retrieve(followUp));
        expect(prompt).toContain("Effect: Deny");
        expect(prompt).toContain("s3:DeleteObject");
    });
});
