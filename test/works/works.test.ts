import {describe, expect, test} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {CatalogEngine} from "../../source/engine/catalog/CatalogEngine.js";
import type {GenerationResult} from "../../source/engine/types.js";
import {managedPolicy} from "../../source/managed/index.js";
import {policyStatements} from "../../source/policy/statements.js";
import type {PolicyDocument} from "../../source/policy/types.js";
import {runEngine} from "../engine/runEngine.js";
import {decide} from "../../source/simulation/index.js";
import {documentationPages, loadScenarios, serviceOf, type Scenario} from "./scenarios.js";

const catalog = loadCatalog();
const engine = new CatalogEngine({catalog});
const scenarios = loadScenarios();
/** The share of scenarios whose policy must work as generated. */
const REQUIRED_PASS_RATE = 0.95;

function generate(request: string): Promise<GenerationResult> {
    return runEngine(engine, request);
}

/** What is wrong with the policy for the scenario's job: needs it does not allow, calls it should not, services it should not touch. */
function problems(scenario: Scenario, policy: PolicyDocument | null): string[] {
    if (policy == null)
        return ["no policy"];
    const found: string[] = [];
    for (const need of scenario.needs)
        if (decide(policy, need) !== "allowed")
            found.push(`needs ${need.action} on ${need.resource}`);
    for (const call of scenario.denied ?? [])
        if (decide(policy, call) === "allowed")
            found.push(`allows ${call.action} on ${call.resource}`);
    const involved = new Set(scenario.needs.map((need) => serviceOf(need.action)));
    for (const statement of policyStatements(policy).filter((entry) => entry.Effect === "Allow"))
        for (const action of [statement.Action ?? []].flat())
            if (!involved.has(serviceOf(action)))
                found.push(`grants ${action}, a service the job does not involve`);
    return found;
}

describe("works-first-time scenarios", () => {
    test("there are at least 60, each citing a managed policy or a documented page for every call", () => {
        const pages = documentationPages();
        expect(scenarios.length).toBeGreaterThanOrEqual(60);
        expect(new Set(scenarios.map((scenario) => scenario.id)).size).toBe(scenarios.length);
        for (const scenario of scenarios)
            for (const need of scenario.needs)
                expect(managedPolicy(need.source) != null || pages[need.source] != null, `${scenario.id}: ${need.source}`).toBe(true);
    });

    test("a managed policy a scenario cites grants each call it is cited for", () => {
        for (const scenario of scenarios)
            for (const need of scenario.needs.filter((entry) => managedPolicy(entry.source) != null))
                expect(decide(managedPolicy(need.source)!.document, need), `${scenario.id}: ${need.source} grants ${need.action} on ${need.resource}`).toBe("allowed");
    });

    test(`the catalog engine's policies work for at least ${REQUIRED_PASS_RATE * 100}% of them, and every companion says why`, async () => {
        const failures: string[] = [];
        for (const scenario of scenarios) {
            const result = await generate(scenario.request);
            const found = problems(scenario, result.policy);
            if (found.length > 0)
                failures.push(`${scenario.id}: ${found.join("; ")}`);
            for (const companion of result.companions ?? []) {
                expect(companion.reason, `${scenario.id}: ${companion.action}`).not.toBe("");
                expect(companion.source, `${scenario.id}: ${companion.action}`).toMatch(/^AWS (managed policy|documentation)/);
                // Permissions are never a companion; tagging only as a create call's own tags (tag-on-create), never on every resource.
                expect(catalog.action(companion.action)?.accessLevels, `${scenario.id}: ${companion.action}`).not.toContain("Permissions management");
                if (catalog.action(companion.action)?.accessLevels.includes("Tagging"))
                    expect(companion.rule, `${scenario.id}: ${companion.action}`).toMatch(/^tag-on-create-/);
            }
        }
        const passRate = (scenarios.length - failures.length) / scenarios.length;
        expect(passRate, `${failures.length} of ${scenarios.length} fail:\n${failures.join("\n")}`).toBeGreaterThanOrEqual(REQUIRED_PASS_RATE);
    }, 60_000);
});
