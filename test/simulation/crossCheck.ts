// @cloud-copilot/iam-simulate is AGPL: a devDependency, imported only by the cross-check test.
import {runUnsafeSimulation, type Simulation} from "@cloud-copilot/iam-simulate";
import {loadCatalog} from "../../source/catalog/index.js";
import {loadManagedPolicies} from "../../source/managed/index.js";
import type {PolicyDocument} from "../../source/policy/types.js";
import {decide, type Decision} from "../../source/simulation/index.js";
import {ACCOUNT, PRINCIPAL, generateCase, seededRandom, type CrossCheckCase} from "./crossCheckCases.js";

const THEIR_DECISION: Record<string, Decision> = {Allowed: "allowed", ExplicitlyDenied: "explicitDeny", ImplicitlyDenied: "implicitDeny"};

export function theirDecision(testCase: CrossCheckCase): Decision | "error" {
    const named = (document: PolicyDocument, name: string) => ({name, policy: document});
    const simulation: Simulation = {
        request: {principal: PRINCIPAL, action: testCase.action, resource: {resource: testCase.resource, accountId: ACCOUNT}, contextVariables: testCase.context},
        identityPolicies: [named(testCase.policies.identity, "identity")],
        serviceControlPolicies: (testCase.policies.scps ?? []).map((scp, index) => ({orgIdentifier: `ou-${index}`, policies: [named(scp, `scp${index}`)]})),
        resourceControlPolicies: [],
        ...(testCase.policies.boundary != null ? {permissionBoundaryPolicies: [named(testCase.policies.boundary, "boundary")]} : {})
    };
    try {
        return THEIR_DECISION[runUnsafeSimulation(simulation, {})] ?? "error";
    } catch {
        return "error";
    }
}

export interface CrossCheckResult {
    cases: number;
    agreements: number;
    disagreements: Array<{testCase: CrossCheckCase; ours: Decision; theirs: Decision | "error"}>;
    /** How often each mutation was made, and each decision (ours) reached: what the cases cover. */
    mutationCounts: Map<string, number>;
    decisionCounts: Record<Decision, number>;
}

/** Generates `count` cases from the managed policies with a fixed seed and compares both evaluators' decisions. */
export function runCrossCheck(count: number, seed = 14): CrossCheckResult {
    const catalog = loadCatalog();
    const policies = loadManagedPolicies();
    const random = seededRandom(seed);
    const result: CrossCheckResult = {cases: 0, agreements: 0, disagreements: [], mutationCounts: new Map(), decisionCounts: {allowed: 0, explicitDeny: 0, implicitDeny: 0}};
    while (result.cases < count) {
        const testCase = generateCase(policies, catalog, random);
        if (testCase == null)
            continue;
        result.cases++;
        const ours = decide(testCase.policies, testCase);
        const theirs = theirDecision(testCase);
        result.decisionCounts[ours]++;
        for (const mutation of testCase.mutations)
            result.mutationCounts.set(mutation, (result.mutationCounts.get(mutation) ?? 0) + 1);
        if (ours === theirs)
            result.agreements++;
        else
            result.disagreements.push({testCase, ours, theirs});
    }
    return result;
}

