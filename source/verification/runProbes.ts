import type {PolicyDocument} from "../policy/types.js";
import {CompiledPolicies, decide, type Decision} from "../simulation/index.js";
import type {FailedProbe, Probe, ProbeExpectation, Verification} from "./types.js";

const MEETS: Record<ProbeExpectation, (decision: Decision) => boolean> = {
    allowed: (decision) => decision === "allowed",
    denied: (decision) => decision !== "allowed",
    explicitDeny: (decision) => decision === "explicitDeny",
    notExplicitDeny: (decision) => decision !== "explicitDeny"
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
            failed.push({...probe, decision: decisions.find((decision) => !meets(decision)) ?? decisions[0]!});
    }
    return {probes: unique.size, passed: unique.size - failed.length, failed};
}

function probeKey(probe: Probe): string {
    const context = Object.entries(probe.context).sort(([left], [right]) => left.localeCompare(right));
    return JSON.stringify([probe.action.toLowerCase(), probe.resource, probe.alternatives ?? [], context, probe.expect]);
}
