import {readdirSync, readFileSync} from "node:fs";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {loadManagedPolicies} from "../../source/managed/index.js";
import {checkPolicy, checkPolicyText} from "../../source/policy/index.js";
import {FINDING_RULES, findingRule} from "../../source/policy/findingRules.js";
import {SEVERITIES, type Finding} from "../../source/policy/types.js";
import {loadPolicyFixtures} from "./fixtures.js";

const catalog = loadCatalog();
const policyFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "source", "policy");

/** Each finding's code is a rule of the table, reported no more severely than the rule says. */
function expectRuled(findings: readonly Finding[], where: string) {
    for (const finding of findings) {
        const rule = findingRule(finding.code);
        expect(rule, `${where}: ${finding.code}`).toBeDefined();
        expect(SEVERITIES.indexOf(finding.severity), `${where}: ${finding.code} as ${finding.severity}`).toBeGreaterThanOrEqual(SEVERITIES.indexOf(rule!.severity));
    }
}

describe("the table of finding rules", () => {
    it("rules every finding on the bad-policy fixtures and the AWS managed policies", () => {
        const fixtures = loadPolicyFixtures();
        const seen = new Set<string>();
        for (const fixture of fixtures) {
            const findings = fixture.policyText != null ? checkPolicyText(fixture.policyText, {catalog}).report.findings : checkPolicy(fixture.policy, {catalog, ...(fixture.sizeTarget != null ? {sizeTarget: fixture.sizeTarget} : {})}).findings;
            expectRuled(findings, fixture.name);
            findings.forEach((finding) => seen.add(finding.code));
        }
        for (const policy of loadManagedPolicies().filter((_, index) => index % 8 === 0)) {
            const findings = checkPolicy(policy.document, {catalog}).findings;
            expectRuled(findings, policy.name);
            findings.forEach((finding) => seen.add(finding.code));
        }
        expect(seen.size).toBeGreaterThan(30);
    });

    it("has no rule that no check reports: each checker code is written in a file of source/policy", () => {
        const sources = readdirSync(policyFolder).filter((file) => file.endsWith(".ts") && file !== "findingRules.ts")
            .map((file) => readFileSync(path.join(policyFolder, file), "utf8")).join("\n");
        const verification = readdirSync(path.join(policyFolder, "..", "verification")).map((file) => readFileSync(path.join(policyFolder, "..", "verification", file), "utf8")).join("\n");
        for (const code of Object.keys(FINDING_RULES))
            expect(sources.includes(`"${code}"`) || verification.includes(`"${code}"`), code).toBe(true);
    });

    it("gives every rule a title and an explanation, and knows no other code", () => {
        for (const [code, rule] of Object.entries(FINDING_RULES)) {
            expect(rule.title, code).not.toBe("");
            expect(rule.explanation, code).toMatch(/\.$/);
        }
        expect(findingRule("NO_SUCH_CODE")).toBeUndefined();
        expect(findingRule("toString")).toBeUndefined();
    });
});
