import {describe, expect, it} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {ActionExpander} from "../../source/evaluation/ActionExpander.js";
import {aggregatePrecisionRecall, compareSets, precisionRecall} from "../../source/evaluation/setMetrics.js";

const catalog = loadCatalog();
const expander = new ActionExpander(catalog);

describe("action expansion", () => {
    it("expands wildcards against the catalog, case-insensitively, as lower-cased keys", () => {
        const gets = expander.expand("s3:Get*");
        expect(gets.has("s3:getobject")).toBe(true);
        expect(gets.has("s3:putobject")).toBe(false);
        expect(gets.size).toBe(catalog.expand("s3:Get*").length);
        expect(expander.expand("S3:GETOBJECT")).toEqual(new Set(["s3:getobject"]));
        expect(expander.expand("s3:*").size).toBe(catalog.service("s3")!.actions.length);
        expect(expander.expand("*").size).toBe(catalog.actionCount);
    });

    it("expands each pattern once", () => {
        expect(expander.expand("ec2:Describe*")).toBe(expander.expand("ec2:Describe*"));
        expect(expander.expand("*")).toBe(expander.all());
    });

    it("keeps a pattern that matches nothing as itself and reports it unknown", () => {
        expect(expander.expand("s3:GetObjekt")).toEqual(new Set(["s3:getobjekt"]));
        expect(expander.isKnown("s3:GetObjekt")).toBe(false);
        expect(expander.isKnown("nosuchservice:*")).toBe(false);
        expect(expander.isKnown("GetObject")).toBe(false);
        expect(expander.isKnown("s3:Get*")).toBe(true);
    });

    it("collects the actions a policy allows or denies, with Statement as one object", () => {
        const policy = {Statement: {Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: "*"}};
        expect(expander.effectiveActions(policy, "Allow")).toEqual(new Set(["s3:getobject", "s3:listbucket"]));
        expect(expander.effectiveActions(policy, "Deny").size).toBe(0);
    });

    it("reads NotAction as every catalog action except those listed", () => {
        const policy = {Statement: [{Effect: "Deny", NotAction: ["iam:*", "sts:GetSessionToken"], Resource: "*"}]};
        const denied = expander.effectiveActions(policy, "Deny");
        expect(denied.size).toBe(catalog.actionCount - catalog.service("iam")!.actions.length - 1);
        expect(denied.has("s3:getobject")).toBe(true);
        expect(denied.has("iam:createuser")).toBe(false);
        expect(denied.has("sts:getsessiontoken")).toBe(false);
    });

    it("unions the statements of one effect", () => {
        const policy = {Statement: [
            {Effect: "Allow", Action: "s3:GetObject"},
            {Effect: "Allow", Action: ["s3:getobject", "sqs:SendMessage"]},
            {Effect: "Deny", Action: "s3:DeleteObject"}
        ]};
        expect(expander.effectiveActions(policy, "Allow")).toEqual(new Set(["s3:getobject", "sqs:sendmessage"]));
    });
});

describe("precision, recall and F1", () => {
    it("compares sets", () => {
        const comparison = compareSets(new Set(["a", "b", "c", "d"]), new Set(["a", "b", "e"]));
        expect(comparison).toEqual({truePositives: 2, predicted: 4, expected: 3});
        const {precision, recall, f1} = precisionRecall(comparison);
        expect(precision).toBe(0.5);
        expect(recall).toBeCloseTo(2 / 3);
        expect(f1).toBeCloseTo(4 / 7);
    });

    it("gives two empty sets full marks and one empty side none", () => {
        expect(precisionRecall({truePositives: 0, predicted: 0, expected: 0})).toEqual({precision: 1, recall: 1, f1: 1});
        expect(precisionRecall({truePositives: 0, predicted: 0, expected: 5})).toEqual({precision: 0, recall: 0, f1: 0});
        expect(precisionRecall({truePositives: 0, predicted: 5, expected: 0})).toEqual({precision: 0, recall: 0, f1: 0});
    });

    it("averages per row for macro and sums counts for micro", () => {
        const aggregated = aggregatePrecisionRecall([
            {truePositives: 1, predicted: 1, expected: 1},
            {truePositives: 1, predicted: 99, expected: 1}
        ]);
        expect(aggregated.rows).toBe(2);
        expect(aggregated.macro.precision).toBeCloseTo((1 + 1 / 99) / 2);
        expect(aggregated.macro.recall).toBe(1);
        expect(aggregated.micro.precision).toBeCloseTo(2 / 100);
        expect(aggregated.micro.recall).toBe(1);
        expect(aggregated.micro.f1).toBeCloseTo(2 * 0.02 / 1.02);
    });

    it("grades Allow * far below a precise answer", () => {
        const expected = expander.effectiveActions({Statement: [{Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"]}]}, "Allow");
        const everything = expander.effectiveActions({Statement: [{Effect: "Allow", Action: "*"}]}, "Allow");
        const {precision, recall} = precisionRecall(compareSets(everything, expected));
        expect(recall).toBe(1);
        expect(precision).toBeLessThan(0.001);
    });
});
