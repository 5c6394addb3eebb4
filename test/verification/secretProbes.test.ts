import {describe, expect, test} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {CatalogEngine} from "../../source/engine/catalog/CatalogEngine.js";
import {runEngine} from "../engine/runEngine.js";

const engine = new CatalogEngine({catalog: loadCatalog()});

describe("verification probes the resources the engine grants on", () => {
    test.each([
        "Allow reading the secret prod/db",
        "Allow the app to read the secrets app/api-key and app/db-password"
    ])("a secret named in words is probed with Secrets Manager's suffix: %s", async (request) => {
        const {policy, verification} = await runEngine(engine, request);
        expect(JSON.stringify(policy)).toContain("-??????");
        expect(verification?.probes ?? 0).toBeGreaterThan(0);
        expect(verification?.failed).toEqual([]);
    });
});
