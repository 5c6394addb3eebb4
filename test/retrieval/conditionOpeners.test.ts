import {describe, expect, it} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {CatalogEngine} from "../../source/engine/catalog/CatalogEngine.js";
import type {PolicyDocument, PolicyStatement} from "../../source/policy/types.js";
import {retrieve} from "../../source/retrieval/index.js";
import {verifyGeneration} from "../../source/verification/index.js";
import {runEngine} from "../engine/runEngine.js";

const catalog = loadCatalog();
const engine = new CatalogEngine({catalog});

function statements(policy: PolicyDocument | null): PolicyStatement[] {
    return [policy?.Statement ?? []].flat();
}

/** Each statement as "Effect actions condition", the condition block as JSON (or "-"). */
function shapes(policy: PolicyDocument | null): string[] {
    return statements(policy).map((statement) => `${statement.Effect} ${[statement.Action ?? []].flat().join(",")} ${statement.Condition == null ? "-" : JSON.stringify(statement.Condition)}`);
}

describe("the word that opens a Deny's condition", () => {
    it.each([
        ["Deny creating EC2 volumes if the request has the tag Owner=unknown", "scope"],
        ["Deny terminating EC2 instances when they are tagged env=prod", "scope"],
        ["Deny deleting S3 objects where the request comes from 198.51.100.0/24", "scope"],
        ["Deny all S3 actions unless MFA is present", "requirement"],
        ["Deny all S3 actions without MFA", "requirement"],
        ["Deny deleting S3 objects only if the request comes from 198.51.100.0/24", "requirement"],
        ["Deny access to bucket ledger except for users who have MFA", "requirement"],
        ["Deny all S3 actions except when MFA is used", "requirement"],
        ["Deny all S3 actions if MFA is not present", "requirement"],
        ["Deny deleting S3 objects when the request comes from outside 198.51.100.0/24", "requirement"],
        ["If MFA is missing, deny all S3 actions", "requirement"]
    ])("%s: %s", (request, opener) => {
        const [hint] = retrieve(request, {catalog}).conditions;
        expect(hint?.opener).toBe(opener);
    });

    it("is not read where nothing opens the phrase, nor for an Allow's own clause", () => {
        for (const request of ["deny everything outside us-east-1", "Deny EC2 calls in ap-east-1", "Deny deleting objects in buckets tagged Secret=yes", "Allow reading S3 objects if MFA is present"])
            expect(retrieve(request, {catalog}).conditions.map((hint) => hint.opener), request).toEqual([undefined]);
    });

    it("in the deny clause of an Allow request, belongs to the Deny alone", () => {
        const [hint] = retrieve("Let developers start EC2 instances, but deny the action when the instance has the tag env=prod", {catalog}).conditions;
        expect(hint).toMatchObject({kind: "resourceTag", opener: "scope", appliesTo: {effect: "Deny"}});
    });
});

describe("a Deny's condition opened by 'if'/'when' is its scope, by 'unless'/'only if' a requirement", () => {
    it.each([
        ["Deny creating EC2 volumes if the request has the tag Owner=unknown", "Deny ec2:CreateVolume {\"StringEquals\":{\"aws:RequestTag/Owner\":\"unknown\"}}"],
        ["Deny deleting S3 objects when the request comes from 198.51.100.0/24", "Deny s3:DeleteObject {\"IpAddress\":{\"aws:SourceIp\":\"198.51.100.0/24\"}}"],
        ["Deny deleting S3 objects unless the request comes from 198.51.100.0/24", "Deny s3:DeleteObject {\"NotIpAddress\":{\"aws:SourceIp\":\"198.51.100.0/24\"}}"],
        ["Deny terminating EC2 instances unless they are tagged env=dev", "Deny ec2:TerminateInstances {\"StringNotEquals\":{\"aws:ResourceTag/env\":\"dev\"}}"],
        ["Deny all S3 actions unless MFA is present", "Deny s3:* {\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}}"],
        ["Deny all S3 actions if MFA is not present", "Deny s3:* {\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}}"]
    ])("%s", async (request, shape) => {
        const result = await runEngine(engine, request);
        expect(shapes(result.policy)).toEqual([shape]);
        expect(result.verification?.failed ?? []).toEqual([]);
    });

    it.each([
        ["Deny access to bucket ledger except for users who have MFA", "BoolIfExists", "false"],
        ["deny everything outside us-east-1", "StringNotEquals", "us-east-1"],
        ["Deny EC2 calls in ap-east-1", "StringEquals", "ap-east-1"],
        ["Deny deleting objects in buckets tagged Secret=yes", "StringEquals", "yes"],
        ["Deny all EC2 actions except in us-west-2", "StringNotEquals", "us-west-2"]
    ])("keeps what it wrote before: %s", async (request, operator, value) => {
        const result = await runEngine(engine, request);
        const [statement] = statements(result.policy);
        expect(statement?.Effect).toBe("Deny");
        expect(Object.keys(statement?.Condition ?? {})).toEqual([operator]);
        expect(JSON.stringify(statement?.Condition)).toContain(value);
        expect(result.verification?.failed ?? []).toEqual([]);
    });

    it("verification fails a Deny that negates what 'if' scopes", () => {
        const request = "Deny creating EC2 volumes if the request has the tag Owner=unknown";
        const inverted: PolicyDocument = {Version: "2012-10-17", Statement: [
            {Effect: "Deny", Action: "ec2:CreateVolume", Resource: "*", Condition: {StringNotEquals: {"aws:RequestTag/Owner": "unknown"}}}
        ]};
        expect(verifyGeneration({policy: inverted, context: retrieve(request, {catalog})}, catalog).failed.length).toBeGreaterThan(0);
    });
});

describe("'…, but deny the action when C' denies the verbs asked before it, where C holds", () => {
    it.each([
        ["Let developers start EC2 instances, but deny the action when the instance has the tag env=prod", "ec2:StartInstances", "{\"StringEquals\":{\"aws:ResourceTag/env\":\"prod\"}}"],
        ["Allow creating EC2 snapshots but deny it if the snapshot being created has the tag stage=prod", "ec2:CreateSnapshot", "{\"StringEquals\":{\"aws:RequestTag/stage\":\"prod\"}}"],
        ["Allow deleting objects in bucket scratch, but deny that unless MFA is present", "s3:DeleteObject", "{\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}}"]
    ])("%s", async (request, action, condition) => {
        const result = await runEngine(engine, request);
        const found = statements(result.policy);
        const allows = found.filter((statement) => statement.Effect === "Allow" && [statement.Action].flat().includes(action));
        const denies = found.filter((statement) => statement.Effect === "Deny" && [statement.Action].flat().includes(action));
        expect(allows.length).toBeGreaterThan(0);
        expect(allows.every((statement) => statement.Condition == null)).toBe(true);
        expect(denies.map((statement) => JSON.stringify(statement.Condition))).toEqual([condition]);
        expect(result.verification?.failed ?? []).toEqual([]);
    });

    it("needs the action named after the deny cue and an opener after it", async () => {
        const result = await runEngine(engine, "Let developers start EC2 instances, but deny terminating them when they are tagged env=prod");
        const denied = statements(result.policy).filter((statement) => statement.Effect === "Deny").flatMap((statement) => [statement.Action].flat());
        expect(denied).toEqual(["ec2:TerminateInstances"]);
    });
});
