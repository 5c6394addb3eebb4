import {describe, expect, it} from "vitest";
import {runCrossCheck} from "./crossCheck.js";
import {DISAGREEMENT_CLASSES, classifyDisagreement} from "./disagreements.js";

const CASES = 20_000;

describe("the evaluator against @cloud-copilot/iam-simulate", () => {
    // 20,000 generated cases take about 10 s on one core; iam-simulate is most of it.
    it(`agrees on at least 99.5% of ${CASES} (policy, request) pairs from AWS managed policies and their mutations`, {timeout: 120_000}, () => {
        const result = runCrossCheck(CASES);
        const share = result.agreements / result.cases;
        const unexplained = result.disagreements.filter((disagreement) => classifyDisagreement(disagreement.testCase).length === 0);
        const byClass = Object.fromEntries(Object.keys(DISAGREEMENT_CLASSES).map((name) => [name,
            result.disagreements.filter((disagreement) => classifyDisagreement(disagreement.testCase).includes(name as keyof typeof DISAGREEMENT_CLASSES)).length]));
        console.log(`cross-check: ${result.agreements}/${result.cases} agree (${(share * 100).toFixed(2)}%); disagreements by class ${JSON.stringify(byClass)}`);

        expect(result.cases).toBe(CASES);
        expect(share).toBeGreaterThanOrEqual(0.995);
        // Every disagreement falls in a class listed (with its reason) in disagreements.ts.
        expect(unexplained.map(({testCase, ours, theirs}) => ({ours, theirs, action: testCase.action, resource: testCase.resource, context: testCase.context, source: testCase.source, mutations: testCase.mutations}))).toEqual([]);
    });

    it("covers every decision, every condition operator family, NotAction, NotResource, variables and missing keys", () => {
        const result = runCrossCheck(2_000);
        const mutations = result.mutationCounts;
        for (const family of ["String", "Numeric", "Date", "Bool", "BinaryEquals", "IpAddress", "Arn", "Null", "ForAllValues:", "ForAnyValue:", "IfExists"])
            expect([...mutations.keys()].some((mutation) => mutation.includes(family)), family).toBe(true);
        for (const mutation of ["NotAction", "NotResource", "variable", "(missing)", "(array)", "boundary", "scp"])
            expect([...mutations.keys()].some((name) => name.includes(mutation)), mutation).toBe(true);
        for (const decision of ["allowed", "explicitDeny", "implicitDeny"] as const)
            expect(result.decisionCounts[decision], decision).toBeGreaterThan(100);
    });
});
