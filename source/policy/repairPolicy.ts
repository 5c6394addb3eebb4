import {type Catalog} from "../catalog/Catalog.js";
import {loadCatalog} from "../catalog/loadCatalog.js";
import {CatalogLookups} from "./CatalogLookups.js";
import {normalizePolicy} from "./normalizePolicy.js";
import {isRecord} from "./PolicyView.js";
import {correctPolicy} from "./repairStatement.js";
import {type PolicyDocument, type Repair} from "./types.js";
import {wideningChanges} from "./wideningCheck.js";

export type RepairOutcome =
    | {policy: PolicyDocument; repairs: Repair[]}
    | {refused: string[]};

/**
 * Repairs a policy someone wrote (`validate --fix`): the normaliser's narrowing repairs only, then a
 * check that the result allows no more than the input as it was meant (its misspelt names and Effect
 * case corrected, see correctStatement). A result that would allow more is refused, never returned.
 */
export function repairPolicy(input: unknown, catalog: Catalog = loadCatalog()): RepairOutcome {
    if (!isRecord(input) || !("Statement" in input))
        return {refused: ["it is not a policy object with a Statement"]};
    const document = input as unknown as PolicyDocument;
    const reference = correctPolicy(document, CatalogLookups.for(catalog));
    const {policy, repairs} = normalizePolicy(document, {catalog, repair: true, onlyNarrowing: true});
    const widening = wideningChanges(reference, policy);
    return widening.length > 0 ? {refused: widening} : {policy, repairs};
}
