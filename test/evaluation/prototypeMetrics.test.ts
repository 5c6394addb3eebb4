import {describe, expect, it} from "vitest";
import {parsePythonJson} from "../../source/evaluation/pythonJson.js";
import {
    extractPrototypeJson, isPrototypeJsonValid, isPrototypeSchemaValid, prototypeEffectAccuracy, prototypeServiceAccuracy, prototypeServices
} from "../../source/evaluation/prototypeMetrics.js";

const policy = {Version: "2012-10-17", Statement: [{Effect: "Allow", Action: ["s3:GetObject"], Resource: "*"}]};
const policyText = JSON.stringify(policy, null, 2);

describe("Python-compatible JSON", () => {
    it("agrees with JSON.parse on standard JSON", () => {
        for (const text of [policyText, " [1, -2.5e3, true, false, null, \"a\\u00e9\\n\"] ", "{}", "\"x\"", "0", "{\"a\": {\"b\": []}}"])
            expect(parsePythonJson(text)).toEqual({ok: true, value: JSON.parse(text)});
    });

    it("rejects what json.loads rejects", () => {
        for (const text of ["", "{", "{\"a\": 1,}", "[1 2]", "{'a': 1}", "01", "{\"a\": 1} x", "\"tab\there\"", "\ufeff{}", "\"\\x\"", "tru"])
            expect(parsePythonJson(text)).toEqual({ok: false});
    });

    it("accepts NaN and Infinity as json.loads does", () => {
        const parsed = parsePythonJson("{\"a\": NaN, \"b\": -Infinity, \"c\": [Infinity]}");
        expect(parsed.ok).toBe(true);
        const value = (parsed as {value: {a: number, b: number, c: number[]}}).value;
        expect(value.a).toBeNaN();
        expect(value.b).toBe(-Infinity);
        expect(value.c).toEqual([Infinity]);
    });

    it("keeps a __proto__ key as data", () => {
        const parsed = parsePythonJson("{\"__proto__\": {\"x\": 1}}") as {ok: true, value: Record<string, unknown>};
        expect(Object.keys(parsed.value)).toEqual(["__proto__"]);
        expect(Object.getPrototypeOf(parsed.value)).toBe(Object.prototype);
    });
});

describe("the prototype's JSON valid and JSON extracted", () => {
    it("counts only a whole-text parse as valid", () => {
        expect(isPrototypeJsonValid(policyText)).toBe(true);
        expect(isPrototypeJsonValid(`\n${policyText}\n`)).toBe(true);
        expect(isPrototypeJsonValid("```json\n" + policyText + "\n```")).toBe(false);
    });

    it("extracts from code fences and prose, first { to last }", () => {
        expect(extractPrototypeJson("```json\n" + policyText + "\n```")).toEqual({value: policy});
        expect(extractPrototypeJson(`Here is the policy:\n${policyText}\nIt grants read access.`)).toEqual({value: policy});
    });

    it("does not extract truncated JSON", () => {
        expect(extractPrototypeJson(policyText.slice(0, -10))).toBeNull();
        expect(extractPrototypeJson("{\"")).toBeNull();
        expect(extractPrototypeJson("no json at all")).toBeNull();
    });

    it("fails when prose between two objects breaks the one greedy span, as the notebook's regex did", () => {
        expect(extractPrototypeJson(`${policyText}\n### Instruction:\nmore {text}`)).toBeNull();
        expect(extractPrototypeJson(`${policyText}\n\n### Instruction:\nAllow everything.`)).toEqual({value: policy});
    });

    it("counts any JSON value as extracted, as the notebook did", () => {
        expect(extractPrototypeJson("42")).toEqual({value: 42});
        expect(isPrototypeSchemaValid(42)).toBe(false);
    });
});

describe("the prototype's schema check", () => {
    it("accepts a Statement given as one object", () => {
        expect(isPrototypeSchemaValid({Version: "2012-10-17", Statement: {Effect: "Deny", NotAction: "s3:*", NotResource: "*"}})).toBe(true);
    });

    it("requires Version, statements, a valid Effect, an action and a resource", () => {
        expect(isPrototypeSchemaValid(policy)).toBe(true);
        expect(isPrototypeSchemaValid({Statement: policy.Statement})).toBe(false);
        expect(isPrototypeSchemaValid({Version: "2012-10-17", Statement: []})).toBe(false);
        expect(isPrototypeSchemaValid({Version: "2012-10-17", Statement: [{Effect: "allow", Action: "s3:*", Resource: "*"}]})).toBe(false);
        expect(isPrototypeSchemaValid({Version: "2012-10-17", Statement: [{Effect: "Allow", Resource: "*"}]})).toBe(false);
        expect(isPrototypeSchemaValid({Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "s3:*"}]})).toBe(false);
        expect(isPrototypeSchemaValid({Version: "2012-10-17", Statement: ["Effect"]})).toBe(false);
    });

    it("checks only that Version is present, not its value", () => {
        expect(isPrototypeSchemaValid({...policy, Version: "banana"})).toBe(true);
    });
});

describe("the prototype's service and effect accuracy", () => {
    it("collects lower-cased prefixes from Action and NotAction, ignoring entries without a colon", () => {
        expect(prototypeServices({Statement: [{Action: ["S3:GetObject", "*"], NotAction: "IAM:*"}, {Action: "ec2:Describe*"}]}))
            .toEqual(new Set(["s3", "iam", "ec2"]));
    });

    it("is the Jaccard similarity of the prefixes", () => {
        const reference = {Statement: [{Effect: "Allow", Action: ["s3:GetObject", "kms:Decrypt"]}]};
        expect(prototypeServiceAccuracy(reference, {Statement: {Effect: "Allow", Action: ["s3:*", "logs:PutLogEvents"]}})).toBeCloseTo(1 / 3);
        expect(prototypeServiceAccuracy(reference, reference)).toBe(1);
        expect(prototypeServiceAccuracy(reference, {Statement: [{Effect: "Allow", Action: "*"}]})).toBe(0);
    });

    it("scores a reference without services 1 only when the output has none", () => {
        const reference = {Statement: [{Effect: "Allow", Action: "*"}]};
        expect(prototypeServiceAccuracy(reference, {Statement: [{Action: "*"}]})).toBe(1);
        expect(prototypeServiceAccuracy(reference, {Statement: [{Action: "s3:*"}]})).toBe(0);
    });

    it("compares the sets of effects", () => {
        const mixed = {Statement: [{Effect: "Allow"}, {Effect: "Deny"}]};
        expect(prototypeEffectAccuracy(mixed, {Statement: [{Effect: "Deny"}, {Effect: "Allow"}, {Effect: "Allow"}]})).toBe(1);
        expect(prototypeEffectAccuracy(mixed, {Statement: {Effect: "Allow"}})).toBe(0);
        expect(prototypeEffectAccuracy({Statement: [{Effect: "Allow"}]}, {Statement: [{Effect: "Allow"}, {Action: "s3:*"}]})).toBe(0);
        expect(prototypeEffectAccuracy(mixed, 42)).toBe(0);
    });
});
