import {readFileSync} from "node:fs";
import {describe, expect, test} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {companionRulesPath, loadCompanionRules} from "../../source/catalog/companionRules.js";
import {wildcardMatch} from "../../source/catalog/wildcardMatch.js";
import {buildCompanionRules, formatRulesFile} from "../../source/companions/build/buildCompanionRules.js";
import {curatedCompanionsPath} from "../../source/companions/paths.js";
import type {CuratedFile} from "../../source/companions/types.js";
import {loadManagedPolicies, managedPoliciesVersion, managedPolicy} from "../../source/managed/index.js";
import {policyStatements} from "../../source/policy/statements.js";

const catalog = loadCatalog();
const rules = loadCompanionRules();

/** Writes a documentation page may add: the calls those pages are about (data keys, passing a role, change sets, a mount target's network interface, a query's Lambda connector). */
const DOCUMENTED_WRITES = /^(kms:(Decrypt|GenerateDataKey)|iam:PassRole|cloudformation:(CreateChangeSet|ExecuteChangeSet)|ec2:(Create|Delete)NetworkInterface|lambda:InvokeFunction)$/;

function allows(policyName: string, action: string): boolean {
    const policy = managedPolicy(policyName)!;
    return policyStatements(policy.document).some((statement) => statement.Effect === "Allow"
        && [statement.Action ?? []].flat().some((pattern) => wildcardMatch(pattern, action, true)));
}

describe("catalog/companions.json", () => {
    test("is what npm run companions builds from the curated rules and the managed policies", () => {
        const curated = JSON.parse(readFileSync(curatedCompanionsPath(), "utf8")) as CuratedFile;
        const built = buildCompanionRules(curated, loadManagedPolicies(), catalog, managedPoliciesVersion());
        expect(readFileSync(companionRulesPath(), "utf8")).toBe(formatRulesFile(built));
    });

    test("every rule has a reason and names its source", () => {
        for (const rule of rules) {
            expect(rule.reason.length, rule.id).toBeGreaterThan(20);
            expect(rule.source.title, rule.id).not.toBe("");
            expect(rule.source.reference, rule.id).toMatch(rule.source.kind === "managed policy" ? /^arn:aws:iam::aws:policy\// : /^https:\/\/docs\.aws\.amazon\.com\//);
        }
    });

    test("no companion is Permissions management or Tagging access", () => {
        for (const rule of rules)
            for (const {action} of rule.actions)
                expect(catalog.action(action)!.accessLevels, `${rule.id}: ${action}`).not.toContainEqual(expect.stringMatching(/^(Permissions management|Tagging)$/));
    });

    test("a rule from a managed policy adds only what that policy grants", () => {
        for (const rule of rules.filter((candidate) => candidate.source.kind === "managed policy"))
            for (const {action} of rule.actions)
                expect(allows(rule.source.title, action), `${rule.id}: ${rule.source.title} grants ${action}`).toBe(true);
    });

    test("a rule from a documentation page adds writes only of the kinds those pages document", () => {
        for (const rule of rules.filter((candidate) => candidate.source.kind === "documentation"))
            for (const {action} of rule.actions.filter((entry) => entry.accessLevel.includes("Write")))
                expect(action, rule.id).toMatch(DOCUMENTED_WRITES);
    });

    test("passing a role is always limited to one service", () => {
        for (const rule of rules.filter((candidate) => candidate.actions.some(({action}) => action === "iam:PassRole")))
            expect(rule.passedToService, rule.id).toMatch(/\.amazonaws\.com$/);
    });
});
