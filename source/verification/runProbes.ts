import type {PolicyDocument} from "../policy/types.js";
import {CompiledPolicies, decide, type Decision} from "../simulation/index.js";
import type {FindingCode} from "../policy/findingRules.js";
import type {FailedProbe, Probe, ProbeExpectation, ProbeReason, Verification} from "./types.js";

const MEETS: Record<ProbeExpectation, (decision: Decision) => boolean> = {
    allowed: (decision) => decision === "allowed",
    denied: (decision) => decision !== "allowed",
    explicitDeny: (decision) => decision === "explicitDeny",
    notExplicitDeny: (decision) => decision !== "explicitDeny"
};

/** The finding rule each kind of probe breaks when it fails. */
const FAILURE_CODES: Record<ProbeReason, FindingCode> = {
    intended: "INTENDED_NOT_ALLOWED",
    excluded: "EXCLUDED_ALLOWED",
    guardrail: "GUARDRAIL_NOT_DENYING",
    conditionRequired: "CONDITION_NOT_REQUIRED",
    conditionScoped: "GUARDRAIL_TOO_BROAD",
    narrowing: "NARROWING_WIDENED",
    reference: "REFERENCE_DISAGREES"
};

/** Expectations a probe with alternative resources meets on any of them; the others must hold on each. */
const ANY_SUFFICES: ReadonlySet<ProbeExpectation> = new Set(["allowed", "explicitDeny"]);

/** Each probe (duplicates once) through the evaluator against the policy. */
export function runProbes(policy: PolicyDocument, probes: readonly Probe[]): Verification {
    const compiled = new CompiledPolicies(policy);
    const unique = new Map(probes.map((probe) => [probeKey(probe), probe]));
    const failed: FailedProbe[] = [];
    for (const probe of unique.values()) {
        const decisions = [probe.resource, ...probe.alternatives ?? []].map((resource) => decide(compiled, {...probe, resource}));
        const meets = MEETS[probe.expect];
        const met = ANY_SUFFICES.has(probe.expect) ? decisions.some(meets) : decisions.every(meets);
        if (!met)
            failed.push({...probe, decision: decisions.find((decision) => !meets(decision)) ?? decisions[0]!, code: FAILURE_CODES[probe.reason]});
    }
    return {probes: unique.size, passed: unique.size - failed.length, failed};
}

function probeKey(probe: Probe): string {
    const context = Object.entries(probe.context).sort(([left], [right]) => left.localeCompare(right));
    return JSON.stringify([probe.action.toLowerCase(), probe.resource, probe.alternatives ?? [], context, probe.expect]);
}
