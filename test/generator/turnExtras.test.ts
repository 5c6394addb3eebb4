import {afterAll, describe, expect, it} from "vitest";
import {PolicyGenerator} from "../../source/generator/PolicyGenerator.js";
import {policySize, policyStatements} from "../../source/policy/index.js";
import {archiveRolePolicy} from "../packing/policies.js";

const archive = archiveRolePolicy(true);

describe("PolicyGenerator: what every turn gets", () => {
    const generator = PolicyGenerator.create({engine: "catalog"});
    afterAll(async () => (await generator).dispose());

    it("packs a result over 6,144 characters into managed policies that fit", async () => {
        const session = await generator;
        session.startFrom(archive, "archive.json");
        const result = await session.refine("require MFA");
        expect(result.unchanged).not.toBe(true);
        expect(policySize(result.policy).withinLimit).toBe(false);
        expect(result.packed!.parts.length).toBeGreaterThan(1);
        expect(result.packed!.parts.every((part) => part.characters <= 6144)).toBe(true);
        expect(result.packed!.notes[0]).toMatch(/^split into \d managed policies/);
    });

    it("answers an AccessDenied follow-up with the grant, not the engine's reading of it", async () => {
        const session = await generator;
        session.startFrom({Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*"}]}, "reports.json");
        const result = await session.refine("User: arn:aws:iam::210987654321:user/dana is not authorized to perform: s3:ListBucket on resource: arn:aws:s3:::reports because no identity-based policy allows the s3:ListBucket action");
        expect(result.changeSummary).toBe("added s3:ListBucket on arn:aws:s3:::reports");
        expect(policyStatements(result.policy!)).toHaveLength(2);
        expect(session.conversation.current).toBe(result);
    });
});
