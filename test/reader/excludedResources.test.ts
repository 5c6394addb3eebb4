import {describe, expect, test} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {CatalogEngine} from "../../source/engine/catalog/CatalogEngine.js";
import {policyStatements} from "../../source/policy/index.js";
import {runEngine} from "../engine/runEngine.js";

const engine = new CatalogEngine({catalog: loadCatalog()});

async function statements(request: string) {
    const {policy} = await runEngine(engine, request);
    return policyStatements(policy!).map((statement) => ({effect: statement.Effect, resource: statement.Resource, notResource: statement.NotResource}));
}

describe("a resource the request rules out is never granted on, nor denied in a Deny about the others", () => {
    test("a Deny of every bucket except one applies to everything but that bucket", async () => {
        expect(await statements("Deny all S3 actions on every bucket except bucket reports")).toEqual([
            {effect: "Deny", resource: undefined, notResource: ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]}
        ]);
    });

    test("an Allow of everything except one resource denies that resource beside it", async () => {
        const found = await statements("Allow all S3 actions on every resource except the bucket secrets");
        expect(found).toContainEqual({effect: "Deny", resource: ["arn:aws:s3:::secrets", "arn:aws:s3:::secrets/*"], notResource: undefined});
        expect(found.filter((statement) => statement.effect === "Allow").map((statement) => statement.resource)).not.toContainEqual(expect.arrayContaining(["arn:aws:s3:::secrets"]));
    });

    test("the Deny about the others has a Sid like every composed statement, unique in the policy", async () => {
        const {policy} = await runEngine(engine, "Deny all S3 actions on every bucket except bucket reports");
        expect(policyStatements(policy!).map((statement) => statement.Sid)).toEqual(["DenyS3FullAccessExceptReports"]);
        const both = await runEngine(engine, "Deny deleting objects in every bucket except bucket reports");
        const sids = policyStatements(both.policy!).map((statement) => statement.Sid);
        expect(sids.every((sid) => sid != null && /^[A-Za-z0-9]+$/.test(sid))).toBe(true);
        expect(new Set(sids).size).toBe(sids.length);
    });

    test("'except' is never read as a resource's name", async () => {
        expect(JSON.stringify(await statements("Deny all S3 actions on every bucket except bucket reports"))).not.toContain(":::except");
    });
});
