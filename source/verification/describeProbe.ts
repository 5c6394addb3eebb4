import type {Decision, RequestContext} from "../simulation/index.js";
import type {FailedProbe, Probe, ProbeExpectation, Verification} from "./types.js";

const EXPECTED: Record<ProbeExpectation, string> = {
    allowed: "be allowed",
    denied: "be denied",
    explicitDeny: "be denied by a Deny",
    notExplicitDeny: "not be denied by the Deny"
};

const DECIDED: Record<Decision, string> = {
    allowed: "it is allowed",
    explicitDeny: "a Deny denies it",
    implicitDeny: "nothing allows it"
};

/** `s3:GetObject on arn:aws:s3:::reports/x with aws:MultiFactorAuthPresent=true should be allowed; nothing allows it`. */
export function describeProbe(probe: Probe | FailedProbe): string {
    const outcome = "decision" in probe ? `; ${DECIDED[probe.decision]}` : "";
    return `${probe.action} on ${probe.resource}${contextText(probe)} should ${EXPECTED[probe.expect]}${outcome}`;
}

function contextText(probe: Probe): string {
    const entries = Object.entries(probe.context).map(([key, value]) => `${key}=${Array.isArray(value) ? `[${value.join(",")}]` : value}`);
    const missing = probe.condition != null && !hasKey(probe.context, probe.condition) ? [`without ${probe.condition}`] : [];
    const parts = [...entries.length > 0 ? [`with ${entries.join(", ")}`] : [], ...missing];
    return parts.length > 0 ? ` ${parts.join(", ")}` : "";
}

function hasKey(context: RequestContext, key: string) {
    return Object.keys(context).some((name) => name.toLowerCase() === key.toLowerCase());
}

/** `verified 7/7`, `verified 5/7`, or `nothing to verify`: the one-line summary the CLI and the TUI show. */
export function verificationSummary(verification: Verification): string {
    if (verification.probes === 0)
        return "nothing to verify";
    const repaired = verification.repair == null ? "" : verification.repair.kept ? ` (repaired: ${verification.repair.failedBefore} failed before)` : " (a repair turn did not help)";
    return `verified ${verification.passed}/${verification.probes}${repaired}`;
}

/** The summary and, when probes failed, the first few of them: one line for the CLI's standard error. */
export function verificationLine(verification: Verification, shown = 3): string {
    const failed = verification.failed.slice(0, shown).map(describeProbe);
    const more = verification.failed.length > shown ? ` (and ${verification.failed.length - shown} more)` : "";
    return failed.length === 0 ? verificationSummary(verification) : `${verificationSummary(verification)}; failing: ${failed.join(" | ")}${more}`;
}
