import {POLICY_NAMES, type DeniedRequest, type DenyingPolicy} from "./types.js";

/** Who can lift a denial that the identity policy cannot. */
const WHO_CHANGES: Record<Exclude<DenyingPolicy, "identity">, string> = {
    resource: "the resource's own policy (bucket policy, key policy, role trust policy, …) must allow it",
    boundary: "the permissions boundary must allow it",
    scp: "the organization's service control policy must allow it (its administrators change it)",
    rcp: "the organization's resource control policy must allow it (its administrators change it)",
    session: "the session must be started with a session policy that allows it",
    vpcEndpoint: "the VPC endpoint's policy must allow it"
};

/** Where an explicit Deny that blocks the request is changed. */
const DENY_OWNER: Record<DenyingPolicy, string> = {
    identity: " in the principal's policies",
    resource: " in the resource's own policy",
    boundary: " in the permissions boundary",
    scp: " by the organization's administrators",
    rcp: " by the organization's administrators",
    session: ": start the session with a session policy without it",
    vpcEndpoint: " in the VPC endpoint's policy"
};

/**
 * Why an Allow in the identity policy would not fix the denial, or undefined when it would: an
 * explicit Deny wins over every Allow, and a boundary, SCP, session or resource policy that allows
 * nothing must change itself.
 */
export function blockedElsewhere(denial: DeniedRequest): string | undefined {
    const {cause, action} = denial;
    const where = cause.policy != null ? POLICY_NAMES[cause.policy] : "a policy";
    if (cause.kind === "explicit") {
        const matched = cause.statements != null ? ` (statement ${cause.statements.join(", ")})` : "";
        const remedy = `that Deny must be removed or narrowed${cause.policy != null ? DENY_OWNER[cause.policy] : ""}`;
        return `an explicit Deny in ${where}${matched} blocks ${action}; an Allow cannot override a Deny, so nothing was changed: ${remedy}`;
    }
    if (cause.policy != null && cause.policy !== "identity")
        return `no ${where.replace(/^an? /, "")} allows ${action}; an Allow in the identity policy does not help, so nothing was changed: ${WHO_CHANGES[cause.policy]}`;
    return undefined;
}

/** `s3:GetObject on arn:aws:s3:::reports/q1.csv, denied because no identity-based policy allows it (read from a CloudTrail record)`. */
export function describeDenial(denial: DeniedRequest): string {
    const on = denial.resources.length > 0 ? ` on ${denial.resources.join(", ")}` : "";
    const why = denial.cause.policy == null ? (denial.cause.kind === "explicit" ? "by an explicit Deny" : "(the text does not say by which policy)")
        : denial.cause.kind === "explicit" ? `by an explicit Deny in ${POLICY_NAMES[denial.cause.policy]}` : `because no ${POLICY_NAMES[denial.cause.policy].replace(/^an? /, "")} allows it`;
    const source = {message: "an error message", cloudtrail: "a CloudTrail record", decoded: "a decoded authorization message"}[denial.source];
    return `${denial.action}${on}${denial.principal != null ? ` for ${denial.principal}` : ""}, denied ${why} (read from ${source})`;
}
