import {describe, expect, it} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import type {PolicyDocument, PolicyStatement} from "../../source/policy/types.js";
import {comparePolicies, isBroader} from "../../source/simulation/index.js";

const catalog = loadCatalog();
const policy = (...statements: PolicyStatement[]): PolicyDocument => ({Version: "2012-10-17", Statement: statements});
const reports = ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"];
const readWrite = policy({Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], Resource: reports});
const readOnly = policy({Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: reports});
const pairs = (entries: ReadonlyArray<{action: string; resource: string}>) => entries.map((entry) => `${entry.action} ${entry.resource}`);

describe("comparePolicies", () => {
    it("lists only removals for a read-only refinement", () => {
        const comparison = comparePolicies(readWrite, readOnly, {catalog});
        expect(comparison.added).toEqual([]);
        expect(comparison.conditional).toEqual([]);
        expect(pairs(comparison.removed)).toContain("s3:PutObject arn:aws:s3:::reports/*");
        expect(comparison.removed.every((change) => change.action === "s3:PutObject")).toBe(true);
        expect(pairs(comparison.unchanged)).toContain("s3:GetObject arn:aws:s3:::reports/x");
        expect(isBroader(readWrite, readOnly, {catalog})).toBe(false);
        expect(isBroader(readOnly, readWrite, {catalog})).toBe(true);
    });

    it("finds nothing changed between a policy and itself", () => {
        const comparison = comparePolicies(readWrite, readWrite, {catalog});
        expect([comparison.added, comparison.removed, comparison.conditional]).toEqual([[], [], []]);
        expect(comparison.unchanged.length).toBeGreaterThan(0);
    });

    it("expands wildcards over the catalog, so s3:Get* adds every Get action the catalog knows", () => {
        const comparison = comparePolicies(readOnly, policy({Effect: "Allow", Action: "s3:Get*", Resource: reports}), {catalog});
        const added = new Set(comparison.added.map((change) => change.action));
        expect(added.has("s3:GetBucketPolicy")).toBe(true);
        expect(added.has("s3:GetObject")).toBe(false);
        expect([...added].every((action) => action.startsWith("s3:Get"))).toBe(true);
    });

    it("widens when a resource pattern grows, and probes a generic ARN of the action's resource types", () => {
        const narrow = policy({Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/2024/*"});
        const wide = policy({Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::*"});
        const comparison = comparePolicies(narrow, wide, {catalog, resources: ["arn:aws:s3:::other/key"]});
        expect(pairs(comparison.added)).toEqual(expect.arrayContaining(["s3:GetObject arn:aws:s3:::other/key", "s3:GetObject arn:aws:s3:::*"]));
        expect(comparison.added.some((change) => change.resource !== "*" && !change.resource.includes("reports") && !change.resource.includes("other"))).toBe(true);
        expect(pairs(comparison.unchanged)).toContain("s3:GetObject arn:aws:s3:::reports/2024/x");
    });

    it("counts adding a condition as narrowing and removing one as widening", () => {
        const unconditional = policy({Effect: "Allow", Action: "s3:GetObject", Resource: "*"});
        const withMfa = policy({Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: {Bool: {"aws:MultiFactorAuthPresent": "true"}}});
        const narrowed = comparePolicies(unconditional, withMfa, {catalog});
        expect(narrowed.added).toEqual([]);
        expect(narrowed.conditional.length).toBeGreaterThan(0);
        expect(narrowed.conditional.every((change) => change.widenedUnder.length === 0 && change.narrowedUnder.some((context) => Object.keys(context).length === 0))).toBe(true);
        expect(isBroader(unconditional, withMfa, {catalog})).toBe(false);
        expect(isBroader(withMfa, unconditional, {catalog})).toBe(true);
    });

    it("builds a context that satisfies each condition: wildcards filled only for Like operators", () => {
        const unconditional = policy({Effect: "Allow", Action: "s3:ListBucket", Resource: "*"});
        const literal = policy({Effect: "Allow", Action: "s3:ListBucket", Resource: "*", Condition: {StringEquals: {"s3:prefix": "a*"}}});
        const like = policy({Effect: "Allow", Action: "s3:ListBucket", Resource: "*", Condition: {StringLike: {"s3:prefix": "a*"}}});
        const [literalChange] = comparePolicies(unconditional, literal, {catalog}).conditional;
        expect(literalChange!.narrowedUnder).toEqual([{}]);
        const [likeChange] = comparePolicies(unconditional, like, {catalog}).conditional;
        expect(likeChange!.narrowedUnder).toEqual([{}]);
    });

    it("sees a Deny with a negated condition: allowed only in the region the Deny spares", () => {
        const allow = {Effect: "Allow" as const, Action: "s3:GetObject", Resource: "*"};
        const regionLocked = policy(allow, {Effect: "Deny", Action: "s3:*", Resource: "*", Condition: {StringNotEquals: {"aws:RequestedRegion": "eu-west-1"}}});
        const comparison = comparePolicies(policy(allow), regionLocked, {catalog});
        expect(comparison.added).toEqual([]);
        const change = comparison.conditional.find((entry) => entry.action === "s3:GetObject" && entry.resource === "*")!;
        expect(change.narrowedUnder).toContainEqual({});
        expect(change.widenedUnder).toEqual([]);
        expect(isBroader(regionLocked, policy(allow), {catalog})).toBe(true);
    });

    it("handles NotAction by probing every catalog action", () => {
        const notIam = policy({Effect: "Allow", NotAction: "iam:*", Resource: "*"});
        const comparison = comparePolicies(readOnly, notIam, {catalog});
        expect(comparison.added.some((change) => change.action === "ec2:RunInstances")).toBe(true);
        expect(comparison.added.some((change) => change.action.startsWith("iam:"))).toBe(false);
        expect(comparison.probes.actions).toBe(catalog.actionCount);
    });

    it("probes the values that policy variables and condition keys take", () => {
        const own = policy({Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::home/${aws:username}/*"});
        const comparison = comparePolicies(policy(), own, {catalog});
        expect(comparison.added.map((change) => change.resource)).toContain("arn:aws:s3:::home/probe/x");
        expect(comparison.added[0]!.contexts.every((context) => context["aws:username"] === "probe")).toBe(true);
    });

    it("compares a typical three-statement policy in a few milliseconds", () => {
        const before = policy(
            {Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], Resource: reports},
            {Effect: "Allow", Action: "s3:DeleteObject", Resource: "arn:aws:s3:::reports/tmp/*", Condition: {Bool: {"aws:MultiFactorAuthPresent": "true"}}},
            {Effect: "Deny", Action: "s3:*", Resource: "*", Condition: {StringNotEquals: {"aws:RequestedRegion": "eu-west-1"}}}
        );
        const rounds = Array.from({length: 20}, () => {
            const started = performance.now();
            comparePolicies(before, readOnly, {catalog});
            return performance.now() - started;
        });
        // A few ms once warm on a quiet machine; the fastest round, against a bound with room for a busy shared core.
        console.log(`comparePolicies: fastest ${Math.min(...rounds).toFixed(1)} ms, median ${rounds.sort((a, b) => a - b)[10]!.toFixed(1)} ms`);
        expect(Math.min(...rounds)).toBeLessThan(25);
    });
});
