/** An identity-based IAM policy document as AWS accepts it. */
export interface PolicyDocument {
    Version?: string;
    Id?: string;
    Statement: PolicyStatement | PolicyStatement[];
}

export type ConditionValue = string | number | boolean;
/** operator → condition key → value(s), e.g. `{"StringEquals": {"aws:RequestedRegion": ["us-east-1"]}}`. */
export type ConditionBlock = Record<string, Record<string, ConditionValue | ConditionValue[]>>;

export interface PolicyStatement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    Action?: string | string[];
    NotAction?: string | string[];
    Resource?: string | string[];
    NotResource?: string | string[];
    Condition?: ConditionBlock;
}

/** IAM Access Analyzer's finding types, most severe first. */
export type Severity = "ERROR" | "SECURITY_WARNING" | "WARNING" | "SUGGESTION";
export const SEVERITIES: readonly Severity[] = ["ERROR", "SECURITY_WARNING", "WARNING", "SUGGESTION"];

export interface Finding {
    /** Stable identifier, e.g. `UNKNOWN_ACTION`, `PASS_ROLE_WILDCARD`. */
    code: string;
    severity: Severity;
    message: string;
    /** JSON path into the policy, e.g. `$.Statement[0].Action[1]`. */
    path: string;
    /** A concrete suggestion, e.g. `Use "s3:GetObject"`. */
    fix?: string;
    /** The value to put at `path` instead, when the fix is a plain substitution (e.g. `s3:GetObject`). */
    replacement?: string;
}

/** Where the policy will be attached; AWS's size quota depends on it. */
export type SizeTarget = "managed" | "user" | "group" | "role";

export interface SizeReport {
    target: SizeTarget;
    /** Characters not counting whitespace, as AWS counts them. */
    characters: number;
    limit: number;
    withinLimit: boolean;
}

export interface CheckReport {
    /** True when there is no ERROR finding. */
    valid: boolean;
    findings: Finding[];
    size: SizeReport;
}

/** One change made by normalisation/repair, reported to the user. */
export interface Repair {
    code: string;
    message: string;
    path?: string;
}
