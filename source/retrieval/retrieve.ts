import type {Catalog} from "../catalog/Catalog.js";
import {loadCatalog} from "../catalog/loadCatalog.js";
import {detectServices} from "./detectServices.js";
import {detectIntents, narrowedToFamilies} from "./detectIntents.js";
import {detectEffect, verbTokenIndexes} from "./findVerbs.js";
import {conditionsByClause} from "./conditionClauses.js";
import {conditionsByOpener} from "./conditionOpeners.js";
import {conditionPhraseSpans, extractConditions, REGION_PATTERN} from "./extractConditions.js";
import {extractResources} from "./extractResources.js";
import {rankCandidates} from "./rankCandidates.js";
import {readScope} from "./readScope.js";
import {unframeRequest} from "./requestFrame.js";
import {expandContractions, tokenize, type Token} from "./text.js";
import type {RetrievalContext} from "./types.js";

export interface RetrieveOptions {
    catalog?: Catalog;
    /** Account and region for ARNs when the request names none. */
    account?: string;
    region?: string;
    partition?: string;
    /**
     * Let a noun imply the service when the request names none ("launch t3.micro instances" → ec2);
     * default true. A follow-up changes a policy whose services are known: it names, never implies.
     */
    impliedServices?: boolean;
}

/**
 * Everything retrieval finds in one request: target and principal services, intents, ranked candidate
 * actions and the ones ruled out, resources as ARNs, condition hints and the effect. Never throws on
 * odd input: empty or meaningless text gives empty lists.
 */
export function retrieve(request: string, options: RetrieveOptions = {}): RetrievalContext {
    const catalog = options.catalog ?? loadCatalog();
    const {text, frames} = unframeRequest(expandContractions(request));
    const tokens = tokenize(text);
    const account = /\b\d{12}\b/.exec(text)?.[0] ?? options.account;
    const partition = options.partition ?? "aws";

    const suppressed = conditionPhraseSpans(text).map((span) => tokenRange(tokens, span));
    const {services, mentions, namedActions} = detectServices(catalog, text, tokens, suppressed, options.impliedServices ?? true);
    const effect = detectEffect(tokens);
    const targets = services.filter((service) => service.role === "target").map((service) => service.prefix);
    const found = extractConditions(text, {effect, targets});
    // ARNs go in a region the request names, never in one it rules out ("except in us-west-2").
    const ruledOut = new Set(found.filter((hint) => hint.kind === "region" && hint.ruledOut === true).flatMap((hint) => hint.values));
    const region = [...text.matchAll(REGION_PATTERN)].map((match) => match[0].toLowerCase()).find((named) => !ruledOut.has(named)) ?? options.region;
    const intents = narrowedToFamilies(detectIntents(tokens, mentions, effect, catalog), namedActions);
    const verbIndexes = verbTokenIndexes(tokens, mentions, effect, catalog);
    const resources = extractResources(catalog, text, tokens, mentions, found, {partition, account, region}, verbIndexes);
    const conditions = conditionsByOpener(text, tokens, conditionsByClause(text, tokens, found, resources, mentions, verbIndexes), effect);
    const {candidates, excluded} = rankCandidates(catalog, intents, resources, namedActions);
    const scope = readScope(tokens, services);
    return {
        request, frames, services, intents, candidates, excluded, resources, conditions, effect, scope,
        ...(account != null ? {account} : {}),
        ...(region != null ? {region} : {}),
        partition
    };
}

function tokenRange(tokens: readonly Token[], [start, end]: [number, number]): [number, number] {
    const first = tokens.findIndex((token) => token.end > start);
    let last = first;
    while (last >= 0 && last < tokens.length && tokens[last]!.start < end)
        last++;
    return first < 0 ? [tokens.length, tokens.length] : [first, last];
}
