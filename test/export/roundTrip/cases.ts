import {loadCatalog} from "../../../source/catalog/index.js";
import {CatalogEngine} from "../../../source/engine/catalog/CatalogEngine.js";
import type {ExportContext} from "../../../source/export/index.js";
import type {PolicyDocument} from "../../../source/policy/types.js";
import {runEngine} from "../../engine/runEngine.js";

/** One policy to export and read back, with the context it is exported in. */
export interface RoundTripCase {
    name: string;
    policy: PolicyDocument;
    context: ExportContext;
}

/** What the tests put in ARNs through --account and --region, and what the targets' variables resolve to. */
export const TEST_ACCOUNT = "123456789012";
export const TEST_REGION = "eu-west-1";

/** A round trip that did not give the policy back, or could not be made. */
export interface RoundTripFailure {
    name: string;
    format: string;
    problem: string;
}

/**
 * The catalog engine's policy for each request: every other one with --account and --region set, so
 * that half the ARNs name the account and region the exports turn into variables.
 */
export async function engineCases(requests: readonly {name: string; request: string}[]): Promise<RoundTripCase[]> {
    const catalog = loadCatalog();
    const plain = new CatalogEngine({catalog});
    const placed = new CatalogEngine({catalog, account: TEST_ACCOUNT, region: TEST_REGION});
    const cases: RoundTripCase[] = [];
    for (const [index, {name, request}] of requests.entries()) {
        const withPlace = index % 2 === 1;
        const result = await runEngine(withPlace ? placed : plain, request);
        if (result.policy != null)
            cases.push({name, policy: result.policy, context: withPlace ? {request, account: TEST_ACCOUNT, region: TEST_REGION} : {request}});
    }
    return cases;
}
