import type {Catalog} from "../../catalog/index.js";
import type {CatalogAction} from "../../catalog/types.js";
import type {CompanionRule} from "../../catalog/companionRules.js";
import {memoPerService} from "../../retrieval/memoPerService.js";
import {lexiconWords} from "../../retrieval/words.js";

/** Where AWS says that tags given in a create request need the permission to tag. */
const SOURCE = {
    kind: "documentation" as const,
    title: "Controlling access during AWS requests (tags on create)",
    reference: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_tags.html#access_tags_control-requests"
};

/** What the request says for its create calls to carry tags ("tagged", "the tag team=payments", "require tags"): each word a trigger. */
const tagWords = () => [...lexiconWords("tagWords")].map((word) => [word]);

function keysOf(action: CatalogAction): string[] {
    return [...action.conditionKeys, ...action.resourceTypes.flatMap((type) => type.conditionKeys ?? [])];
}

/** An action that tags what a create call makes: Tagging level, named Tag…/AddTags…/CreateTags, taking the request's tags. */
function isTaggingAction(action: CatalogAction): boolean {
    return action.accessLevels.includes("Tagging") && /^(Tag|AddTags|CreateTags)/.test(action.name) && keysOf(action).some((key) => /^aws:(RequestTag|TagKeys)/.test(key));
}

/** A write that can carry tags in its own request (CreateFunction, RunInstances, CreateQueue). */
function takesTags(action: CatalogAction): boolean {
    return action.accessLevels.includes("Write") && !action.accessLevels.includes("Tagging") && keysOf(action).some((key) => key.startsWith("aws:RequestTag"));
}

/**
 * The tag-on-create rules of one service, from the catalog: a create call that carries tags is
 * authorised for the tagging action too (iam:TagRole for CreateRole, lambda:TagResource for
 * CreateFunction), so where the request says its resources are tagged, each create call it grants
 * brings the tagging action of a resource type it shares. A tagging action that takes the service's
 * `CreateAction` key (ec2:CreateTags) is allowed only as part of those create calls; any other only on
 * the resources the request names (addCompanions): tagging every resource would win tag-based access.
 */
export const tagOnCreateRules = memoPerService((catalog: Catalog, service: string): CompanionRule[] => {
    const actions = catalog.service(service)?.actions ?? [];
    const taggers = actions.filter(isTaggingAction);
    return taggers.flatMap((tagger): CompanionRule[] => {
        const types = new Set(tagger.resourceTypes.map((type) => type.name));
        const creates = actions.filter((action) => takesTags(action)
            && (action.resourceTypes.length === 0 ? taggers.length === 1 : action.resourceTypes.some((type) => types.has(type.name))));
        if (creates.length === 0)
            return [];
        const createActionKey = keysOf(tagger).find((key) => key.toLowerCase() === `${service}:createaction`);
        return [{
            id: `tag-on-create-${service}-${tagger.name}`,
            family: "tagging",
            when: {granted: creates.map((action) => `${service}:${action.name}`), words: tagWords()},
            actions: [{action: `${service}:${tagger.name}`, accessLevel: tagger.accessLevels.join(", "), corroboratedBy: []}],
            resource: "trigger",
            ...(createActionKey != null ? {createActionKey} : {}),
            reason: "a create call that carries tags is authorised for tagging too; without it the call fails",
            source: SOURCE
        }];
    });
});
