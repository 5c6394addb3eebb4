import {describe, expect, it} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {CatalogEngine} from "../../source/engine/catalog/CatalogEngine.js";
import {ConversationSession} from "../../source/engine/ConversationSession.js";
import {loadManagedPolicyNames, managedPolicy} from "../../source/managed/index.js";
import type {PolicyDocument, PolicyStatement} from "../../source/policy/types.js";
import {retrieve} from "../../source/retrieval/index.js";
import {describeProbe, probesOfReference, runProbes, verificationSummary, verifyGeneration} from "../../source/verification/index.js";

const catalog = loadCatalog();
const policy = (...statements: PolicyStatement[]): PolicyDocument => ({Version: "2012-10-17", Statement: statements});
const verify = (request: string, document: PolicyDocument) => verifyGeneration({policy: document, context: retrieve(request, {catalog})}, catalog);
const failedReasons = (request: string, document: PolicyDocument) => verify(request, document).failed.map((probe) => `${probe.reason} ${probe.action}`);

const READ_REPORTS = "Allow reading objects in S3 bucket reports only with MFA, but not deleting them";
const mfa = {Bool: {"aws:MultiFactorAuthPresent": "true"}};

describe("verifyGeneration from the request's typed form", () => {
    it("passes a policy that does what was asked", () => {
        const good = policy(
            {Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*", Condition: mfa},
            {Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::reports", Condition: mfa}
        );
        const verification = verify(READ_REPORTS, good);
        expect(verification.failed.map(describeProbe)).toEqual([]);
        expect(verification.probes).toBeGreaterThanOrEqual(4);
        expect(verificationSummary(verification)).toBe(`verified ${verification.probes}/${verification.probes}`);
    });

    it("fails the condition the request asked for when the policy drops it", () => {
        const noMfa = policy({Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]});
        expect(failedReasons(READ_REPORTS, noMfa)).toEqual(["conditionRequired s3:GetObject", "conditionRequired s3:ListBucket"]);
    });

    it("fails an intended action on another bucket, and an excluded action that is allowed", () => {
        const wrong = policy(
            {Effect: "Allow", Action: ["s3:GetObject", "s3:DeleteObject"], Resource: "arn:aws:s3:::other/*", Condition: mfa},
            {Effect: "Allow", Action: "s3:DeleteObject", Resource: "arn:aws:s3:::reports/*", Condition: mfa}
        );
        const reasons = failedReasons(READ_REPORTS, wrong);
        expect(reasons).toContain("intended s3:GetObject");
        expect(reasons).toContain("excluded s3:DeleteObject");
    });

    it("needs an allowed action on one of the named buckets, not on each (which verb goes with which bucket is not known)", () => {
        const request = "Allow reading objects from bucket input-data and writing objects to bucket output-data";
        const split = policy(
            {Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::input-data/*"},
            {Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::input-data"},
            {Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::output-data/*"}
        );
        expect(failedReasons(request, split)).toEqual([]);
    });

    it("asks a Deny to deny where its requirement fails and not where it holds", () => {
        const request = "deny s3 object deletes unless MFA is present";
        const guard = policy({Effect: "Deny", Action: "s3:DeleteObject", Resource: "*", Condition: {BoolIfExists: {"aws:MultiFactorAuthPresent": "false"}}});
        expect(failedReasons(request, guard)).toEqual([]);
        const always = policy({Effect: "Deny", Action: "s3:DeleteObject", Resource: "*"});
        expect(failedReasons(request, always)).toEqual(["conditionScoped s3:DeleteObject"]);
        const allow = policy({Effect: "Allow", Action: "s3:DeleteObject", Resource: "*"});
        expect(failedReasons(request, allow)).toContain("guardrail s3:DeleteObject");
    });

    it("fails a narrowing follow-up that allows something new, and passes one that only takes away", () => {
        const before = policy({Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::reports/*"});
        const readOnly = policy({Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*"});
        const widened = policy({Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::reports/*", "arn:aws:s3:::reports"]});
        const followUp = retrieve("make it read-only", {catalog});
        const passing = verifyGeneration({policy: readOnly, previous: before, context: followUp}, catalog);
        expect(passing.failed).toEqual([]);
        expect(passing.probes).toBeGreaterThan(0);
        const failing = verifyGeneration({policy: widened, previous: before, context: followUp}, catalog);
        expect(failing.failed.map((probe) => `${probe.reason} ${probe.action}`)).toContain("narrowing s3:ListBucket");
    });

    it("makes a condition a follow-up asks for matter on what is still allowed", () => {
        const before = policy({Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*"});
        const followUp = retrieve("require MFA", {catalog});
        const withMfa = policy({Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*", Condition: mfa});
        expect(verifyGeneration({policy: withMfa, previous: before, context: followUp, change: {kind: "narrow", cue: "require"}}, catalog).failed).toEqual([]);
        const unchanged = verifyGeneration({policy: before, previous: before, context: followUp, change: {kind: "narrow", cue: "require"}}, catalog);
        expect(unchanged.failed.map((probe) => probe.reason)).toContain("conditionRequired");
    });
});

describe("probesOfReference", () => {
    it("every AWS managed policy passes the probes derived from itself (a sample of 60)", () => {
        const names = loadManagedPolicyNames().filter((_, index) => index % 27 === 0);
        for (const {name} of names) {
            const {document} = managedPolicy(name)!;
            const verification = runProbes(document, probesOfReference(document, catalog));
            expect(verification.failed.map(describeProbe), name).toEqual([]);
        }
    });

    it("asks a generated policy for what the reference allows and for its conditions", () => {
        const reference = policy({Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*", Condition: mfa});
        const probes = probesOfReference(reference, catalog);
        expect(probes.map((probe) => `${probe.expect} ${probe.action} ${probe.condition ?? ""}`.trim())).toEqual([
            "allowed s3:GetObject", "denied s3:GetObject aws:MultiFactorAuthPresent"
        ]);
        const open = policy({Effect: "Allow", Action: "s3:GetObject", Resource: "*"});
        expect(runProbes(open, probes).failed.map((probe) => probe.expect)).toEqual(["denied"]);
    });
});

describe("the catalog engine's results", () => {
    it("carry a verification", async () => {
        const engine = new CatalogEngine({catalog});
        const events = engine.generate(READ_REPORTS, new ConversationSession());
        let next = await events.next();
        while (!next.done)
            next = await events.next();
        expect(next.value.verification?.probes).toBeGreaterThan(0);
        expect(next.value.verification?.failed).toEqual([]);
    });
});
