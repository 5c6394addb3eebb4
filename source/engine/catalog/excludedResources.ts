import type {RequestReading} from "../../retrieval/types.js";
import {exactHints} from "../../retrieval/exactResourceArns.js";
import type {Catalog} from "../../catalog/index.js";
import {sidOfActions, type Grant, type OpaqueStatement} from "./grants.js";
import {toConditionBlock} from "./conditions.js";

/** The reading without the resources it rules out, and those resources' ARNs as the services write them. */
export function splitExcluded(context: RequestReading): {reading: RequestReading; excludedArns: string[]} {
    const excluded = context.resources.filter((hint) => hint.excluded === true);
    return {
        reading: excluded.length === 0 ? context : {...context, resources: context.resources.filter((hint) => hint.excluded !== true)},
        excludedArns: [...new Set(exactHints(excluded).map((hint) => hint.arn))].sort()
    };
}

/**
 * "every bucket except reports": an Allow that reaches the ruled-out resources gets a Deny of the same
 * action on them; a Deny applies to everything else (NotResource), never to them.
 */
export function keepOut(grants: readonly Grant[], excludedArns: readonly string[], catalog: Catalog, usedSids: ReadonlySet<string> = new Set()): {grants: Grant[]; opaque: OpaqueStatement[]} {
    if (excludedArns.length === 0)
        return {grants: [...grants], opaque: []};
    const kept: Grant[] = [];
    const denies = new Map<string, {actions: string[]; grant: Grant}>();
    for (const grant of grants) {
        if (grant.effect === "Allow") {
            kept.push(grant);
            if (grant.resources.some((resource) => resource.includes("*")))
                kept.push({effect: "Deny", action: grant.action, resources: [...excludedArns], conditions: []});
            continue;
        }
        const key = JSON.stringify(grant.conditions);
        const entry = denies.get(key) ?? {actions: [], grant};
        entry.actions.push(grant.action);
        denies.set(key, entry);
    }
    // Each Deny gets its Sid as every composed statement does ("DenyS3FullAccessExceptReports").
    const used = new Set(usedSids);
    const opaque = [...denies.values()].map(({actions, grant}): OpaqueStatement => {
        const condition = toConditionBlock(grant.conditions);
        const sid = sidOfActions(catalog, {effect: "Deny", actions, resources: [...excludedArns], conditions: grant.conditions, except: true}, used);
        return {statement: {Sid: sid, Effect: "Deny", Action: actions.length === 1 ? actions[0]! : [...new Set(actions)].sort(), NotResource: excludedArns.length === 1 ? excludedArns[0]! : [...excludedArns], ...(condition != null ? {Condition: condition} : {})}};
    });
    return {grants: kept, opaque};
}
