import fs from "node:fs";
import {beforeAll, describe, expect, it} from "vitest";
import {readPolicyFile, type ExportFormat} from "../../source/export/index.js";
import {exportPolicy} from "../../source/export/index.js";
import type {PolicyDocument} from "../../source/policy/types.js";
import {canonicalPolicy} from "./roundTrip/canonical.js";
import {engineCases, type RoundTripCase} from "./roundTrip/cases.js";
import {cdkPythonRoundTrip, havePython} from "./roundTrip/cdkPython.js";
import {cdkTypeScriptRoundTrip} from "./roundTrip/cdkTypeScript.js";
import {cloudFormationRoundTrip} from "./roundTrip/cloudformation.js";
import {terraformRoundTrip} from "./roundTrip/terraform.js";

const fixtures = new URL("./fixtures/", import.meta.url);
const requests = fs.readFileSync(new URL("requests.txt", fixtures), "utf8").split("\n").filter((line) => line.trim() !== "");
const written = JSON.parse(fs.readFileSync(new URL("policies.json", fixtures), "utf8")) as {name: string; account?: string; region?: string; policy: PolicyDocument}[];

if (!havePython())
    console.warn("python3 is not installed: skipping the CDK Python round trip");

let cases: RoundTripCase[] = [];

beforeAll(async () => {
    const generated = await engineCases(requests.map((request) => ({name: request, request})));
    // What the engine never writes (NotResource, variables in conditions, a lone statement object) comes from policies written by hand.
    cases = [...generated, ...written.map(({name, account, region, policy}) => ({name, policy, context: {request: name, account, region}}))];
}, 60_000);

describe("export round trips on the catalog engine's policies for the fixture requests", () => {
    it("has at least 100 engine policies and every shape the formats must carry", () => {
        expect(requests.length).toBeGreaterThanOrEqual(100);
        expect(cases.length - written.length).toBe(requests.length);
        const text = cases.map((testCase) => JSON.stringify(testCase.policy));
        const count = (pattern: RegExp) => text.filter((policy) => pattern.test(policy)).length;
        expect(count(/"Effect":"Deny"/)).toBeGreaterThan(3);
        expect(count(/"NotAction"/)).toBeGreaterThan(1);
        expect(count(/"NotResource"/)).toBeGreaterThan(1);
        expect(count(/\$\{aws:/)).toBeGreaterThan(3);
        expect(count(/"Condition":\{[^}]*\[[^\]]*,/)).toBeGreaterThan(3);
        expect(count(/123456789012/)).toBeGreaterThan(20);
    });

    it("Terraform: parsed by @cdktf/hcl2json, the statements rebuilt equal ours", async () => {
        expect(await terraformRoundTrip(cases)).toEqual([]);
    });

    it("CloudFormation: parsed by yaml with the intrinsic tags, the PolicyDocument with Fn::Sub resolved equals ours", () => {
        expect(cloudFormationRoundTrip(cases)).toEqual([]);
    });

    it("CDK TypeScript: compiled, synthesised with aws-cdk-lib in one app, the synthesised documents equal ours", () => {
        expect(cdkTypeScriptRoundTrip(cases)).toEqual([]);
    }, 60_000);

    it.skipIf(!havePython())("CDK Python: run by python3, the statements it builds equal ours", () => {
        expect(cdkPythonRoundTrip(cases)).toEqual([]);
    });

    it.each(["json", "yaml", "terraform", "cloudformation"] satisfies ExportFormat[])("%s: iam-gen reads its own export back as the same policy", (format) => {
        for (const testCase of cases)
            expect(canonicalPolicy(readPolicyFile(exportPolicy(testCase.policy, format, testCase.context))), `${testCase.name}`).toEqual(canonicalPolicy(testCase.policy));
    });
});
