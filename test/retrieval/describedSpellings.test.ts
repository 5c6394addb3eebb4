import {describe, expect, it} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {describedActionsOf, describedSpellings} from "../../source/retrieval/describedSpellings.js";

const catalog = loadCatalog();
const spelt = (verb: string, object: string) => (describedSpellings(catalog, verb).get(object) ?? []).flatMap((entry) => entry.services.map((service) => `${service}:${entry.name}`)).sort();

describe("actions spelt by their descriptions", () => {
    it("reads the verb and the leading runs of its object, singular, up to a preposition", () => {
        expect(spelt("publish", "metric")).toContain("cloudwatch:PutMetricData");
        expect(spelt("invoke", "function")).toContain("lambda:InvokeFunction");
        // "… metric data points to Amazon CloudWatch": the object ends before "to".
        expect([...describedSpellings(catalog, "publish").keys()].some((key) => key.includes("amazon") || key.includes("cloudwatch"))).toBe(false);
    });

    it("leaves out reading actions, whose verbs AWS writes interchangeably", () => {
        expect(spelt("view", "dashboard")).toEqual([]);
        expect(spelt("get", "information")).toEqual([]);
    });

    it("keeps only objects that name a thing of the service and spellings few services share", () => {
        for (const entries of describedSpellings(catalog, "create").values())
            expect(new Set(entries.flatMap((entry) => entry.services)).size).toBeLessThanOrEqual(3);
        expect(spelt("create", "multi")).toEqual([]);
    });

    it("gives a known service's own actions without those guards", () => {
        // "continuous" qualifies the backups: no thing of DynamoDB, and the request may read "backups" as a verb ("back up").
        expect(spelt("enable", "continuous")).toEqual([]);
        expect(describedActionsOf(catalog, "enable", "dynamodb").get("continuous")).toContain("UpdateContinuousBackups");
    });
});
