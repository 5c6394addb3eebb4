import {readFileSync} from "node:fs";
import {describe, expect, test} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {CatalogEngine} from "../../source/engine/catalog/CatalogEngine.js";
import type {GenerationResult} from "../../source/engine/types.js";
import {ActionExpander} from "../../source/evaluation/ActionExpander.js";
import {runEngine} from "../engine/runEngine.js";

/** One reading to keep: written here, never copied from a benchmark (see test/reader/README.md). */
interface ReaderCase {
    why: string;
    request: string;
    /** The services the policy grants on, exactly; empty: nothing to grant. */
    services: string[];
    /** Actions the policy must allow. */
    includes: string[];
    /** Patterns none of whose actions the policy may allow (`iam:*`: nothing of IAM). */
    excludes: string[];
    /** Actions the policy must deny explicitly. */
    denies?: string[];
    /** Words the result's message must say (a guess the user should see). */
    says?: string;
}

const catalog = loadCatalog();
const engine = new CatalogEngine({catalog});
const expander = new ActionExpander(catalog);
const cases = readFileSync(new URL("./fixtures/reader-cases.jsonl", import.meta.url), "utf8")
    .split("\n").filter((line) => line.trim() !== "").map((line) => JSON.parse(line) as ReaderCase);

function generate(request: string): Promise<GenerationResult> {
    return runEngine(engine, request);
}

describe("the reader on requests as people write them (one case per row of fixtures/reader-cases.jsonl)", () => {
    test.each(cases.map((row) => [row.why, row] as const))("%s", async (_why, row) => {
        const result = await generate(row.request);
        if (row.says != null)
            expect(result.message ?? "", row.request).toContain(row.says);
        for (const action of row.denies ?? [])
            expect(expander.effectiveActions(result.policy, "Deny").has(action.toLowerCase()), `${row.request}: denies ${action}`).toBe(true);
        if (row.services.length === 0 && row.denies == null) {
            expect(result.policy, row.request).toBeNull();
            return;
        }
        const allowed = expander.effectiveActions(result.policy, "Allow");
        const services = [...new Set([...allowed].map((action) => action.split(":")[0]!))].sort();
        expect(services, row.request).toEqual([...row.services].sort());
        for (const action of row.includes)
            expect(allowed.has(action.toLowerCase()), `${row.request}: allows ${action}`).toBe(true);
        for (const pattern of row.excludes) {
            const excluded = catalog.expand(pattern).map((action) => `${action.service}:${action.name}`.toLowerCase());
            expect(excluded.filter((action) => allowed.has(action)), `${row.request}: allows nothing of ${pattern}`).toEqual([]);
        }
    });
});
