import type {PolicyDocument} from "../policy/types.js";

/** A context key's value: one string, or several for a multivalued key (`aws:TagKeys`). */
export type ContextValue = string | readonly string[];
/** Request context keys (case-insensitive, as IAM compares them) and their values. */
export type RequestContext = Readonly<Record<string, ContextValue>>;

export interface SimulationRequest {
    /** `service:Action`, compared case-insensitively. */
    action: string;
    /** The resource ARN; `*` (the default) for actions that name no resource. */
    resource?: string;
    context?: RequestContext;
}

/** The policies that take part in the decision, as AWS layers them for an identity's request. */
export interface PolicySet {
    /** The identity's policies (all attached policies together). */
    identity: PolicyDocument | readonly PolicyDocument[];
    /** A permissions boundary: it caps what the identity policies allow. */
    boundary?: PolicyDocument;
    /** Service control policies, one per level of the organization; each must allow. */
    scps?: readonly PolicyDocument[];
    /** A session policy passed when the session was created. */
    session?: PolicyDocument;
}

export type Decision = "allowed" | "explicitDeny" | "implicitDeny";
export type PolicyLayer = "identity" | "boundary" | "scp" | "session";

/** A statement in the policy set: its document (`identity`, `identity[1]`, `boundary`, `scp[0]`, `session`), index and Sid. */
export interface StatementRef {
    document: string;
    index: number;
    sid?: string;
}

/** Whether the Action/NotAction or Resource/NotResource element matched, and which entry decided it. */
export interface ElementMatch {
    matched: boolean;
    /** The entry that matched (for Action/Resource) or that excluded the request (for NotAction/NotResource). */
    entry?: string;
    reason: string;
}

export interface ConditionEvaluation {
    operator: string;
    key: string;
    values: string[];
    satisfied: boolean;
    /** Why it held or failed, e.g. `key aws:MultiFactorAuthPresent is missing`. */
    reason: string;
}

/** Why one statement did or did not apply; elements after the first that failed are not evaluated. */
export interface StatementEvaluation extends StatementRef {
    effect: "Allow" | "Deny";
    applies: boolean;
    action: ElementMatch;
    resource?: ElementMatch;
    conditions?: ConditionEvaluation[];
}

export interface DocumentEvaluation {
    document: string;
    layer: PolicyLayer;
    decision: Decision;
    statements: StatementEvaluation[];
}

export interface Evaluation {
    decision: Decision;
    /** For a deny, the Deny statements that applied; for an allow, the Allow statements that applied in every layer. */
    decisive: StatementRef[];
    /** For an implicit deny, the layers in which no statement allowed the request. */
    deniedBy?: PolicyLayer[];
    documents: DocumentEvaluation[];
}
