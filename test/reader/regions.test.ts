import {describe, expect, test} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {CatalogEngine} from "../../source/engine/catalog/CatalogEngine.js";
import {policyStatements} from "../../source/policy/index.js";
import {retrieve} from "../../source/retrieval/retrieve.js";
import {runEngine} from "../engine/runEngine.js";

const catalog = loadCatalog();
const engine = new CatalogEngine({catalog});

/** Each statement's effect with its aws:RequestedRegion test, and its resources. */
async function regionTests(request: string) {
    const {policy, verification} = await runEngine(engine, request);
    return {
        statements: policyStatements(policy!).map((statement) => ({
            effect: statement.Effect,
            test: Object.entries(statement.Condition ?? {}).flatMap(([operator, keys]) => "aws:RequestedRegion" in keys ? [`${operator} ${String(keys["aws:RequestedRegion"])}`] : []),
            resources: [statement.Resource ?? []].flat()
        })),
        verified: verification == null || verification.failed.length === 0
    };
}

describe("regions a request rules out are never the ones it grants or denies in", () => {
    test("an Allow 'except in' a region allows everywhere else, with its ARNs in no ruled-out region", async () => {
        const {statements, verified} = await regionTests("Allow reading DynamoDB table orders except in us-west-2");
        expect(statements.every((statement) => statement.effect === "Allow" && statement.test.join() === "StringNotEquals us-west-2")).toBe(true);
        expect(statements.flatMap((statement) => statement.resources).some((arn) => arn.includes("us-west-2"))).toBe(false);
        expect(verified).toBe(true);
    });

    test("'not in' reads like 'except in'; 'only in' names the region allowed", async () => {
        expect((await regionTests("Allow reading the S3 bucket logs but not in eu-west-1")).statements.map((statement) => statement.test.join())).toContain("StringNotEquals eu-west-1");
        expect((await regionTests("Allow reading the S3 bucket logs only in eu-west-1")).statements.map((statement) => statement.test.join())).toContain("StringEquals eu-west-1");
    });

    test("a Deny 'except in' a region denies everywhere else, never that region", async () => {
        const {statements} = await regionTests("Deny everything except in us-east-1");
        expect(statements).toEqual([expect.objectContaining({effect: "Deny", test: ["StringNotEquals us-east-1"]})]);
        expect((await regionTests("Deny all actions in us-west-2")).statements[0]!.test).toEqual(["StringEquals us-west-2"]);
    });

    test("the ruled-out region is kept as what the request rules out", () => {
        expect(retrieve("Allow EC2 actions except in the us-west-2 region", {catalog}).conditions)
            .toEqual([expect.objectContaining({kind: "region", operator: "StringNotEquals", values: ["us-west-2"], ruledOut: true})]);
        expect(retrieve("Allow EC2 actions except in the us-west-2 region", {catalog}).region).toBeUndefined();
    });
});
