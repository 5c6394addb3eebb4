import {matchWildcard} from "../catalog/wildcardMatch.js";
import {addressInBlock, parseCidr, type CidrBlock} from "./ipAddress.js";
import {splitSegments} from "./resources.js";
import {resolvePattern, resolveText, type ContextMap} from "./variables.js";

/**
 * How one request value compares with one policy value under a positive operator: true or false,
 * or a reason string when either side cannot be read as the operator's type (or a variable in the
 * policy value has no value). An unreadable pair satisfies neither the operator nor its negation.
 */
export type ValueTest = (requestValue: string, policyValue: string, context: ContextMap) => boolean | string;

/** Each negated operator is the negation of a positive one, value by value. */
export const POSITIVE_OF: Readonly<Record<string, string>> = {
    StringNotEquals: "StringEquals", StringNotEqualsIgnoreCase: "StringEqualsIgnoreCase", StringNotLike: "StringLike",
    NumericNotEquals: "NumericEquals", DateNotEquals: "DateEquals", NotIpAddress: "IpAddress",
    ArnNotEquals: "ArnEquals", ArnNotLike: "ArnLike"
};

const stringEquals: ValueTest = (request, policy, context) => {
    const resolved = resolveText(policy, context);
    return "missing" in resolved ? `variable \${${resolved.missing}} has no value` : request === resolved.text;
};

const stringEqualsIgnoreCase: ValueTest = (request, policy, context) => {
    const resolved = resolveText(policy, context);
    return "missing" in resolved ? `variable \${${resolved.missing}} has no value` : request.toLowerCase() === resolved.text.toLowerCase();
};

const stringLike: ValueTest = (request, policy, context) => {
    const resolved = resolvePattern(policy, context);
    return "missing" in resolved ? `variable \${${resolved.missing}} has no value` : matchWildcard(resolved.pattern, request);
};

/** IAM numbers: integers and decimals, nothing else (`1e3`, `0x10` and `` are not numbers). */
function parseNumber(text: string): number | undefined {
    return /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(text) ? Number(text) : undefined;
}

function numeric(compare: (request: number, policy: number) => boolean): ValueTest {
    return (requestText, policyText) => {
        const request = parseNumber(requestText);
        const policy = parseNumber(policyText);
        if (policy == null)
            return `${JSON.stringify(policyText)} is not a number`;
        return request == null ? `request value ${JSON.stringify(requestText)} is not a number` : compare(request, policy);
    };
}

/** IAM dates: ISO 8601 (`2024-01-01`, `2024-01-01T00:00:00Z`) or epoch seconds. */
function parseDate(text: string): number | undefined {
    if (/^-?\d+$/.test(text))
        return Number(text) * 1000;
    if (!/^\d{4}-\d{2}/.test(text))
        return undefined;
    const milliseconds = Date.parse(text);
    return Number.isNaN(milliseconds) ? undefined : milliseconds;
}

function date(compare: (request: number, policy: number) => boolean): ValueTest {
    return (requestText, policyText) => {
        const request = parseDate(requestText);
        const policy = parseDate(policyText);
        if (policy == null)
            return `${JSON.stringify(policyText)} is not a date`;
        return request == null ? `request value ${JSON.stringify(requestText)} is not a date` : compare(request, policy);
    };
}

const bool: ValueTest = (request, policy) => {
    const wanted = policy.toLowerCase();
    const actual = request.toLowerCase();
    if (wanted !== "true" && wanted !== "false")
        return `${JSON.stringify(policy)} is not true or false`;
    return actual !== "true" && actual !== "false" ? `request value ${JSON.stringify(request)} is not true or false` : actual === wanted;
};

const cidrCache = new Map<string, CidrBlock | null>();

const ipAddress: ValueTest = (request, policy) => {
    let block = cidrCache.get(policy);
    if (block === undefined) {
        block = parseCidr(policy) ?? null;
        cidrCache.set(policy, block);
    }
    if (block == null)
        return `${JSON.stringify(policy)} is not an IP address or CIDR block`;
    return addressInBlock(request, block) ?? `request value ${JSON.stringify(request)} is not an IP address`;
};

/** ArnEquals and ArnLike alike: each of the six colon-separated parts is compared on its own, with wildcards, case-sensitively. */
const arnLike: ValueTest = (request, policy, context) => {
    const policyParts = splitSegments(policy, 6);
    const requestParts = splitSegments(request, 6);
    if (policyParts.length < 6 || policyParts[0] !== "arn")
        return `${JSON.stringify(policy)} is not an ARN`;
    if (requestParts.length < 6 || requestParts[0] !== "arn")
        return `request value ${JSON.stringify(request)} is not an ARN`;
    for (let index = 0; index < 6; index++) {
        const resolved = resolvePattern(policyParts[index]!, context);
        if ("missing" in resolved)
            return `variable \${${resolved.missing}} has no value`;
        if (!matchWildcard(resolved.pattern, requestParts[index]!))
            return false;
    }
    return true;
};

export const VALUE_TESTS: Readonly<Record<string, ValueTest>> = {
    StringEquals: stringEquals,
    StringEqualsIgnoreCase: stringEqualsIgnoreCase,
    StringLike: stringLike,
    NumericEquals: numeric((request, policy) => request === policy),
    NumericLessThan: numeric((request, policy) => request < policy),
    NumericLessThanEquals: numeric((request, policy) => request <= policy),
    NumericGreaterThan: numeric((request, policy) => request > policy),
    NumericGreaterThanEquals: numeric((request, policy) => request >= policy),
    DateEquals: date((request, policy) => request === policy),
    DateLessThan: date((request, policy) => request < policy),
    DateLessThanEquals: date((request, policy) => request <= policy),
    DateGreaterThan: date((request, policy) => request > policy),
    DateGreaterThanEquals: date((request, policy) => request >= policy),
    Bool: bool,
    BinaryEquals: (request, policy) => request === policy,
    IpAddress: ipAddress,
    ArnEquals: arnLike,
    ArnLike: arnLike
};
