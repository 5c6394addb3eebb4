import {type ConditionKeyType} from "../catalog/types.js";
import {closestByEditDistance} from "./editDistance.js";

/** The operator families of IAM conditions; each accepts keys of some types. */
export type OperatorFamily = "String" | "Numeric" | "Date" | "Bool" | "Binary" | "IpAddress" | "Arn" | "Null";

const BASE_OPERATORS: Record<string, OperatorFamily> = {
    StringEquals: "String", StringNotEquals: "String", StringEqualsIgnoreCase: "String", StringNotEqualsIgnoreCase: "String",
    StringLike: "String", StringNotLike: "String",
    NumericEquals: "Numeric", NumericNotEquals: "Numeric", NumericLessThan: "Numeric", NumericLessThanEquals: "Numeric",
    NumericGreaterThan: "Numeric", NumericGreaterThanEquals: "Numeric",
    DateEquals: "Date", DateNotEquals: "Date", DateLessThan: "Date", DateLessThanEquals: "Date",
    DateGreaterThan: "Date", DateGreaterThanEquals: "Date",
    Bool: "Bool",
    BinaryEquals: "Binary",
    IpAddress: "IpAddress", NotIpAddress: "IpAddress",
    ArnEquals: "Arn", ArnNotEquals: "Arn", ArnLike: "Arn", ArnNotLike: "Arn",
    Null: "Null"
};

/** Every valid operator: a base operator, optionally prefixed by a set operator and suffixed by `IfExists`. */
export const CONDITION_OPERATOR_PATTERN = `^(ForAllValues:|ForAnyValue:)?(${Object.keys(BASE_OPERATORS).join("|")})(IfExists)?$`;

/**
 * The operator a misspelt one most likely means (`StringEqual` → `StringEquals`,
 * `ForAllValues:StringLke` → `ForAllValues:StringLike`), or undefined when none is close.
 */
export function closestOperator(operator: string): string | undefined {
    const set = /^(ForAllValues|ForAnyValue):/i.exec(operator);
    const rest = set == null ? operator : operator.slice(set[0].length);
    const candidates = Object.keys(BASE_OPERATORS).flatMap((base) => [base, `${base}IfExists`]);
    const closest = closestByEditDistance(rest.toLowerCase(), candidates, (candidate) => candidate.toLowerCase());
    if (closest == null)
        return undefined;
    const setOperator = set == null ? "" : /^forall/i.test(set[1]!) ? "ForAllValues:" : "ForAnyValue:";
    return setOperator + closest;
}

export interface ParsedOperator {
    setOperator?: "ForAllValues" | "ForAnyValue";
    base: string;
    family: OperatorFamily;
    ifExists: boolean;
}

const OPERATOR = new RegExp(CONDITION_OPERATOR_PATTERN);

export function parseOperator(operator: string): ParsedOperator | undefined {
    const match = OPERATOR.exec(operator);
    if (match == null)
        return undefined;
    const base = match[2]!;
    return {
        ...(match[1] != null ? {setOperator: match[1].slice(0, -1) as ParsedOperator["setOperator"]} : {}),
        base,
        family: BASE_OPERATORS[base]!,
        ifExists: match[3] != null
    };
}

/**
 * Key types each family may test. String operators also work on ARN keys, ARN operators on
 * string keys (the catalog types several ARN-valued keys as String), and Numeric on dates (epoch seconds).
 */
const COMPATIBLE_TYPES: Record<OperatorFamily, readonly string[]> = {
    String: ["String", "ARN"],
    Arn: ["ARN", "String"],
    Numeric: ["Numeric", "Date"],
    Date: ["Date"],
    Bool: ["Bool"],
    Binary: ["Binary"],
    IpAddress: ["IPAddress"],
    Null: ["String", "ARN", "Numeric", "Date", "Bool", "Binary", "IPAddress"]
};

export function operatorAcceptsKeyType(family: OperatorFamily, type: ConditionKeyType): boolean {
    return COMPATIBLE_TYPES[family].includes(type.replace(/^ArrayOf/, ""));
}

export function isMultiValuedKeyType(type: ConditionKeyType): boolean {
    return type.startsWith("ArrayOf");
}

/** The family's operator to suggest for a key type, e.g. `ArnLike` for an ARN key. */
export function suggestedOperatorFor(type: ConditionKeyType): string {
    switch (type.replace(/^ArrayOf/, "")) {
        case "ARN": return "ArnLike";
        case "Numeric": return "NumericEquals";
        case "Date": return "DateGreaterThan";
        case "Bool": return "Bool";
        case "IPAddress": return "IpAddress";
        case "Binary": return "BinaryEquals";
        default: return "StringEquals";
    }
}
