import {describe, expect, it} from "vitest";
import {checkPolicy, checkPolicyText} from "../../source/policy/index.js";
import {loadPolicyFixtures} from "./fixtures.js";

const fixtures = loadPolicyFixtures();

describe("bad policy fixtures", () => {
    it("has at least 30 fixtures", () => {
        expect(fixtures.length).toBeGreaterThanOrEqual(30);
    });

    it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))("%s produces its findings", (_, fixture) => {
        const options = fixture.sizeTarget != null ? {sizeTarget: fixture.sizeTarget} : {};
        const report = fixture.policyText != null ? checkPolicyText(fixture.policyText, options).report : checkPolicy(fixture.policy, options);
        for (const expected of fixture.expect) {
            const found = report.findings.filter((finding) => finding.code === expected.code && finding.severity === expected.severity
                && (expected.path == null || finding.path === expected.path));
            expect(found, `${expected.code} ${expected.severity} ${expected.path ?? ""} in ${JSON.stringify(report.findings, null, 1)}`).not.toHaveLength(0);
        }
        if (fixture.fix != null) {
            const first = report.findings.find((finding) => finding.code === fixture.expect[0]!.code);
            expect(first?.fix).toContain(fixture.fix);
        }
        // No ERROR beyond the expected ones: a fixture about a warning must stay a valid policy.
        expect(report.valid).toBe(!fixture.expect.some((expected) => expected.severity === "ERROR"));
    });
});
