import {describe, expect, test} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {tagOnCreateRules} from "../../source/engine/catalog/tagOnCreate.js";

const catalog = loadCatalog();

function ruleFor(service: string, tagger: string) {
    return tagOnCreateRules(catalog, service).find((rule) => rule.actions[0]!.action === `${service}:${tagger}`);
}

describe("tag-on-create companions, derived from the catalog", () => {
    test("a create call that takes request tags brings the tagging action of a resource type it shares", () => {
        expect(ruleFor("iam", "TagRole")?.when.granted).toContain("iam:CreateRole");
        expect(ruleFor("iam", "TagRole")?.when.granted).not.toContain("iam:CreateUser");
        expect(ruleFor("lambda", "TagResource")?.when.granted).toContain("lambda:CreateFunction");
        expect(ruleFor("sqs", "TagQueue")?.when.granted).toEqual(["sqs:CreateQueue"]);
    });

    test("only where the request says its resources are tagged, and never the tagging action itself as a trigger", () => {
        for (const rule of ["iam", "lambda", "ec2", "dynamodb"].flatMap((service) => tagOnCreateRules(catalog, service))) {
            expect(rule.when.words?.flat()).toContain("tag");
            expect(rule.when.granted).not.toContain(rule.actions[0]!.action);
            expect(rule.family).toBe("tagging");
        }
    });

    test("a tagging action that names the create call it is part of is limited to it (ec2:CreateAction)", () => {
        expect(ruleFor("ec2", "CreateTags")?.createActionKey).toBe("ec2:CreateAction");
        expect(ruleFor("lambda", "TagResource")?.createActionKey).toBeUndefined();
    });

    test("session tags are tags on create too; a service without a tagging action has no such rules", () => {
        expect(ruleFor("sts", "TagSession")?.when.granted).toContain("sts:AssumeRole");
        expect(tagOnCreateRules(catalog, "execute-api")).toEqual([]);
    });
});
