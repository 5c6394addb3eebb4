import type {Catalog} from "../../catalog/index.js";
import type {AccessLevel} from "../../catalog/types.js";
import type {PolicyDocument, PolicyStatement} from "../../policy/types.js";
import type {ConditionHint, Effect, ResourceHint, RetrievalContext} from "../../retrieval/types.js";
import {resourceTypeOfArn} from "../../catalog/arnTemplates.js";
import type {Companion} from "../../catalog/companionRules.js";
import {addCompanionsOfAddition} from "./companions.js";
import {grantsOfContext} from "./composePolicy.js";
import {actionSupportsConditionKey} from "../../catalog/conditionKeys.js";
import {conditionSetsFor, negate, RESOURCE_KINDS, type ConditionEntry} from "./conditions.js";
import {grantKey, planOfPolicy, policyOfPlan, serviceOf, type Grant, type PolicyPlan} from "./grants.js";
import {scopeForAction, scopeForServiceWildcard, scopeHints} from "./resourceScope.js";
import {stem} from "./selectActions.js";
import {lexicon} from "../../retrieval/lexicon.js";
import {NARROWING_KINDS, readFollowUp, verbClauses, type FollowUpChange} from "../../retrieval/readFollowUp.js";
import {isBroader} from "../../simulation/index.js";
import {lexiconWords} from "../../retrieval/words.js";
import {moveToNamedRegion} from "./namedRegion.js";
import {keepOut, splitExcluded} from "./excludedResources.js";

export interface RefinementOutcome {
    /** The new policy, or the current one unchanged when the follow-up was not understood. */
    policy: PolicyDocument;
    changed: boolean;
    /** One line: what changed, or why nothing did. */
    summary: string;
    /** What the follow-up was read as. */
    change: FollowUpChange;
    /** For an addition: the actions its job needs beyond the follow-up's words, each with why. */
    companions?: Companion[];
    /** What the change is measured against when the ARNs moved to the region the follow-up names (moveToNamedRegion). */
    baseline?: PolicyDocument;
}

/** Retrieval over a text; refinement runs it on the follow-up, and again with the policy's services when the follow-up names none. */
export type RetrieveText = (text: string) => RetrievalContext;

const READ_LEVELS = new Set<AccessLevel>(["Read", "List"]);
const EXAMPLES = "\"also allow deleting objects\", \"remove the logs part\", \"restrict it to us-east-1\", \"require MFA\", \"make it read-only\", \"only the bucket reports\", \"turn this into a deny\"";

/** Words of a removal that name nothing to remove: the lexicon's removal cues and the policy's own parts. */
const REMOVE_FILLER = ["allow", "grant", "let", "permit", "part", "statement", "section", "permission", "access", "the", "it", "about", "anymore", "any", "more", "is", "are", "be"];

function removeWords(): Set<string> {
    const cues = lexicon().followUps;
    return new Set([...REMOVE_FILLER, ...[...cues.remove, ...cues.notNeeded, ...cues.prohibit].flat()].map(stem));
}

function words(text: string) {
    return new Set(text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).map(stem));
}

function nameWords(actionName: string) {
    return actionName.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2").toLowerCase().split(" ").map(stem);
}

/** "deleting", "deleted", "delete" → "delet": enough to tell a verb of the follow-up in an action's name. */
function verbRoot(word: string) {
    return word.length <= 4 ? word : word.replace(/(ing|ed|es|e|s)$/, "");
}

function actionName(action: string) {
    return action.slice(action.indexOf(":") + 1);
}

function listActions(actions: string[]) {
    const shown = actions.slice(0, 3).join(", ");
    return actions.length > 3 ? `${shown} and ${actions.length - 3} more` : shown;
}

function policyServices(plan: PolicyPlan) {
    return [...new Set(plan.grants.map((grant) => serviceOf(grant.action)))];
}

/** The named resources already in the policy, as hints, so that additions land on the same bucket or table. */
function resourceHintsOfPlan(plan: PolicyPlan, catalog: Catalog): ResourceHint[] {
    const hints = new Map<string, ResourceHint>();
    for (const grant of plan.grants) {
        for (const arn of grant.resources) {
            const service = /^arn:[^:]+:([^:]+):/.exec(arn)?.[1];
            if (service == null || hints.has(arn))
                continue;
            const type = resourceTypeOfArn(catalog, service, arn);
            if (type != null)
                hints.set(arn, {service, type: type.name, arn, matched: []});
        }
    }
    return [...hints.values()];
}

function isScopeKey(key: string) {
    return /ResourceTag\//i.test(key);
}

/** Allow ⇄ Deny. A conditional grant becomes one grant per negated requirement: "allow if MFA" turns into "deny unless MFA". */
function flipEffect(plan: PolicyPlan, to: Effect): PolicyPlan {
    const grants: Grant[] = [];
    for (const grant of plan.grants) {
        if (grant.effect === to) {
            grants.push(grant);
            continue;
        }
        const scope = grant.conditions.filter((entry) => isScopeKey(entry.key));
        const requirements = grant.conditions.filter((entry) => !isScopeKey(entry.key));
        if (requirements.length === 0)
            grants.push({...grant, effect: to});
        else
            for (const requirement of requirements)
                grants.push({...grant, effect: to, conditions: [negate(requirement), ...scope]});
    }
    return {grants, opaque: plan.opaque.map(({statement}) => ({statement: {...statement, Effect: to}}))};
}

function readOnly(plan: PolicyPlan, catalog: Catalog): {plan: PolicyPlan; removed: string[]; narrowed: string[]} {
    const removed: string[] = [];
    const narrowed: string[] = [];
    const grants: Grant[] = [];
    for (const grant of plan.grants) {
        if (grant.effect === "Deny") {
            grants.push(grant);
            continue;
        }
        const expanded = catalog.expand(grant.action);
        if (expanded.length > 0 && expanded.every((action) => action.accessLevels.every((level) => READ_LEVELS.has(level)))) {
            grants.push(grant);
            continue;
        }
        if (expanded.length <= 1) {
            removed.push(grant.action);
            continue;
        }
        // A wildcard becomes the read patterns of its service that grant nothing else.
        const service = serviceOf(grant.action);
        const patterns = ["Get*", "List*", "Describe*", "BatchGet*"].map((suffix) => `${service}:${suffix}`)
            .filter((pattern) => {
                const matches = catalog.expand(pattern);
                return matches.length > 0 && matches.every((action) => action.accessLevels.every((level) => READ_LEVELS.has(level)));
            });
        narrowed.push(grant.action);
        for (const pattern of patterns)
            grants.push({...grant, action: pattern});
    }
    return {plan: {grants, opaque: plan.opaque}, removed, narrowed};
}

const NAME_NOISE = lexiconWords("nameNoise");

/** The policy's services that the follow-up names: by retrieval, by prefix ("logs") or by a word of the service's name ("cloudwatch"). */
function servicesNamedIn(followUp: string, context: RetrievalContext, present: readonly string[], catalog: Catalog): string[] {
    const detected = new Set(context.services.filter((service) => service.role === "target").map((service) => service.prefix));
    const followUpWords = new Set(followUp.toLowerCase().split(/[^a-z0-9-]+/).filter(Boolean));
    return present.filter((prefix) => {
        if (detected.has(prefix) || followUpWords.has(prefix))
            return true;
        const nameWords = (catalog.service(prefix)?.name ?? "").toLowerCase().split(/[^a-z0-9]+/).filter((word) => word.length > 2 && !NAME_NOISE.has(word));
        return nameWords.length > 0 && nameWords.every((word) => followUpWords.has(word));
    });
}

function remove(plan: PolicyPlan, followUp: string, context: RetrievalContext, catalog: Catalog): {plan: PolicyPlan; removed: string[]} {
    const services = new Set(servicesNamedIn(followUp, context, policyServices(plan), catalog));
    const present = new Set(policyServices(plan));
    const targetServices = [...services].filter((service) => present.has(service));
    const filler = removeWords();
    const followUpWords = [...words(followUp)].filter((word) => !filler.has(word));
    const candidates = new Set(context.candidates.map((candidate) => candidate.action.toLowerCase()));
    const matches = (grant: Grant) => {
        if (targetServices.length > 0)
            return targetServices.includes(serviceOf(grant.action));
        if (candidates.has(grant.action.toLowerCase()))
            return true;
        // "remove delete permissions", "don't allow deleting objects": the verb that starts the action's name.
        const verb = nameWords(actionName(grant.action))[0];
        return verb != null && followUpWords.some((word) => verbRoot(word) === verbRoot(verb));
    };
    // "deleting objects": of the actions the verb names, those about the named thing (DeleteObject, not DeleteBucket).
    const byVerb = plan.grants.filter(matches);
    const byNoun = byVerb.filter((grant) => nameWords(actionName(grant.action)).slice(1).some((word) => followUpWords.includes(word)));
    const chosen = new Set(targetServices.length === 0 && byNoun.length > 0 ? byNoun : byVerb);
    const removed = [...new Set([...chosen].map((grant) => grant.action))];
    const opaque = targetServices.length === 0 ? plan.opaque : plan.opaque.filter(({statement}) =>
        ![statement.Action, statement.NotAction].flat().some((action) => typeof action === "string" && targetServices.includes(serviceOf(action))));
    return {plan: {grants: plan.grants.filter((grant) => !chosen.has(grant)), opaque}, removed};
}

/** Conditions from the follow-up ("require MFA", "restrict it to us-east-1") on every grant whose action IAM evaluates them for. */
function addConditions(plan: PolicyPlan, hints: ConditionHint[], catalog: Catalog): {plan: PolicyPlan; changed: number} {
    const conditionHints = hints.filter((hint) => !RESOURCE_KINDS.has(hint.kind));
    const hasAllow = plan.grants.some((grant) => grant.effect === "Allow");
    let changed = 0;
    const grants: Grant[] = [];
    for (const grant of plan.grants) {
        if (conditionHints.length === 0 || (hasAllow && grant.effect === "Deny")) {
            grants.push(grant);
            continue;
        }
        const action = catalog.action(grant.action);
        const sets = conditionSetsFor(catalog, action, grant.effect, conditionHints).filter((set) => set.length > 0);
        if (sets.length === 0) {
            grants.push(grant);
            continue;
        }
        changed++;
        for (const set of sets) {
            const replaced = new Set(set.map((entry) => entry.key.toLowerCase()));
            grants.push({...grant, conditions: [...grant.conditions.filter((entry) => !replaced.has(entry.key.toLowerCase())), ...set]});
        }
    }
    return {plan: {grants, opaque: plan.opaque}, changed};
}

/** Narrows grants to the resources the follow-up names ("only the bucket reports"), for the actions that support them. */
function restrictResources(plan: PolicyPlan, context: RetrievalContext, catalog: Catalog): {plan: PolicyPlan; changed: number} {
    const hints = scopeHints(context.resources, context.conditions);
    const services = new Set(context.resources.map((resource) => resource.service));
    let changed = 0;
    const grants = plan.grants.map((grant) => {
        const action = catalog.action(grant.action);
        const resources = action != null
            ? scopeForAction(catalog, action, hints, context.partition).resources
            : services.has(serviceOf(grant.action)) ? scopeForServiceWildcard(catalog, serviceOf(grant.action), hints) : ["*"];
        if (resources.length === 1 && resources[0] === "*")
            return grant;
        if ([...resources].sort().join(",") === [...grant.resources].sort().join(","))
            return grant;
        changed++;
        return {...grant, resources};
    });
    return {plan: {grants, opaque: plan.opaque}, changed};
}

/** Conditions every Allow grant already has: a policy restricted to a region stays restricted when something is added. */
function sharedAllowConditions(plan: PolicyPlan): ConditionEntry[] {
    const allows = plan.grants.filter((grant) => grant.effect === "Allow");
    if (allows.length === 0)
        return [];
    const signature = (entry: ConditionEntry) => JSON.stringify([entry.operator, entry.key, [...entry.values].sort()]);
    const [first, ...rest] = allows;
    return first!.conditions.filter((entry) => rest.every((grant) => grant.conditions.some((other) => signature(other) === signature(entry))));
}

/** What an addition did: the new plan, what it added, and whether it asked for anything at all (`asked`: grants composed, perhaps all there already). */
interface Addition {
    plan: PolicyPlan;
    added: string[];
    asked: boolean;
}

function add(plan: PolicyPlan, followUp: string, context: RetrievalContext, retrieve: RetrieveText, catalog: Catalog): Addition {
    let effective = context;
    const targets = context.services.filter((service) => service.role === "target");
    const services = policyServices(plan);
    if (targets.length === 0 && services.length > 0) {
        // "also allow deleting objects": the services are the policy's; keep the actions whose names say what the follow-up names.
        const carried = retrieve(`${followUp} (${services.join(", ")})`);
        const followUpWords = words(followUp);
        const named = carried.candidates.filter((candidate) => nameWords(actionName(candidate.action)).slice(1).some((word) => followUpWords.has(word)));
        // Only the services and actions come from the carried text: its resources and conditions are the follow-up's own.
        effective = {...carried, candidates: named.length > 0 ? named : carried.candidates, resources: context.resources, conditions: context.conditions};
    }
    const namedServices = new Set(effective.resources.map((resource) => resource.service));
    const inherited = resourceHintsOfPlan(plan, catalog).filter((hint) => !namedServices.has(hint.service));
    const inheritedConditions = sharedAllowConditions(plan)
        .filter((entry) => !effective.conditions.some((condition) => condition.key.toLowerCase() === entry.key.toLowerCase()));
    // "… on every bucket except bucket reports": what is ruled out is kept out as a new request's would be (excludedResources.ts).
    const {reading, excludedArns} = splitExcluded({...effective, resources: [...effective.resources, ...inherited]});
    const grants = grantsOfContext(reading, catalog).map((grant) => {
        const action = catalog.action(grant.action);
        const supported = inheritedConditions.filter((entry) => grant.effect === "Allow" && (action == null
            ? entry.key.toLowerCase().startsWith("aws:")
            : actionSupportsConditionKey(catalog, action, entry.key)));
        return supported.length === 0 ? grant : {...grant, conditions: [...grant.conditions, ...supported]};
    });
    const kept = keepOut(grants, excludedArns, catalog, new Set(plan.opaque.map(({statement}) => statement.Sid).filter((sid) => sid != null)));
    // An action the policy has on other resources is added on the named ones ("also … in the bucket media"); one it has there already is not.
    const fresh = kept.grants.filter((grant) => !plan.grants.some((other) => covers(other, grant)));
    const seen = new Set<string>();
    const unique = fresh.filter((grant) => {
        const key = grantKey(grant);
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
    const written = new Set(plan.opaque.map(({statement}) => statementWithoutSid(statement)));
    const opaque = kept.opaque.filter(({statement}) => !written.has(statementWithoutSid(statement)));
    const added = [...unique.map((grant) => `${grant.effect === "Deny" ? "deny " : ""}${grant.action}`),
        ...opaque.flatMap(({statement}) => [statement.Action ?? []].flat().map((action) => `deny ${action} except on ${[statement.NotResource ?? []].flat().join(", ")}`))];
    return {plan: {grants: [...plan.grants, ...unique], opaque: [...plan.opaque, ...opaque]}, added: [...new Set(added)], asked: kept.grants.length + kept.opaque.length > 0};
}

/**
 * Whether a grant of the policy already has another's action on all of its resources (same effect). Conditions
 * do not count: "also require MFA for reading objects" adds no second GetObject, it narrows the one there.
 */
function covers(grant: Grant, other: Grant): boolean {
    return grant.effect === other.effect && grant.action.toLowerCase() === other.action.toLowerCase()
        && (grant.resources.includes("*") || other.resources.every((resource) => grant.resources.includes(resource)));
}

function statementWithoutSid(statement: PolicyStatement): string {
    const {Sid: _sid, ...rest} = statement;
    return JSON.stringify(rest);
}

/** Each verb clause of the follow-up added on its own, so that its verb acts on its own things ("deleting messages" stays with SQS). */
function addByClause(plan: PolicyPlan, followUp: string, context: RetrievalContext, retrieve: RetrieveText, catalog: Catalog): Addition {
    const clauses = verbClauses(followUp);
    if (clauses.length < 2)
        return add(plan, followUp, context, retrieve, catalog);
    let next = plan;
    const added: string[] = [];
    let asked = false;
    for (const clause of clauses) {
        const result = add(next, clause, retrieve(clause), retrieve, catalog);
        next = result.plan;
        added.push(...result.added);
        asked ||= result.asked;
    }
    return {plan: next, added, asked};
}

/** "remove the MFA requirement", "drop the region restriction": the conditions the follow-up names, by hint or by a word of the key. */
function removeConditions(plan: PolicyPlan, followUp: string, context: RetrievalContext): {plan: PolicyPlan; keys: string[]} {
    const hinted = new Set(context.conditions.filter((hint) => !RESOURCE_KINDS.has(hint.kind)).map((hint) => hint.key.toLowerCase()));
    const filler = removeWords();
    const followUpWords = [...words(followUp)].filter((word) => word.length > 1 && !filler.has(word));
    const named = (key: string) => hinted.has(key.toLowerCase())
        || nameWords(key.slice(key.indexOf(":") + 1).split("/")[0]!).some((word) => followUpWords.includes(word));
    const keys = new Set<string>();
    const grants = plan.grants.map((grant) => {
        const kept = grant.conditions.filter((entry) => !named(entry.key));
        for (const entry of grant.conditions)
            if (!kept.includes(entry))
                keys.add(entry.key);
        return kept.length === grant.conditions.length ? grant : {...grant, conditions: kept};
    });
    return {plan: {grants, opaque: plan.opaque}, keys: [...keys]};
}

/** "also for the bucket archive": the policy's actions that work on the named resources get them too. */
function extendResources(plan: PolicyPlan, context: RetrievalContext, catalog: Catalog): {plan: PolicyPlan; changed: number} {
    const restricted = restrictResources(plan, context, catalog);
    let changed = 0;
    const grants = plan.grants.map((grant, index) => {
        const narrowed = restricted.plan.grants[index]!;
        if (narrowed === grant || grant.resources.includes("*"))
            return grant;
        changed++;
        return {...grant, resources: [...new Set([...grant.resources, ...narrowed.resources])].sort()};
    });
    return {plan: {grants, opaque: plan.opaque}, changed};
}

function describeConditions(hints: ConditionHint[]) {
    return hints.filter((hint) => !RESOURCE_KINDS.has(hint.kind)).map((hint) => `${hint.key} ${hint.values.join(", ")}`.trim()).join("; ");
}

/**
 * Applies a follow-up to the current policy, as the typed change it reads to (`readFollowUp`): flip
 * the effect, make it read-only, remove a part or a condition, add actions (on the policy's own
 * services and resources when the follow-up names none), add conditions, or narrow the resources.
 * A follow-up that is not understood, or whose narrowing would allow more than before, returns
 * the policy as it was with a message that says so.
 */
export function refinePolicy(current: PolicyDocument, followUp: string, context: RetrievalContext, retrieve: RetrieveText, catalog: Catalog, options: {companions?: boolean; configuredRegion?: string} = {}): RefinementOutcome {
    let change = readFollowUp(followUp, context, catalog);
    // "restrict it to us-east-1": ARNs written in the configured region move to the named one first, and the narrowing is measured from there.
    const regionMove = change.kind === "narrow" ? moveToNamedRegion(current, context.conditions, options.configuredRegion) : undefined;
    const baseline = regionMove?.policy ?? current;
    const plan = planOfPolicy(baseline);
    const unchanged = (summary: string): RefinementOutcome => ({policy: current, changed: false, summary, change});
    const done = (next: PolicyPlan, summary: string): RefinementOutcome => {
        const policy = policyOfPlan(next, catalog);
        if (policy == null)
            return unchanged(`That would leave the policy empty (${summary.charAt(0).toLowerCase()}${summary.slice(1)}), so it is unchanged.`);
        // Fail closed: a removal or narrowing that would let anything through that was denied before is not applied.
        if (NARROWING_KINDS.has(change.kind) && isBroader(baseline, policy, {catalog}))
            return unchanged(`"${followUp.trim().slice(0, 80)}" reads as a narrowing of the policy, but the change it reads to would allow more; the policy is unchanged. If it is a request of its own, run it as a new request.`);
        if (regionMove == null)
            return {policy, changed: true, summary, change};
        const {moved, from, to} = regionMove;
        const where = to === "*" ? "any region (the condition names the regions)" : to;
        return {policy, changed: true, summary: `${summary}; moved ${moved} ARN${moved === 1 ? "" : "s"} from the configured region ${from} to ${where}`, change, baseline};
    };
    const hasEffect = (effect: Effect) => plan.grants.some((grant) => grant.effect === effect);

    switch (change.kind) {
    case "unknown":
        return unchanged(`I could not tell what to change from "${followUp.trim().slice(0, 80)}"; the policy is unchanged. Try for example ${EXAMPLES}.`);
    case "flipToDeny":
        return hasEffect("Allow") ? done(flipEffect(plan, "Deny"), "Turned the policy into a Deny (conditions inverted)") : unchanged("The policy is a Deny already; nothing changed.");
    case "flipToAllow":
        return hasEffect("Deny") ? done(flipEffect(plan, "Allow"), "Turned the policy into an Allow (conditions inverted)") : unchanged("The policy is an Allow already; nothing changed.");
    case "readOnly":
        return makeReadOnly(plan, catalog, done, unchanged);
    case "remove": {
        const conditions = removeConditions(plan, followUp, context);
        if (conditions.keys.length > 0) {
            change = {...change, kind: "removeCondition"};
            return done(conditions.plan, `Removed the ${conditions.keys.join(", ")} condition${conditions.keys.length === 1 ? "" : "s"}`);
        }
        const result = remove(plan, followUp, context, catalog);
        return result.removed.length > 0 ? done(result.plan, `Removed ${listActions(result.removed)}`) : unchanged(`Nothing in the policy matches "${followUp.trim()}"; it is unchanged.`);
    }
    case "prohibit": {
        const result = remove(plan, followUp, context, catalog);
        if (result.removed.length > 0)
            return done(result.plan, `Removed ${listActions(result.removed)}`);
        break;
    }
    case "add": {
        // "also for the bucket archive": resources alone extend what the policy allows; a Deny's or a ruled-out resource never does.
        if (context.resources.length > 0 && context.effect !== "Deny" && !context.resources.some((resource) => resource.excluded === true)
            && !context.intents.some((intent) => intent.verbs.length > 0)) {
            const result = extendResources(plan, context, catalog);
            if (result.changed > 0)
                return done(result.plan, `Extended ${result.changed} action${result.changed === 1 ? "" : "s"} to ${[...new Set(context.resources.map((resource) => resource.arn))].join(", ")}`);
        }
        const result = addByClause(plan, followUp, context, retrieve, catalog);
        // What the policy has already is no reason to scope it to the follow-up's resources; conditions asked for it still narrow it.
        if (result.added.length === 0 && result.asked && !context.conditions.some((hint) => !RESOURCE_KINDS.has(hint.kind)))
            return unchanged(`The policy already has what "${followUp.trim().slice(0, 80)}" asks for; it is unchanged.`);
        if (result.added.length === 0)
            break;
        if (options.companions === false)
            return done(result.plan, `Added ${listActions(result.added)}`);
        const {grants, companions} = addCompanionsOfAddition(plan.grants, result.plan.grants, context, catalog);
        const addedOpaque = result.plan.opaque.slice(plan.opaque.length);
        const described = [...grants.filter((grant) => !plan.grants.includes(grant)).map((grant) => `${grant.effect === "Deny" ? "deny " : ""}${grant.action}`),
            ...result.added.filter((entry) => entry.includes(" except on "))];
        const outcome = done({grants, opaque: [...plan.opaque, ...addedOpaque]}, `Added ${listActions([...new Set(described)])}`);
        return companions.length > 0 && outcome.changed ? {...outcome, companions} : outcome;
    }
    case "narrow":
        break;
    }
    return narrow(plan, context, catalog, done, unchanged);
}

type Done = (next: PolicyPlan, summary: string) => RefinementOutcome;
type Unchanged = (summary: string) => RefinementOutcome;

function makeReadOnly(plan: PolicyPlan, catalog: Catalog, done: Done, unchanged: Unchanged): RefinementOutcome {
    const result = readOnly(plan, catalog);
    if (result.removed.length === 0 && result.narrowed.length === 0)
        return unchanged("The policy already grants only Read and List actions; nothing changed.");
    const parts = [
        result.removed.length > 0 ? `removed ${listActions(result.removed)}` : "",
        result.narrowed.length > 0 ? `narrowed ${listActions(result.narrowed)} to its read patterns` : ""
    ].filter(Boolean);
    return done(result.plan, `Made it read-only: ${parts.join("; ")}`);
}

/** Scopes the policy to the resources the follow-up names and adds the conditions it asks for. */
function narrow(plan: PolicyPlan, context: RetrievalContext, catalog: Catalog, done: Done, unchanged: Unchanged): RefinementOutcome {
    const conditionHints = context.conditions.filter((hint) => !RESOURCE_KINDS.has(hint.kind));
    let next = plan;
    const parts: string[] = [];
    if (context.resources.length > 0 || context.conditions.some((hint) => RESOURCE_KINDS.has(hint.kind))) {
        const result = restrictResources(next, context, catalog);
        if (result.changed > 0) {
            next = result.plan;
            parts.push(`scoped ${result.changed} action${result.changed === 1 ? "" : "s"} to ${[...new Set(context.resources.map((resource) => resource.arn))].join(", ") || "the named prefix"}`);
        }
    }
    if (context.resources.length > 0 && next === plan)
        parts.push(`no action of the policy works on ${[...new Set(context.resources.map((resource) => resource.arn))].join(", ")}`);
    if (conditionHints.length > 0) {
        const result = addConditions(next, conditionHints, catalog);
        if (result.changed > 0) {
            next = result.plan;
            parts.push(`added ${describeConditions(conditionHints)} to ${result.changed} action${result.changed === 1 ? "" : "s"}`);
        } else {
            parts.push(`no action of the policy supports ${describeConditions(conditionHints)}`);
        }
    }
    const sentence = parts.join("; ").replace(/^./, (first) => first.toUpperCase());
    if (next !== plan)
        return done(next, sentence);
    return unchanged(parts.length > 0 ? `${sentence}; the policy is unchanged.` : `Nothing in "${context.request.trim().slice(0, 80)}" changes the policy; it is unchanged.`);
}
