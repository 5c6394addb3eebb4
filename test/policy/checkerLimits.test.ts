import {describe, expect, it} from "vitest";
import {checkPolicy, checkPolicyText, repairPolicy} from "../../source/policy/index.js";
import {globsIntersect, patternTokens, templateTokens} from "../../source/policy/arn.js";

const policy = (statement: object) => ({Version: "2012-10-17", Statement: [statement]});

/** Runs `work` and returns how long it took, in milliseconds. */
function timed(work: () => void): number {
    const started = performance.now();
    work();
    return performance.now() - started;
}

describe("the checker on hostile policies", () => {
    it("matches a wildcard run such as s3:*?*?*?…! at once (no regular-expression backtracking)", () => {
        // Backtracking took minutes; the bound is the suite's hang limit, not a speed target (the first check also loads the catalog).
        const wildcards = policy({Effect: "Allow", Action: ["s3:*?*?*?*?*?*?*?*?*?*?!", "s3:*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?"], Resource: "*"});
        expect(timed(() => expect(checkPolicy(wildcards).findings.map((finding) => finding.code)).toContain("UNMATCHED_WILDCARD"))).toBeLessThan(5000);
        expect(timed(() => repairPolicy(wildcards))).toBeLessThan(5000);
    });

    it("checks 20,000 ARNs in linear time", () => {
        const arns = Array.from({length: 20_000}, (_, index) => `arn:aws:s3:::bucket-${index}/*`);
        expect(timed(() => checkPolicy(policy({Effect: "Allow", Action: "s3:GetObject", Resource: arns})))).toBeLessThan(5000);
        expect(timed(() => checkPolicy(policy({Effect: "Allow", Action: "s3:GetObject", Resource: arns.map((arn) => `arn:aws:s3:::*${arn.slice(13)}`)})))).toBeLessThan(5000);
    });

    it("takes a 10,000-character ARN without overflowing the stack", () => {
        const long = policy({Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${"a*".repeat(5000)}`});
        expect(checkPolicy(long).findings.map((finding) => finding.code)).toContain("POLICY_SIZE_EXCEEDED");
        expect("policy" in repairPolicy(long)).toBe(true);
        expect(globsIntersect(patternTokens("a".repeat(10_000)), templateTokens("${BucketName}"))).toBe(true);
    });

    it("reports a 10,000-deep Condition as unreadable, not a stack overflow", () => {
        let deep = "\"x\"";
        for (let level = 0; level < 10_000; level++)
            deep = `{"a":${deep}}`;
        expect(() => checkPolicyText(`{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":${deep}}]}`)).toThrow(/nested deeper/);
    });

    it.each<unknown>([5, {}, false, null, [1, {}], {toString: 1}])("gives findings, never a TypeError, for Resource %j", (resource) => {
        const value = policy({Effect: "Allow", Action: "s3:GetObject", Resource: resource});
        expect(checkPolicy(value).valid).toBe(false);
        expect(() => repairPolicy(value)).not.toThrow();
    });

    it("gives findings, never a TypeError, for \"IpAddress\": null", () => {
        const value = policy({Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "arn:aws:s3:::b", Condition: {IpAddress: null}});
        expect(checkPolicy(value).findings.map((finding) => finding.code)).toContain("INVALID_TYPE");
        expect(() => repairPolicy(value)).not.toThrow();
    });
});
