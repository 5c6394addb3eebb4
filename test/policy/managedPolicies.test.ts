import {describe, expect, it} from "vitest";
import {loadManagedPolicies} from "../../source/managed/index.js";
import {checkPolicy} from "../../source/policy/index.js";

/** ERRORs that only say the catalog no longer lists what an old policy names (retired services and actions). */
const CATALOG_LAG = new Set(["UNKNOWN_ACTION", "UNKNOWN_SERVICE", "UNMATCHED_WILDCARD"]);

describe("AWS managed policies", () => {
    const policies = loadManagedPolicies();

    it("are all loaded, latest version, with name, ARN and path", () => {
        expect(policies).toHaveLength(1594);
        const readOnly = policies.find((policy) => policy.name === "AmazonS3ReadOnlyAccess");
        expect(readOnly?.arn).toBe("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
        expect(readOnly?.document.Version).toBe("2012-10-17");
        expect(policies.find((policy) => policy.name === "AWSLambdaBasicExecutionRole")?.path).toBe("/service-role/");
    });

    it("validate with no ERROR except for actions the catalog no longer lists", {timeout: 120_000}, () => {
        const lagging: string[] = [];
        const oversized: string[] = [];
        const otherErrors: string[] = [];
        const codes = new Map<string, number>();
        for (const policy of policies) {
            const report = checkPolicy(policy.document);
            for (const finding of report.findings)
                codes.set(`${finding.severity} ${finding.code}`, (codes.get(`${finding.severity} ${finding.code}`) ?? 0) + 1);
            const errors = report.findings.filter((finding) => finding.severity === "ERROR");
            if (errors.some((finding) => CATALOG_LAG.has(finding.code)))
                lagging.push(policy.name);
            // AWS's own policies are exempt from the 6,144-character quota that binds customer managed ones.
            if (errors.some((finding) => finding.code === "POLICY_SIZE_EXCEEDED"))
                oversized.push(policy.name);
            otherErrors.push(...errors.filter((finding) => !CATALOG_LAG.has(finding.code) && finding.code !== "POLICY_SIZE_EXCEEDED")
                .map((finding) => `${policy.name} ${finding.path} ${finding.code}: ${finding.message}`));
        }
        console.log([
            `managed policies: ${policies.length}`,
            `with ERROR findings for actions or services the catalog no longer lists: ${lagging.length} (${lagging.join(", ")})`,
            `over the 6,144-character customer quota (AWS's own are exempt): ${oversized.length}`,
            `with any other ERROR: ${otherErrors.length}`,
            "finding codes:",
            ...[...codes].sort().map(([code, count]) => `  ${code}: ${count}`)
        ].join("\n"));
        expect(otherErrors).toEqual([]);
        expect(lagging.length).toBeLessThanOrEqual(40);
    });
});
