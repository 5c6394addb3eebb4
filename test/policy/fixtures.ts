import {readdirSync, readFileSync} from "node:fs";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {parseJsonStrict} from "../../source/policy/strictJson.js";
import {type Severity, type SizeTarget} from "../../source/policy/types.js";

/** A bad policy and the findings it must produce (test/fixtures/policies/*.json). */
export interface PolicyFixture {
    name: string;
    description: string;
    policy: unknown;
    /** The policy as text, for what only the text shows (duplicate keys); checked with checkPolicyText instead of `policy`. */
    policyText?: string;
    expect: Array<{code: string; severity: Severity; path?: string}>;
    /** Text the first expected finding's fix must contain. */
    fix?: string;
    sizeTarget?: SizeTarget;
    /** Why @cloud-copilot/iam-policy's validatePolicySyntax judges this grammar differently, when it does. */
    syntaxDiffers?: string;
}

const directory = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "policies");

export function loadPolicyFixtures(): PolicyFixture[] {
    return readdirSync(directory)
        .filter((file) => file.endsWith(".json"))
        .sort()
        .map((file) => {
            const fixture = JSON.parse(readFileSync(path.join(directory, file), "utf8")) as Omit<PolicyFixture, "name">;
            return {name: file.slice(0, -".json".length), ...fixture, ...(fixture.policyText != null ? {policy: parseJsonStrict(fixture.policyText).value} : {})};
        });
}
