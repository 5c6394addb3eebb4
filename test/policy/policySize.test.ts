import {describe, expect, it} from "vitest";
import {policySize, SIZE_LIMITS} from "../../source/policy/index.js";

describe("policySize", () => {
    it("counts characters without whitespace, as AWS does", () => {
        const policy = {Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::my bucket/*"}]};
        expect(policySize(policy, "managed").characters).toBe(JSON.stringify(policy).length - 1);
    });

    it("has AWS's quotas", () => {
        expect(SIZE_LIMITS).toEqual({managed: 6144, user: 2048, group: 5120, role: 10240});
        const big = {Statement: "x".repeat(3000)};
        expect(policySize(big, "user").withinLimit).toBe(false);
        expect(policySize(big, "group")).toMatchObject({target: "group", limit: 5120, withinLimit: true});
    });
});
