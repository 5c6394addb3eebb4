// @cloud-copilot/iam-policy is AGPL: a devDependency, imported only here, to cross-check our grammar.
import {validateIdentityPolicy} from "@cloud-copilot/iam-policy";
import {describe, expect, it} from "vitest";
import {loadManagedPolicies} from "../../source/managed/index.js";
import {validateSchema} from "../../source/policy/schema.js";
import {loadPolicyFixtures} from "./fixtures.js";

/**
 * Their verdict: validateIdentityPolicy is validatePolicySyntax with the identity-policy rules
 * (no Principal; Action/NotAction and Resource/NotResource required), the same scope as our schema.
 */
function theirVerdict(policy: unknown): boolean {
    try {
        return validateIdentityPolicy(policy as never).length === 0;
    } catch {
        return false; // it throws on some malformed shapes (a null statement); that is a rejection too
    }
}

const ourVerdict = (policy: unknown) => validateSchema(policy).length === 0;

describe("our schema against @cloud-copilot/iam-policy's validatePolicySyntax", () => {
    it.each(loadPolicyFixtures().map((fixture) => [fixture.name, fixture] as const))("%s", (_, fixture) => {
        if (fixture.syntaxDiffers != null) {
            // A documented, deliberate difference: we follow what IAM accepts.
            expect(ourVerdict(fixture.policy)).toBe(false);
            expect(theirVerdict(fixture.policy)).toBe(true);
        } else {
            expect(ourVerdict(fixture.policy)).toBe(theirVerdict(fixture.policy));
        }
    });

    it("agrees on every AWS managed policy", {timeout: 60_000}, () => {
        const disagreements = loadManagedPolicies()
            .filter((policy) => ourVerdict(policy.document) !== theirVerdict(policy.document))
            .map((policy) => policy.name);
        expect(disagreements).toEqual([]);
    });
});
