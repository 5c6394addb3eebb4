import type {Catalog} from "../../catalog/index.js";
import type {AccessLevel, CatalogAction} from "../../catalog/types.js";
import type {AccessIntent, CandidateAction, Effect, RequestReading, ServiceIntent} from "../../retrieval/types.js";
import {RESOURCE_KINDS} from "./conditions.js";
import type {ManagedEvidence} from "./managedEvidence.js";
import {retargetToNamedTypes} from "./namedTypeCandidates.js";
import {lexiconWords} from "../../retrieval/words.js";
import {wildcardMatch} from "../../catalog/wildcardMatch.js";

/** The actions one (effect, service) pair grants or denies: canonical names, or the service wildcard `svc:*`. */
export interface ActionSelection {
    effect: Effect;
    service: string;
    actions: string[];
    /** True when the selection covers the service as a whole ("full access" → `svc:*`, service-wide read-only), not picked from candidates. */
    wholeService: boolean;
    /** The ARNs a managed policy the request names allows these actions on, used as they are; absent: scoped from the request. */
    resources?: string[];
}

/** Candidates scoring below this share of the best candidate of their service are left out: retrieval ranks generously. */
const RELATIVE_SCORE_CUTOFF = 0.6;
/**
 * A request that only names verbs ("run any EC2 instance") means the actions named after them
 * (RunInstances); the others of the verb's access level (StopInstances, RebootInstances) rank lower.
 * A Deny keeps them: a guardrail blocks broadly.
 */
const VERB_ONLY_CUTOFF = 0.7;
/** At most this many actions per service and effect: a policy is least-privilege, not a list of everything related. */
const MAX_ACTIONS_PER_SERVICE = 16;

const READ_ONLY_LEVELS = new Set<AccessLevel>(["Read", "List"]);
const READ_ACCESS = new Set<AccessIntent>(["read", "list"]);

function words(name: string) {
    return name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2").toLowerCase().split(" ");
}

/** A crude singular, enough to match "policies" with "Policy" and "buckets" with "Bucket". */
export function stem(word: string) {
    if (word.length <= 3)
        return word;
    return word.replace(/ies$/, "y").replace(/(s|x|ch|sh)es$/, "$1").replace(/([^s])s$/, "$1");
}

/** True when the request names what the action works on: the words of its name after the verb ("bucket policy" for PutBucketPolicy). */
function nounsMentioned(actionName: string, requestWords: ReadonlySet<string>) {
    const nouns = words(actionName).slice(1).map(stem);
    return nouns.length > 0 && nouns.every((noun) => requestWords.has(noun));
}

/** Verbs that only look ("read", "list", "download", "receive", "read-only"). */
const READ_VERBS = new Set([
    "read", "get", "list", "describe", "view", "download", "fetch", "pull", "query", "scan", "receive", "retrieve",
    "watch", "monitor", "search", "lookup", "see", "access", "consume", "poll", "browse", "inspect", "audit", "readonly"
].map(stem));

export function isReadVerb(verb: string) {
    const first = verb.toLowerCase().split(/[^a-z0-9]+/)[0] ?? "";
    return READ_VERBS.has(stem(first)) || READ_VERBS.has(stem(first.replace(/ing$/, "")));
}

/** Read-only: only read/list access asked for, and no verb that does more ("reading and deleting" is not). */
function isReadOnly(intent: ServiceIntent | undefined) {
    if (intent == null || intent.access.length === 0)
        return false;
    return intent.access.every((access) => READ_ACCESS.has(access)) && intent.verbs.every(isReadVerb);
}

function asksForPermissions(intent: ServiceIntent | undefined) {
    return intent != null && (intent.access.includes("permissions") || intent.access.includes("full"));
}

function keepCandidate(candidate: CandidateAction, intent: ServiceIntent | undefined, requestWords: ReadonlySet<string>) {
    const levels = candidate.accessLevels;
    // A Deny is a guardrail: it blocks whatever retrieval found, whatever its level; what the request writes out stays.
    if (candidate.effect === "Deny" || candidate.named === true)
        return true;
    if (isReadOnly(intent) && !levels.every((level) => READ_ONLY_LEVELS.has(level)))
        return false;
    // "manage" means create/change/delete, not rewriting who may access: only when asked or named.
    if (levels.includes("Permissions management") && !asksForPermissions(intent) && !nounsMentioned(candidate.action.slice(candidate.service.length + 1), requestWords))
        return false;
    // Tags are their own access level: only when tagging is asked for.
    if (levels.includes("Tagging") && !asksForTagging(intent, requestWords))
        return false;
    return true;
}

function asksForTagging(intent: ServiceIntent | undefined, requestWords: ReadonlySet<string>) {
    return intent != null && (intent.access.includes("tagging") || intent.access.includes("full"))
        || requestWords.has("tag") || requestWords.has("untag") || requestWords.has("tagging");
}

/**
 * Creating, deleting or purging the very resource the request names ("write to the SQS queue
 * thumbnails" → CreateQueue, DeleteQueue) is not using it: only when creating, deleting or managing
 * is asked for, and, when the request says what is deleted ("delete them" after "read messages"),
 * only for that.
 */
function createsOrDeletesNamedResource(candidate: CandidateAction, intent: ServiceIntent | undefined, context: RequestReading) {
    if (intent == null || intent.access.some((access) => access === "manage" || access === "full"))
        return false;
    const [verb, ...rest] = words(candidate.action.slice(candidate.service.length + 1));
    if (!LIFECYCLE_VERBS.has(verb!))
        return false;
    const noun = stem(rest.join(""));
    const named = context.resources.filter((resource) => resource.service === candidate.service && stem(resource.type.toLowerCase().replace(/[^a-z0-9]/g, "")) === noun);
    if (named.length === 0)
        return false;
    const lifecycleVerbs = intent.verbs.filter((asked) => LIFECYCLE_REQUEST.test(asked));
    const objects = new Set(lifecycleVerbs.flatMap((asked) => intent.verbObjects?.[asked] ?? []).map(stem));
    // The verb's object is the type ("delete the queue") or the named resource's own words ("the table sessions").
    if (objects.size > 0)
        return !objects.has(noun) && !named.some((resource) => resource.matched.some((phrase) => words(phrase).some((word) => objects.has(stem(word)))));
    return !intent.access.some((access) => access === "create" || access === "delete") && lifecycleVerbs.length === 0;
}

const LIFECYCLE_VERBS = lexiconWords("lifecycleVerbs");
const LIFECYCLE_REQUEST = /^(create|delete|remove|destroy|purge|provision|make|add|set ?up)/i;

/** Actions a pattern of the same list already covers ("s3:PutObject" beside a written "s3:Put*") go. */
function withoutCovered(actions: readonly string[]): string[] {
    const patterns = actions.filter((action) => /[*?]/.test(action));
    return actions.filter((action) => /[*?]/.test(action) || !patterns.some((pattern) => wildcardMatch(pattern, action, true)));
}

function topCandidates(candidates: CandidateAction[], intent: ServiceIntent | undefined): CandidateAction[] {
    const sorted = [...candidates].sort((a, b) => b.score - a.score);
    const best = sorted[0]?.score ?? 0;
    const cutoff = intent != null && intent.access.length === 0 && intent.verbs.length > 0 ? VERB_ONLY_CUTOFF : RELATIVE_SCORE_CUTOFF;
    return sorted.filter((candidate) => candidate.score >= best * cutoff).slice(0, MAX_ACTIONS_PER_SERVICE);
}

const READ_ONLY_PHRASE = /^read[- ]?only$/;

/**
 * "Read-only access to Amazon Connect": the whole service, nothing narrower named (no resource, no
 * verb beyond reading, no noun that is one of the service's resource types).
 */
function isWholeServiceReadOnly(intent: ServiceIntent, context: RequestReading, catalog: Catalog) {
    if (!intent.access.includes("read") || !isReadOnly(intent))
        return false;
    // "Reading S3 for templates" is narrower than "read-only access to S3".
    const readOnlyVerbs = intent.verbs.filter((verb) => READ_ONLY_PHRASE.test(verb.toLowerCase()));
    if (readOnlyVerbs.length === 0)
        return false;
    if (context.resources.some((resource) => resource.service === intent.service))
        return false;
    const service = catalog.service(intent.service);
    if (service == null)
        return false;
    // The words of the service's own name ("Security Hub") do not narrow it, even when one is also a resource type.
    const serviceWords = new Set([service.name, service.prefix].flatMap((text) => text.toLowerCase().split(/[^a-z0-9]+/)).map(stem));
    const typeWords = new Set(service.resourceTypes.flatMap((type) => words(type.name.replace(/[-_ ]+/g, " ")).join(" ").split(/[^a-z0-9]+/)).map(stem));
    // What is read: the objects of "read-only" and the nouns by the service's name, else every noun around it
    // ("Security audit role with read-only access to IAM": the role is who reads, not what).
    const nouns = intent.verbNouns != null
        ? [...readOnlyVerbs.flatMap((verb) => intent.verbNouns![verb] ?? []), ...intent.serviceNouns ?? []]
        : intent.nouns ?? [];
    return !nouns.map(stem).some((noun) => typeWords.has(noun) && !serviceWords.has(noun));
}

/** Every Read and List action of a service, as `Describe*`/`Get*`/`List*` patterns where those grant nothing else. */
export function readOnlyActions(catalog: Catalog, prefix: string): string[] {
    const service = catalog.service(prefix);
    if (service == null)
        return [];
    return compactActions(catalog, prefix, service.actions.filter((action) => action.accessLevels.every((level) => READ_ONLY_LEVELS.has(level)))).actions;
}

/** The first word of an action's name, and its first two ("Batch", "BatchGet"): the families a pattern can name. */
function namePrefixes(name: string) {
    const [first, second] = words(name);
    const prefixes = [name.slice(0, first!.length)];
    if (second != null)
        prefixes.push(name.slice(0, first!.length + second.length));
    return prefixes;
}

/**
 * Writes a set of a service's actions compactly: `svc:*` when it is the whole service, else a
 * `Get*`-style pattern for each family of names (by their first word or two) that the set holds
 * entirely, and the other actions by name. Expanded, the result is exactly the set.
 */
export function compactActions(catalog: Catalog, prefix: string, chosen: readonly CatalogAction[]): {actions: string[]; wholeService: boolean} {
    const all = catalog.service(prefix)?.actions ?? [];
    const names = new Set(chosen.map((action) => action.name.toLowerCase()));
    if (all.length > 0 && all.every((action) => names.has(action.name.toLowerCase())))
        return {actions: [`${prefix}:*`], wholeService: true};
    const patterns: string[] = [];
    // Shortest first, so that a family inside a wider one ("GetObject" in "Get") is not named twice.
    for (const namePrefix of [...new Set(chosen.flatMap((action) => namePrefixes(action.name)))].sort((a, b) => a.length - b.length)) {
        const lower = namePrefix.toLowerCase();
        if (patterns.some((pattern) => lower.startsWith(pattern.toLowerCase())))
            continue;
        const family = all.filter((action) => action.name.toLowerCase().startsWith(lower));
        if (family.length > 1 && family.every((action) => names.has(action.name.toLowerCase())))
            patterns.push(namePrefix);
    }
    const covered = (name: string) => patterns.some((pattern) => name.toLowerCase().startsWith(pattern.toLowerCase()));
    return {
        actions: [...patterns.sort().map((pattern) => `${prefix}:${pattern}*`), ...chosen.filter((action) => !covered(action.name)).map((action) => `${prefix}:${action.name}`)],
        wholeService: false
    };
}

/** Full access, where the verbs ruled out ("except deleting buckets") become a Deny beside the wildcard. */
function isFullAccess(intent: ServiceIntent) {
    return intent.access.includes("full") && intent.negated.access.length === 0;
}

/**
 * Services whose Deny only restates the Allow's requirement ("allow launching only t3.micro
 * instances; deny launching any other type"): the Deny's verbs are the Allow's, and the request sets
 * a condition. IAM already denies what the conditioned Allow does not allow, and a Deny of the same
 * action would also block what it allows.
 */
function restatedDenials(context: RequestReading): Set<string> {
    // A condition said of the Deny alone ("…, but deny the action when tagged env=prod") is not the Allow's: the Deny adds it.
    const requirements = context.conditions.filter((hint) => !RESOURCE_KINDS.has(hint.kind) && hint.appliesTo?.effect !== "Deny");
    if (requirements.length === 0)
        return new Set();
    return new Set(context.intents.filter((deny) => deny.effect === "Deny" && deny.verbs.length > 0 && context.intents.some((allow) =>
        allow.effect === "Allow" && allow.service === deny.service
        && deny.verbs.every((verb) => allow.verbs.includes(verb)) && deny.access.every((access) => allow.access.includes(access))))
        .map((deny) => deny.service));
}

/**
 * When the request names an AWS managed policy, each service that policy grants on gets the
 * catalog actions the policy allows there that fit the request's intent: read-only keeps Read and
 * List (a service left with none is dropped); otherwise the levels the policy itself uses. Actions
 * the request excludes stay out, and what the policy denies outright is denied.
 */
function evidenceSelections(context: RequestReading, catalog: Catalog, evidence: ManagedEvidence | undefined): ActionSelection[] {
    if (evidence == null)
        return [];
    const allowIntents = context.intents.filter((intent) => intent.effect === "Allow");
    const readOnly = allowIntents.length > 0 && allowIntents.every(isReadOnly);
    const nameOf = (action: CatalogAction) => `${action.service}:${action.name}`.toLowerCase();
    const excluded = new Set(context.excluded.map((entry) => entry.action.toLowerCase()));
    const denied = new Set([...evidence.denied.values()].flat().map(nameOf));
    const selections: ActionSelection[] = [];
    for (const [service, grants] of evidence.actions) {
        const kept = grants.filter(({action}) => !excluded.has(nameOf(action)) && !denied.has(nameOf(action))
            && (!readOnly || action.accessLevels.every((level) => READ_ONLY_LEVELS.has(level))));
        // One selection per set of resources; "*" is scoped from the request like any other action.
        const byResources = new Map<string, CatalogAction[]>();
        for (const {action, resources} of kept)
            byResources.set(resources.join("\n"), [...byResources.get(resources.join("\n")) ?? [], action]);
        for (const [resources, actions] of byResources)
            selections.push({effect: "Allow", service, ...compactActions(catalog, service, actions), ...(resources === "*" ? {} : {resources: resources.split("\n")})});
    }
    for (const [service, actions] of evidence.denied)
        selections.push({effect: "Deny", service, ...compactActions(catalog, service, actions)});
    return selections;
}

/**
 * Chooses, from retrieval's ranked candidates, the actions each target service gets, by effect:
 * "full access" is the service wildcard; "read-only" keeps Read and List; Permissions management
 * only when asked for; excluded actions ("but not X") never appear in an Allow; an action denied
 * explicitly is not also allowed.
 */
export function selectActions(context: RequestReading, catalog: Catalog, evidence?: ManagedEvidence): ActionSelection[] {
    const requestWords = new Set(context.scope.words.map(stem));
    const principals = new Set(context.services.filter((service) => service.role === "principal").map((service) => service.prefix));
    const targets = new Set(context.services.filter((service) => service.role === "target").map((service) => service.prefix));
    const excluded = new Set(context.excluded.map((entry) => entry.action.toLowerCase()));
    const intentOf = (service: string, effect: Effect) =>
        context.intents.find((intent) => intent.service === service && intent.effect === effect);

    const selections = new Map<string, ActionSelection>();
    const selection = (effect: Effect, service: string) => {
        const key = `${effect}|${service}`;
        let entry = selections.get(key);
        if (entry == null) {
            entry = {effect, service, actions: [], wholeService: false};
            selections.set(key, entry);
        }
        return entry;
    };

    // A managed policy the request names decides what its services get; the request's words decide the rest.
    const fromEvidence = evidenceSelections(context, catalog, evidence);
    for (const entry of fromEvidence.filter((entry) => entry.effect === "Deny"))
        selections.set(`Deny|${entry.service}`, entry);
    const decided = (effect: Effect, service: string) => effect === "Allow" && evidence?.actions.has(service) === true;

    for (const intent of context.intents) {
        if (decided(intent.effect, intent.service) || !targets.has(intent.service) || catalog.service(intent.service) == null || !isFullAccess(intent))
            continue;
        const entry = selection(intent.effect, intent.service);
        entry.actions = [`${intent.service}:*`];
        entry.wholeService = true;
    }

    for (const intent of context.intents) {
        if (intent.effect !== "Allow" || decided(intent.effect, intent.service) || !targets.has(intent.service) || selections.has(`Allow|${intent.service}`) || !isWholeServiceReadOnly(intent, context, catalog))
            continue;
        const entry = selection("Allow", intent.service);
        entry.actions = readOnlyActions(catalog, intent.service);
        entry.wholeService = true;
    }

    const byGroup = new Map<string, CandidateAction[]>();
    const restated = restatedDenials(context);
    for (const candidate of retargetToNamedTypes(context.candidates, context, catalog)) {
        if (principals.has(candidate.service) && !targets.has(candidate.service))
            continue;
        if (candidate.effect === "Deny" && restated.has(candidate.service))
            continue;
        // A pattern the request writes ("s3:Get*") is kept as written when it names catalog actions.
        if (catalog.action(candidate.action) == null && catalog.expand(candidate.action).length === 0)
            continue;
        if (candidate.effect === "Allow" && excluded.has(candidate.action.toLowerCase()))
            continue;
        if (!keepCandidate(candidate, intentOf(candidate.service, candidate.effect), requestWords))
            continue;
        if (candidate.effect === "Allow" && candidate.named !== true && createsOrDeletesNamedResource(candidate, intentOf(candidate.service, candidate.effect), context))
            continue;
        const key = `${candidate.effect}|${candidate.service}`;
        const group = byGroup.get(key) ?? [];
        group.push(candidate);
        byGroup.set(key, group);
    }
    for (const [key, group] of byGroup) {
        const [effect, service] = key.split("|") as [Effect, string];
        if (decided(effect, service))
            continue;
        const entry = selection(effect, service);
        if (entry.wholeService)
            continue;
        entry.actions = withoutCovered(topCandidates(group, effect === "Allow" ? intentOf(service, effect) : undefined).map((candidate) => {
            const action = catalog.action(candidate.action);
            return action == null ? candidate.action : `${action.service}:${action.name}`;
        }));
    }

    // "Deny access to bucket X": a Deny with nothing more specific blocks the whole service (on the named resources).
    for (const intent of context.intents) {
        if (intent.effect !== "Deny" || !targets.has(intent.service) || catalog.service(intent.service) == null || restated.has(intent.service))
            continue;
        const entry = selection("Deny", intent.service);
        if (entry.actions.length === 0) {
            entry.actions = [`${intent.service}:*`];
            entry.wholeService = true;
        }
    }

    // "Full access to S3 except deleting buckets": a service wildcard cannot leave actions out, a Deny can.
    for (const entry of [...selections.values()]) {
        if (entry.effect !== "Allow" || !entry.wholeService)
            continue;
        const ruledOut = [...excluded].map((action) => catalog.action(action)).filter((action) => action?.service === entry.service)
            .map((action) => `${action!.service}:${action!.name}`);
        if (ruledOut.length === 0)
            continue;
        if (entry.actions.length > 1 || !entry.actions[0]!.endsWith(":*")) {
            entry.actions = entry.actions.filter((action) => !excluded.has(action.toLowerCase()));
            continue;
        }
        const deny = selection("Deny", entry.service);
        if (!deny.wholeService)
            deny.actions = [...new Set([...deny.actions, ...ruledOut])];
    }

    // A Deny under a condition of its own ("…, but deny the action when tagged env=prod") leaves the Allow of the rest.
    const conditioned = context.conditions.some((hint) => hint.appliesTo?.effect === "Deny");
    const denied = new Set([...selections.values()].filter((entry) => entry.effect === "Deny" && !conditioned).flatMap((entry) => entry.actions.map((action) => action.toLowerCase())));
    for (const entry of selections.values()) {
        if (entry.effect === "Allow" && !entry.wholeService)
            entry.actions = entry.actions.filter((action) => !denied.has(action.toLowerCase()));
    }
    return [...fromEvidence.filter((entry) => entry.effect === "Allow"), ...selections.values()].filter((entry) => entry.actions.length > 0);
}
