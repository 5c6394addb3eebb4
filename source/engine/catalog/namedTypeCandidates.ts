import type {Catalog} from "../../catalog/index.js";
import type {CatalogAction, CatalogResourceType} from "../../catalog/types.js";
import type {CandidateAction, RequestReading} from "../../retrieval/types.js";

function pascal(typeName: string) {
    return typeName.split(/[-_ ]+/).map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join("");
}

/** The same verb on the named type: UpdateCluster → UpdateService, DescribeClusters → DescribeServices. */
function sameVerbOn(catalog: Catalog, action: CatalogAction, from: CatalogResourceType, to: CatalogResourceType): CatalogAction | undefined {
    const noun = pascal(from.name);
    const at = action.name.indexOf(noun);
    if (at <= 0)
        return undefined;
    const verb = action.name.slice(0, at);
    const plural = action.name.slice(at + noun.length) === "s" ? "s" : "";
    const target = catalog.action(`${action.service}:${verb}${pascal(to.name)}${plural}`);
    return target != null && target.resourceTypes.some((reference) => reference.name === to.name) ? target : undefined;
}

/**
 * "Update the ECS service api in cluster prod": the words rank the verb on the container the request
 * also mentions (UpdateCluster), but the resource it names is inside it (a service). A candidate on
 * the named resource's parent type becomes the same verb on the named type, when the catalog has it.
 */
export function retargetToNamedTypes(candidates: readonly CandidateAction[], context: RequestReading, catalog: Catalog): CandidateAction[] {
    const retargeted = candidates.map((candidate) => {
        const action = catalog.action(candidate.action);
        if (candidate.effect !== "Allow" || action == null)
            return candidate;
        const named = context.resources.filter((hint) => hint.service === action.service)
            .flatMap((hint) => catalog.resourceType(hint.service, hint.type) ?? []);
        if (named.length === 0 || action.resourceTypes.some((reference) => named.some((type) => type.name === reference.name)))
            return candidate;
        for (const child of named)
            for (const parent of catalog.service(action.service)?.resourceTypes.filter((type) => child.parents.includes(type.name)) ?? []) {
                const target = sameVerbOn(catalog, action, parent, child);
                if (target != null)
                    return {...candidate, action: `${target.service}:${target.name}`, accessLevel: target.accessLevels.join(", "), accessLevels: target.accessLevels, reason: `${candidate.reason}; on the named ${child.name}`};
            }
        return candidate;
    });
    return retargeted.filter((candidate, index) => retargeted.findIndex((other) => other.action === candidate.action && other.effect === candidate.effect) === index);
}
