import type {PolicyDocument} from "../../../source/policy/types.js";
import type {RoundTripCase, RoundTripFailure} from "./cases.js";

/**
 * A policy in the form in which two renderings that AWS reads alike are equal: every list a sorted
 * list without repeats (CDK drops them), every condition value a string (`true` and "true" are one value to IAM), a lone statement a
 * list of one, keys sorted. Statement order and everything else stay as written.
 */
export function canonicalPolicy(policy: PolicyDocument): unknown {
    const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
    return {
        Version: policy.Version,
        Statement: statements.map((statement) => {
            const canonical: Record<string, unknown> = {};
            // Keys in one order: CDK writes them sorted.
            for (const [key, value] of Object.entries(statement).sort(([left], [right]) => left.localeCompare(right))) {
                if (key === "Condition")
                    canonical[key] = Object.fromEntries(Object.entries(value as Record<string, Record<string, unknown>>).map(([operator, keys]) =>
                        [operator, Object.fromEntries(Object.entries(keys).map(([conditionKey, values]) => [conditionKey, sortedStrings(values)]))]));
                else
                    canonical[key] = key === "Sid" || key === "Effect" ? value : sortedStrings(value);
            }
            return canonical;
        })
    };
}

function sortedStrings(value: unknown): string[] {
    return [...new Set((Array.isArray(value) ? value : [value]).map(String))].sort();
}

/** How one case's round trip went: nothing when `rebuilt` gives the policy back, else why not. */
export function roundTripFailures(testCase: RoundTripCase, format: string, rebuilt: () => PolicyDocument): RoundTripFailure[] {
    try {
        const problem = difference(canonicalPolicy(testCase.policy), canonicalPolicy(rebuilt()));
        return problem == null ? [] : [{name: testCase.name, format, problem}];
    } catch (error) {
        return [{name: testCase.name, format, problem: (error as Error).message}];
    }
}

/** The first difference between two canonical policies, or undefined when they are equal. */
export function difference(expected: unknown, actual: unknown): string | undefined {
    const want = JSON.stringify(expected);
    const got = JSON.stringify(actual);
    return want === got ? undefined : `expected ${want}\n     got ${got}`;
}
