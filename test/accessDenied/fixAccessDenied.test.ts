import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {fixAccessDenied, parseAccessDenied} from "../../source/accessDenied/index.js";
import {loadCatalog} from "../../source/catalog/index.js";
import {wildcardMatch} from "../../source/catalog/wildcardMatch.js";
import {policyStatements, type PolicyDocument} from "../../source/policy/index.js";
import {comparePolicies, evaluateDecision} from "../../source/simulation/index.js";
import {Random} from "../fuzz/random.js";

interface Fixture {
    name: string;
    text: string;
    policy?: PolicyDocument;
    expect:
        | {outcome: "granted"; action: string; resources: string[]; statements?: number; note?: string}
        | {outcome: "unchanged" | "refused" | "unreadable"; reason: string};
}

const catalog = loadCatalog();
const fixtures = JSON.parse(readFileSync(new URL("../fixtures/accessDenied/denials.json", import.meta.url), "utf8")) as Fixture[];
const EMPTY: PolicyDocument = {Version: "2012-10-17", Statement: []};

describe("iam-gen fix: AWS's AccessDenied formats", () => {
    it("has at least 20 fixtures, of every outcome", () => {
        expect(fixtures.length).toBeGreaterThanOrEqual(20);
        expect(new Set(fixtures.map((fixture) => fixture.expect.outcome))).toEqual(new Set(["granted", "unchanged", "refused", "unreadable"]));
        // The bar: 20 denials that end in a verified grant, or in no change with the reason (the explicit-deny variants among them).
        expect(fixtures.filter((fixture) => fixture.expect.outcome === "granted" || fixture.expect.outcome === "unchanged").length).toBeGreaterThanOrEqual(20);
        expect(fixtures.filter((fixture) => fixture.expect.outcome === "unchanged" && /explicit Deny/.test(fixture.expect.reason)).length).toBeGreaterThanOrEqual(5);
    });

    for (const fixture of fixtures) {
        it(fixture.name, () => {
            const parsed = parseAccessDenied(fixture.text, catalog);
            const expected = fixture.expect;
            if (expected.outcome === "unreadable") {
                expect(parsed.ok).toBe(false);
                expect(parsed.ok ? "" : parsed.reason).toMatch(new RegExp(expected.reason));
                return;
            }
            if (!parsed.ok)
                throw new Error(`not read: ${parsed.reason}`);
            const outcome = fixAccessDenied(parsed.denial, fixture.policy, catalog);
            if (expected.outcome !== "granted") {
                expect(outcome.kind).toBe(expected.outcome);
                expect(outcome.kind === "granted" ? "" : outcome.reason).toMatch(new RegExp(expected.reason));
                return;
            }
            if (outcome.kind !== "granted")
                throw new Error(`not granted: ${outcome.reason}`);
            expect({action: outcome.action, resources: outcome.resources}).toEqual({action: expected.action, resources: expected.resources});
            if (expected.statements != null)
                expect(policyStatements(outcome.policy)).toHaveLength(expected.statements);
            if (expected.note != null)
                expect(outcome.notes.join("\n")).toContain(expected.note);
            expectOnlyTheDeniedRequestAdded(fixture.policy ?? EMPTY, outcome.policy, expected.action, expected.resources, parsed.denial.context);
        });
    }
});

/** The fixed policy allows the denied request; compared with the old one, every pair it newly allows is that action on that resource. */
function expectOnlyTheDeniedRequestAdded(before: PolicyDocument, after: PolicyDocument, action: string, resources: string[], context?: Record<string, string | readonly string[]>) {
    for (const resource of resources) {
        expect(evaluateDecision(before, {action, resource, ...(context != null ? {context} : {})}).decision).not.toBe("allowed");
        expect(evaluateDecision(after, {action, resource, ...(context != null ? {context} : {})}).decision).toBe("allowed");
    }
    const comparison = comparePolicies(before, after, {catalog, resources});
    expect(comparison.removed).toEqual([]);
    expect(comparison.added.length).toBeGreaterThan(0);
    const beyond = [...comparison.added, ...comparison.conditional].filter((pair) =>
        pair.action !== action || !resources.some((pattern) => wildcardMatch(pattern, pair.resource)));
    expect(beyond).toEqual([]);
}

describe("iam-gen fix: damaged texts", () => {
    it("reads a cut or garbled denial as a denial or refuses it in one line, and a grant is only ever the action the text names", () => {
        const random = new Random(20_261_205);
        for (let run = 0; run < 400; run++) {
            const fixture = random.pick(fixtures);
            const text = damaged(fixture.text, random);
            const parsed = parseAccessDenied(text, catalog);
            if (!parsed.ok) {
                expect(parsed.reason).not.toContain("\n");
                continue;
            }
            const outcome = fixAccessDenied(parsed.denial, fixture.policy, catalog);
            if (outcome.kind === "granted")
                expect(text.toLowerCase()).toContain(outcome.action.split(":")[1]!.toLowerCase());
        }
    });
});

/** The text cut short, or with a run of characters replaced by others of the text. */
function damaged(text: string, random: Random): string {
    const at = random.below(text.length);
    if (random.chance(0.5))
        return text.slice(0, at);
    const length = 1 + random.below(12);
    return `${text.slice(0, at)}${Array.from({length}, () => text.charAt(random.below(text.length))).join("")}${text.slice(at + length)}`;
}
