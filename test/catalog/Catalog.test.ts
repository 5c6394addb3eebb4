import {describe, expect, it} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {splitAccessLevel} from "../../source/catalog/build/buildCatalogIndex.js";

const catalog = loadCatalog();

describe("catalog index", () => {
    it("holds every service and action of the pinned data", () => {
        expect(catalog.services.length).toBeGreaterThanOrEqual(450);
        expect(catalog.actionCount).toBeGreaterThanOrEqual(22_000);
        expect(catalog.allActions.length).toBe(catalog.actionCount);
        expect(catalog.dataVersion).toMatch(/^\d+\.\d+\.\d+/);
    });

    it("looks actions up case-insensitively and returns the canonical name", () => {
        expect(catalog.action("S3:getobject")?.name).toBe("GetObject");
        expect(catalog.action("s3:GetObjekt")).toBeUndefined();
        expect(catalog.action("GetObject")).toBeUndefined();
    });

    it("splits combined access levels", () => {
        expect(splitAccessLevel("Tagging, Write")).toEqual(["Tagging", "Write"]);
        expect(splitAccessLevel("Permissions management, Write")).toEqual(["Permissions management", "Write"]);
        expect(() => splitAccessLevel("Sideways")).toThrow(/Unknown access level/);
        expect(catalog.action("s3:PutObjectTagging")?.accessLevels).toEqual(["Tagging", "Write"]);
        expect(catalog.action("iam:AttachRolePolicy")?.accessLevels).toContain("Permissions management");
    });

    it("keeps resource types with their required flag and ARN templates", () => {
        const getObject = catalog.action("s3:GetObject")!;
        expect(getObject.resourceTypes.map((resource) => resource.name)).toEqual(["accesspointobject", "object"]);
        expect(catalog.action("sqs:SendMessage")?.resourceTypes).toEqual([{name: "queue", required: true}]);
        expect(catalog.resourceType("dynamodb", "table")?.arn).toBe("arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}");
        expect(catalog.action("s3:ListAllMyBuckets")?.resourceTypes).toEqual([]);
    });

    it("reads descriptions lazily", () => {
        expect(catalog.action("sqs:SendMessage")?.description).toMatch(/message/i);
        expect(JSON.parse(JSON.stringify(catalog.action("sqs:SendMessage"))).description).toMatch(/message/i);
    });

    it("expands wildcards as IAM does", () => {
        const gets = catalog.expand("s3:Get*");
        expect(gets.length).toBeGreaterThan(30);
        expect(gets.every((action) => action.service === "s3" && action.name.startsWith("Get"))).toBe(true);
        expect(catalog.expand("s3:*").length).toBe(catalog.service("s3")!.actions.length);
        expect(catalog.expand("*").length).toBe(catalog.actionCount);
        expect(catalog.expand("ec2:Describe?nstances").map((action) => action.name)).toEqual(["DescribeInstances"]);
        expect(catalog.expand("s3:getobject").map((action) => action.name)).toEqual(["GetObject"]);
        expect(catalog.expand("nosuchservice:*")).toEqual([]);
        expect(catalog.expand("s3:Frobnicate*")).toEqual([]);
    });

    it("knows service and global condition keys, including variable ones", () => {
        expect(catalog.conditionKey("s3:prefix")?.type).toBe("String");
        expect(catalog.conditionKey("aws:MultiFactorAuthPresent")?.type).toBe("Bool");
        expect(catalog.conditionKey("aws:SourceIp")?.type).toBe("IPAddress");
        expect(catalog.conditionKey("aws:ResourceTag/Environment")?.key).toBe("aws:ResourceTag/${TagKey}");
        expect(catalog.conditionKey("aws:PrincipalTag/team")?.key).toBe("aws:PrincipalTag/${TagKey}");
        expect(catalog.conditionKey("s3:NoSuchKey")).toBeUndefined();
        expect(catalog.conditionKey("nokey")).toBeUndefined();
    });
});

describe("condition keys however the data spells their variable part", () => {
    it("matches <key> and tag-key templates and global keys of other prefixes", () => {
        expect(catalog.conditionKey("s3:ExistingObjectTag/classification")?.key).toBe("s3:ExistingObjectTag/<key>");
        expect(catalog.conditionKey("secretsmanager:ResourceTag/team")?.key).toMatch(/^secretsmanager:ResourceTag\//);
        const global = catalog.conditionKey("ec2:SourceInstanceArn");
        expect(global?.type).toBe("ARN");
        expect(catalog.isGlobalConditionKey(global!)).toBe(true);
        expect(catalog.isGlobalConditionKey(catalog.conditionKey("s3:prefix")!)).toBe(false);
    });
});
