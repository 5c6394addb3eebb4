import MiniSearch from "minisearch";
import type {Catalog} from "../catalog/Catalog.js";
import type {CatalogAction} from "../catalog/types.js";
import {memoPerService} from "./memoPerService.js";
import {nameWords, singular, STOPWORDS} from "./text.js";

/** A catalog action the request's words find in its description or name, with the words that did. */
export interface DescribedAction {
    action: CatalogAction;
    score: number;
    terms: string[];
}

/** Words of a description or request as the index compares them: lower case, singular, no stop words. */
function processTerm(term: string): string | null {
    const lower = term.toLowerCase();
    return lower.length < 3 || STOPWORDS.has(lower) ? null : singular(lower);
}

/**
 * One service's actions indexed by their descriptions and the words of their names, ranked with BM25
 * (MiniSearch): how a request that uses the catalog's own words ("turn off GuardDuty", "the serial
 * console") finds actions no lexicon verb names. Built on first use for a service only.
 */
const descriptionIndexOf = memoPerService((catalog, service) => {
    const actions = catalog.service(service)?.actions ?? [];
    const index = new MiniSearch<{id: number; name: string; description: string}>({fields: ["name", "description"], processTerm, searchOptions: {boost: {name: 2}}});
    index.addAll(actions.map((action, id) => ({id, name: nameWords(action.name).join(" "), description: action.description})));
    return {index, actions};
});

/** The actions of `service` whose descriptions best match `words`, best first. */
export function searchDescriptions(catalog: Catalog, service: string, words: readonly string[]): DescribedAction[] {
    if (words.length === 0)
        return [];
    const {index, actions} = descriptionIndexOf(catalog, service);
    return index.search(words.join(" "), {combineWith: "OR"}).map((result) => ({action: actions[result.id as number]!, score: result.score, terms: result.terms}));
}
