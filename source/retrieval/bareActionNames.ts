import type {Catalog} from "../catalog/Catalog.js";
import {managedServiceUsage} from "../managed/index.js";
import type {Token} from "./text.js";

/** An action written by its name alone ("the CreateSnapshot API action"), with every service that has it. */
export interface BareActionName {
    /** Canonical case, e.g. `CreateSnapshot`. */
    name: string;
    services: string[];
    start: number;
    end: number;
}

const byCatalog = new WeakMap<Catalog, Map<string, {name: string; services: string[]}>>();

/** Lower-case action name → its canonical case and the services that have an action of that name. */
function actionNames(catalog: Catalog) {
    let names = byCatalog.get(catalog);
    if (names == null) {
        names = new Map();
        for (const service of catalog.services) {
            for (const action of service.actions) {
                const entry = names.get(action.name.toLowerCase());
                if (entry == null)
                    names.set(action.name.toLowerCase(), {name: action.name, services: [service.prefix]});
                else
                    entry.services.push(service.prefix);
            }
        }
        byCatalog.set(catalog, names);
    }
    return names;
}

/** Two or more capitalised parts run together, as AWS writes API names: CreateCacheCluster, ListRules. */
const CAMEL_CASE = /^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+$/;

/** Words written as an AWS API name, not prefixed by a service ("allows the CopySnapshot action"). */
export function findBareActionNames(catalog: Catalog, text: string, tokens: readonly Token[]): BareActionName[] {
    const names = actionNames(catalog);
    const found: BareActionName[] = [];
    tokens.forEach((token, index) => {
        // `ec2:CopySnapshot` is a named action already; `ec2:Attribute` a condition key.
        if (!CAMEL_CASE.test(token.text) || text[token.start - 1] === ":")
            return;
        const entry = names.get(token.lower);
        if (entry != null)
            found.push({name: entry.name, services: entry.services, start: index, end: index + 1});
    });
    return found;
}

/**
 * The service a bare action name is meant for: one the request names that has it, else the only one
 * that has it, else the one AWS's managed policies grant most often.
 */
export function serviceOfBareName(bare: BareActionName, namedServices: readonly string[]): string {
    const named = bare.services.find((service) => namedServices.includes(service));
    if (named != null)
        return named;
    return [...bare.services].sort((a, b) => managedServiceUsage(b) - managedServiceUsage(a))[0]!;
}
