import {policyStatements} from "../../source/policy/statements.js";
import type {PolicyStatement} from "../../source/policy/types.js";
import {compileResourceEntry, matchResourceEntry} from "../../source/simulation/resources.js";
import {contextMap, variablesIn} from "../../source/simulation/variables.js";
import type {CrossCheckCase} from "./crossCheckCases.js";

/**
 * Why the two evaluators may differ on a case: each known class of disagreement, with the reason
 * and, where we follow AWS's documentation rather than iam-simulate, the rule we follow.
 */
export const DISAGREEMENT_CLASSES = {
    resourceTypeWildcard: "A wildcard inside the resource-type part of a resource ARN (arn:*:ds:*:*:*/*, AWSMarketplace*/*): iam-simulate compares the text "
        + "before the first / or : literally (citing the ARN reference's 'incorrect wildcard usage' example u*). We match it as a wildcard, "
        + "as the IAM Resource element documents ('You can use wildcard characters (* and ?) within any ARN segment') and as AWS's own "
        + "managed policies (AWSIdentitySyncFullAccess, AmazonRDSPerformanceInsightsFullAccess) rely on.",
    notIpAddressIpv6: "NotIpAddress with a bare IPv4 address among its values and an IPv6 aws:SourceIp: iam-simulate's single-address comparison "
        + "requires an IPv4 request, so an IPv6 address counts as matching 192.0.2.7. We follow the operator's documented meaning: "
        + "NotIpAddress holds for 'all IP addresses except the specified IP address or range', and an IPv6 address is not 192.0.2.7.",
    forAnyValueIfExists: "ForAnyValue:…IfExists with the key missing: iam-simulate applies ForAnyValue's 'false without a value' first. We follow the "
        + "condition operator reference for …IfExists: 'If the key is not present, evaluate the condition element as true.'",
    variableAfterLiteralType: "NotResource with a variable that has no value, where the resource-type text before it already differs "
        + "(sagemaker-${aws:username}/* against a pipeline named reports): iam-simulate compares that literal text first and lets the "
        + "statement apply. We follow the policy-variables page: 'If AWS cannot resolve a variable, this might cause the entire "
        + "statement to be invalid', so the statement does not apply, whatever else the entry holds."
} as const;
export type DisagreementClass = keyof typeof DISAGREEMENT_CLASSES;

function list(value: unknown): string[] {
    return (Array.isArray(value) ? value : value == null ? [] : [value]).map(String);
}

function statementsOf(testCase: CrossCheckCase): PolicyStatement[] {
    const {identity, boundary, scps = []} = testCase.policies;
    return [identity, ...(boundary != null ? [boundary] : []), ...scps].flatMap((document) => policyStatements(document));
}

/** The text of an ARN pattern's resource part before its first `/` or `:` (its resource type), when the ARN has one. */
function resourceTypePrefix(entry: string): string | undefined {
    const resource = entry.split(":").slice(5).join(":");
    const end = resource.search(/[/:]/);
    return end < 0 ? undefined : resource.slice(0, end);
}

function matches(entry: string, testCase: CrossCheckCase): boolean {
    const result = matchResourceEntry(compileResourceEntry(entry), testCase.resource, contextMap(testCase.context));
    return "matched" in result && result.matched;
}

function contextValue(testCase: CrossCheckCase, key: string) {
    const found = Object.entries(testCase.context).find(([name]) => name.toLowerCase() === key.toLowerCase());
    return found?.[1];
}

const CLASSIFIERS: Record<DisagreementClass, (testCase: CrossCheckCase, statements: PolicyStatement[]) => boolean> = {
    // Only where such an entry is the one that matches the request's resource.
    resourceTypeWildcard: (testCase, statements) => statements.some((statement) =>
        list(statement.Resource ?? statement.NotResource).some((entry) => /[*?]/.test(resourceTypePrefix(entry) ?? "") && matches(entry, testCase))),
    notIpAddressIpv6: (testCase, statements) => {
        const address = contextValue(testCase, "aws:SourceIp");
        return list(address).some((value) => value.includes(":")) && statements.some((statement) =>
            Object.entries(statement.Condition ?? {}).some(([operator, keys]) => operator.includes("NotIpAddress")
                && list(Object.values(keys)[0]).some((value) => /^\d+\.\d+\.\d+\.\d+$/.test(value))));
    },
    forAnyValueIfExists: (testCase, statements) => statements.some((statement) =>
        Object.entries(statement.Condition ?? {}).some(([operator, keys]) => operator.startsWith("ForAnyValue:") && operator.endsWith("IfExists")
            && Object.keys(keys).some((key) => contextValue(testCase, key) == null))),
    // Only where the variable has no value in the request and no default.
    variableAfterLiteralType: (testCase, statements) => statements.some((statement) =>
        list(statement.NotResource).some((entry) => variablesIn(entry).some((variable) => variable.fallback == null && contextValue(testCase, variable.key) == null)))
};

/** The known classes a disagreement falls in (empty when it is unexplained). */
export function classifyDisagreement(testCase: CrossCheckCase): DisagreementClass[] {
    const statements = statementsOf(testCase);
    return (Object.keys(CLASSIFIERS) as DisagreementClass[]).filter((name) => CLASSIFIERS[name](testCase, statements));
}
