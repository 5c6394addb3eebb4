import type {RequestContext} from "../simulation/types.js";

/** The policies AWS's messages name as the one that denied. */
export type DenyingPolicy = "identity" | "resource" | "boundary" | "scp" | "rcp" | "session" | "vpcEndpoint";

/**
 * Why AWS denied: an explicit Deny, or no Allow, in the policy the message names (`policy` is absent
 * when the text does not say: an older message without its "because" part, a decoded message).
 */
export interface DenialCause {
    kind: "explicit" | "implicit";
    policy?: DenyingPolicy;
    /** The Deny statements a decoded authorization message lists as matched. */
    statements?: string[];
}

/** One denied request read from an error text, a CloudTrail record or a decoded authorization message. */
export interface DeniedRequest {
    action: string;
    /** The resource ARNs the request was on; empty when the text names none. */
    resources: string[];
    /** Whether the text says that a resource was involved without naming it (KMS's "on this resource"). */
    unnamedResource?: boolean;
    principal?: string;
    cause: DenialCause;
    /** The request's context keys, where the text gives them (a decoded message's conditions). */
    context?: RequestContext;
    source: "message" | "cloudtrail" | "decoded";
}

/** What a text was read as: a denied request, or the one-line reason it is not one that can be fixed. */
export type ParsedDenial = {ok: true; denial: DeniedRequest} | {ok: false; reason: string};

export const POLICY_NAMES: Record<DenyingPolicy, string> = {
    identity: "an identity-based policy",
    resource: "a resource-based policy",
    boundary: "a permissions boundary",
    scp: "a service control policy",
    rcp: "a resource control policy",
    session: "a session policy",
    vpcEndpoint: "a VPC endpoint policy"
};
