import type {DenialCause, DenyingPolicy, ParsedDenial} from "./types.js";

const ACTION = /not authorized to perform:?\s*([A-Za-z0-9][\w-]*:\w+)/i;
/** `on resource: arn:…`, quoted by some services (S3): `on resource: "arn:aws:s3:::bucket/key"`. */
const RESOURCE = /\bon resource:?\s*"?([^\s"]+)/i;
const PRINCIPAL = /\b(?:User|Principal):\s*(arn:\S+)/;
const POLICY = String.raw`(identity-based polic(?:y|ies)|resource-based polic(?:y|ies)|permissions boundar(?:y|ies)|service control polic(?:y|ies)|resource control polic(?:y|ies)|session polic(?:y|ies)|VPC endpoint polic(?:y|ies))`;
const EXPLICIT = new RegExp(String.raw`with an explicit deny in (?:an? |the )?${POLICY}`, "i");
const IMPLICIT = new RegExp(String.raw`because no ${POLICY} allows?`, "i");
/** KMS: "… on this resource because the resource does not exist in this Region, no resource-based policies allow access, or …". */
const KMS_RESOURCE_POLICY = /no resource-based polic(?:y|ies) allows? access/i;
const ENCODED = /Encoded authorization failure message:/i;
/** Words of a denial that names no action: S3's bare "Access Denied", an error code alone. */
const DENIAL_WORDS = /access ?denied|not authorized|unauthorized ?operation/i;

/**
 * An AccessDenied message as the CLI, the SDKs and the console print it: "User: arn:… is not
 * authorized to perform: service:Action [on resource: arn:…] [because no <policy> allows the
 * service:Action action | with an explicit deny in <policy>]", with or without the SDK's
 * "An error occurred (AccessDenied) when calling the … operation:" in front.
 */
export function parseDenialMessage(text: string): ParsedDenial {
    const message = text.replace(/\s+/g, " ").trim();
    const action = ACTION.exec(message)?.[1];
    if (action == null) {
        if (ENCODED.test(message))
            return {ok: false, reason: "the message is encoded: decode it with `aws sts decode-authorization-message --encoded-message <message>` and pass that output"};
        if (DENIAL_WORDS.test(message))
            return {ok: false, reason: "this denial names no action (S3's bare \"Access Denied\" does not): pass the request's CloudTrail record, or a message that names the action"};
        return {ok: false, reason: "not an AccessDenied error: expected \"… is not authorized to perform: service:Action …\", a CloudTrail record or decode-authorization-message output"};
    }
    const resource = RESOURCE.exec(message)?.[1];
    const principal = PRINCIPAL.exec(message)?.[1];
    return {
        ok: true,
        denial: {
            action,
            resources: resource == null ? [] : [resource],
            ...(/\bon this resource\b/i.test(message) ? {unnamedResource: true} : {}),
            ...(principal != null ? {principal} : {}),
            cause: causeOf(message),
            source: "message"
        }
    };
}

function causeOf(message: string): DenialCause {
    const explicit = EXPLICIT.exec(message)?.[1];
    if (explicit != null)
        return {kind: "explicit", policy: policyNamed(explicit)};
    const implicit = IMPLICIT.exec(message)?.[1];
    if (implicit != null)
        return {kind: "implicit", policy: policyNamed(implicit)};
    if (KMS_RESOURCE_POLICY.test(message))
        return {kind: "implicit", policy: "resource"};
    return {kind: "implicit"};
}

/** How the messages name each policy, by the words they start with. */
const POLICY_WORDS: ReadonlyArray<[string, DenyingPolicy]> = [
    ["identity", "identity"], ["resource-based", "resource"], ["permissions", "boundary"], ["service control", "scp"],
    ["resource control", "rcp"], ["session", "session"], ["vpc endpoint", "vpcEndpoint"]
];

function policyNamed(words: string): DenyingPolicy {
    const lower = words.toLowerCase();
    return POLICY_WORDS.find(([start]) => lower.startsWith(start))![1];
}
