import type {FindingCode} from "../policy/findingRules.js";
import type {Decision, RequestContext} from "../simulation/index.js";

/**
 * What a probe's decision must be. `explicitDeny` is what a guardrail owes (it must deny even where
 * another policy allows); `notExplicitDeny` is what it owes outside its condition.
 */
export type ProbeExpectation = "allowed" | "denied" | "explicitDeny" | "notExplicitDeny";

/** Where a probe comes from, so that a failure can say what was not done. */
export type ProbeReason =
    /** An action the request asks for, on its resource, with its conditions met. */
    | "intended"
    /** An action the request rules out ("but not delete"). */
    | "excluded"
    /** An action the request asks to deny. */
    | "guardrail"
    /** An intended probe without one condition the request asked for: the condition must matter. */
    | "conditionRequired"
    /** A guardrail probe without its condition: the Deny must stay within it. */
    | "conditionScoped"
    /** A pair a narrowing follow-up must not newly allow, or one it took away that must stay denied. */
    | "narrowing"
    /** What a reference policy decides for a request of its own. */
    | "reference";

/** One request the policy is asked, and the decision it must give. */
export interface Probe {
    action: string;
    resource: string;
    /**
     * Other resources the request may mean for the action (it names two buckets, and which verb
     * goes with which is not known): `allowed` and `explicitDeny` hold when met on any of them with
     * `resource`, `denied` and `notExplicitDeny` must hold on each.
     */
    alternatives?: string[];
    context: RequestContext;
    expect: ProbeExpectation;
    reason: ProbeReason;
    /** For a condition probe, the condition key it leaves out or fails. */
    condition?: string;
}

export interface FailedProbe extends Probe {
    decision: Decision;
    /** The finding rule the failure is (source/policy/findingRules.ts): its severity, title and explanation. */
    code: FindingCode;
}

/** Whether a policy does what was asked: each probe run through the evaluator. */
export interface Verification {
    probes: number;
    passed: number;
    failed: FailedProbe[];
    /** LLM engine: a repair turn ran because probes failed; `kept` when its policy replaced the first one. */
    repair?: {failedBefore: number; kept: boolean};
}
