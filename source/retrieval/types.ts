import type {FrameSpan} from "./requestFrame.js";
import type {AccessLevel} from "../catalog/types.js";

export type Effect = "Allow" | "Deny";

/** A service named by the request: a `target` to grant on, or the `principal` that acts (the Lambda in "a Lambda function that reads…"). */
export interface DetectedService {
    prefix: string;
    name: string;
    role: "target" | "principal";
    /** The words of the request that matched. */
    matched: string[];
    /** Named by no word of the request, implied by a noun of its resources ("launch t3.micro instances" → ec2). */
    implied?: boolean;
    /** Services the implying nouns belong to as well ("workgroup": Redshift Serverless besides Athena). */
    rivals?: string[];
}

/** What the request asks to do with a target service. */
export type AccessIntent = "read" | "list" | "write" | "delete" | "tagging" | "permissions" | "full" | "manage" | "create";

export interface ServiceIntent {
    service: string;
    effect: Effect;
    access: AccessIntent[];
    /** Verbs such as upload, download, publish, start, stop, invoke, decrypt. */
    verbs: string[];
    /** What the request rules out ("but not terminate", "cannot modify", "read-only"). */
    negated: {access: AccessIntent[]; verbs: string[]};
    matched: string[];
    /** Other words around the service's mentions and verbs (singular, lower case), matched against action names. */
    nouns?: string[];
    /** The nouns right after each verb ("managing EC2 instances" → manage: instance), when it has its own. */
    verbNouns?: Record<string, string[]>;
    /** The head nouns each verb acts on ("deleting objects in the bucket" → delete: [object]; "rules and targets" → [rule, target]). */
    verbObjects?: Record<string, string[]>;
    /** Nouns in and next to the service's own phrases ("DynamoDB Streams" → stream). */
    serviceNouns?: string[];
}

export interface CandidateAction {
    /** `service:Action` in canonical case. */
    action: string;
    service: string;
    /** The catalog's levels joined, e.g. `Read` or `Tagging, Write`. */
    accessLevel: string;
    accessLevels: AccessLevel[];
    effect: Effect;
    /** Why it was chosen: verb match on the name, access level, description. */
    reason: string;
    /** Higher is more relevant; the list is sorted by it. */
    score: number;
    /** Written in the request (`s3:PutBucketPolicy`, `Get*`): always honoured, whatever its access level. */
    named?: boolean;
}

export interface ExcludedAction {
    action: string;
    reason: string;
}

export interface ResourceHint {
    service: string;
    /** Catalog resource type, e.g. `table`, `object`, `function`. */
    type: string;
    arn: string;
    matched: string[];
    /** Named as what the request rules out ("every bucket except reports"): never granted on, denied or left out of a Deny. */
    excluded?: boolean;
}

export type ConditionKind =
    | "mfa" | "region" | "sourceIp" | "vpcEndpoint" | "vpc" | "secureTransport"
    | "resourceTag" | "requestTag" | "principalTag" | "timeWindow" | "instanceType"
    | "s3Prefix" | "encryption" | "passedToService" | "selfUser" | "organization";

/** A condition phrase recognised in the request, as a structured hint for the generators. */
export interface ConditionHint {
    kind: ConditionKind;
    /** The IAM condition key it maps to, e.g. `aws:MultiFactorAuthPresent`. */
    key: string;
    operator: string;
    values: string[];
    matched: string[];
    /** Why the phrase cannot become a condition (a daily time window); such a hint has no values, and generators say so. */
    note?: string;
    /** The values are what the request rules out ("allow … except in us-west-2"): the requirement is the negative operator itself. */
    ruledOut?: boolean;
    /**
     * Said in a clause of its own ("…, and write finance-reports only with MFA"): it holds for the
     * statements on these resources (ARNs), else these services; with `effect`, for that effect's
     * statements only ("allow starting instances, but deny it when tagged env=prod"); absent, for every statement.
     */
    appliesTo?: {resources?: string[]; services?: string[]; effect?: Effect};
    /**
     * The word that opens the phrase, where what it says is a Deny's (a Deny request, or the deny clause
     * of an Allow request): `scope` for "if"/"when"/"where" (the Deny applies where it holds, kept as
     * written), `requirement` for "unless"/"without"/"only if"/"except" or a negated scope ("if MFA is not
     * present"), which a Deny negates. Absent, the kind decides (catalog/lexicon/words.json scopeOpeners).
     */
    opener?: "scope" | "requirement";
}

/** How far a request reaches, read from its words (catalog/lexicon/scope.json). */
export interface RequestScope {
    /** "all actions", "any AWS API calls", "everything". */
    allActions: boolean;
    /** Target services named after "except" ("deny everything outside us-east-1 except IAM"). */
    exceptServices: string[];
    /** "deny any unencrypted requests": a deny of requests in general, not of one verb. */
    broadDeny: boolean;
    /** Every word of the request, lower case and singular, but those it says are unneeded ("does not use AWS KMS"): what the nouns of action names are checked against. */
    words: string[];
}

/**
 * The request read: the typed form engines compose from. It has no text of the request, so an
 * engine cannot re-read it; `RetrievalContext` adds the text and the framing set aside, as evidence.
 */
export interface RequestReading {
    services: DetectedService[];
    intents: ServiceIntent[];
    candidates: CandidateAction[];
    excluded: ExcludedAction[];
    resources: ResourceHint[];
    conditions: ConditionHint[];
    /** The request's overall effect: `Deny` for guardrails ("deny", "prevent", "block"). */
    effect: Effect;
    scope: RequestScope;
    /** Account, region and partition named in the request (or configured), used in ARNs. */
    account?: string;
    region?: string;
    partition: string;
}

/** Everything retrieval found in one request: the reading, with the request and its framing as evidence. */
export interface RetrievalContext extends RequestReading {
    request: string;
    /** Words about the policy document itself ("The following policy allows"), set aside before reading. */
    frames: FrameSpan[];
}
