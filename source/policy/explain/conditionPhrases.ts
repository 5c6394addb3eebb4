import {parseOperator} from "../conditionOperators.js";
import type {ConditionBlock} from "../types.js";
import {joinPhrases} from "./actionPhrases.js";

interface ConditionEntry {
    operator: string;
    key: string;
    values: string[];
}

/** Operators in words, for a condition no phrase below knows: "aws:SourceVpc is vpc-1". */
const OPERATOR_WORDS: Record<string, string> = {
    StringEquals: "is", StringNotEquals: "is not", StringEqualsIgnoreCase: "is (any case)", StringNotEqualsIgnoreCase: "is not (any case)",
    StringLike: "matches", StringNotLike: "does not match", NumericEquals: "equals", NumericNotEquals: "does not equal",
    NumericLessThan: "is below", NumericLessThanEquals: "is at most", NumericGreaterThan: "is above", NumericGreaterThanEquals: "is at least",
    DateEquals: "is", DateNotEquals: "is not", DateLessThan: "is before", DateLessThanEquals: "is at or before",
    DateGreaterThan: "is after", DateGreaterThanEquals: "is at or after", Bool: "is", BinaryEquals: "is",
    IpAddress: "is in", NotIpAddress: "is not in", ArnEquals: "is", ArnLike: "matches", ArnNotEquals: "is not", ArnNotLike: "does not match"
};

/** A well-known key under its usual operator, in words; undefined for any other. */
function knownPhrase({key, values}: ConditionEntry, base: string): string | undefined {
    const lower = key.toLowerCase();
    const list = values.join(" or ");
    const tag = /^aws:(resource|request|principal)tag\/(.+)$/i.exec(key);
    if (lower === "aws:multifactorauthpresent" && base === "Bool")
        return values.every((value) => value.toLowerCase() === "true") ? "only with MFA" : "when the request is made without MFA";
    if (lower === "aws:securetransport" && base === "Bool")
        return values.every((value) => value.toLowerCase() === "true") ? "only over HTTPS" : "when the request is not made over HTTPS";
    if (lower === "aws:requestedregion" && (base === "StringEquals" || base === "StringLike"))
        return `only in ${list}`;
    if (lower === "aws:requestedregion" && (base === "StringNotEquals" || base === "StringNotLike"))
        return `outside ${list}`;
    if (lower === "aws:sourceip")
        return base === "IpAddress" ? `only from ${list}` : base === "NotIpAddress" ? `from anywhere but ${list}` : undefined;
    if (tag != null && base === "StringEquals") {
        const subject = {resource: "on resources tagged", request: "when the request tags", principal: "for principals tagged"}[tag[1]!.toLowerCase()]!;
        return `only ${subject} ${tag[2]}=${list}`;
    }
    if (lower === "s3:prefix" && base === "StringLike")
        return `only listing keys under ${values.map((value) => value.replace(/\*$/, "")).join(" or ")}`;
    if (lower === "aws:currenttime" && (base === "DateLessThan" || base === "DateGreaterThan"))
        return `only ${base === "DateLessThan" ? "before" : "after"} ${list}`;
    if (lower === "iam:passedtoservice" && (base === "StringEquals" || base === "StringLike"))
        return `only when passed to ${list}`;
    if (lower === "aws:principalorgid" && base === "StringEquals")
        return `only for principals in organization ${list}`;
    return undefined;
}

/** One condition in words: a known phrase, else "when <key> <operator> <values>". */
function conditionPhrase(entry: ConditionEntry): string {
    const parsed = parseOperator(entry.operator);
    if (parsed == null)
        return `when ${entry.key} ${entry.operator} ${entry.values.join(", ")}`;
    const known = parsed.setOperator == null ? knownPhrase(entry, parsed.base) : undefined;
    const ifExists = parsed.ifExists ? " (or the key is absent)" : "";
    if (known != null)
        return `${known}${ifExists}`;
    if (parsed.base === "Null")
        return `when ${entry.key} is ${entry.values.every((value) => value.toLowerCase() === "true") ? "absent" : "present"}`;
    const set = parsed.setOperator === "ForAnyValue" ? "any value of " : parsed.setOperator === "ForAllValues" ? "every value of " : "";
    return `when ${set}${entry.key} ${OPERATOR_WORDS[parsed.base] ?? entry.operator} ${entry.values.join(" or ")}${ifExists}`;
}

/** The Condition block in words, its tests joined with "and" (IAM requires every one). */
export function conditionsPhrase(block: ConditionBlock | undefined): string {
    if (block == null || typeof block !== "object")
        return "";
    const entries: ConditionEntry[] = Object.entries(block).flatMap(([operator, keys]) =>
        Object.entries(typeof keys === "object" && keys != null ? keys : {}).map(([key, value]) => ({
            operator, key, values: (Array.isArray(value) ? value : [value]).map(String)
        })));
    return joinPhrases(entries.map(conditionPhrase));
}
