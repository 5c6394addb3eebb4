import type {Catalog} from "../../catalog/index.js";
import type {AccessLevel} from "../../catalog/types.js";
import type {AccessIntent, CandidateAction, Effect, RetrievalContext, ServiceIntent} from "../../retrieval/types.js";

/** The actions one (effect, service) pair grants or denies: canonical names, or the service wildcard `svc:*`. */
export interface ActionSelection {
    effect: Effect;
    service: string;
    actions: string[];
    /** True when the selection is the whole service (`svc:*`), asked for by "full access". */
    fullAccess: boolean;
}

/** Candidates scoring below this share of the best candidate of their service are left out: retrieval ranks generously. */
const RELATIVE_SCORE_CUTOFF = 0.5;
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

function isReadOnly(intent: ServiceIntent | undefined) {
    if (intent == null || intent.access.length === 0)
        return false;
    return intent.access.every((access) => READ_ACCESS.has(access));
}

function asksForPermissions(intent: ServiceIntent | undefined) {
    return intent != null && (intent.access.includes("permissions") || intent.access.includes("full"));
}

function keepCandidate(candidate: CandidateAction, intent: ServiceIntent | undefined, requestWords: ReadonlySet<string>) {
    const levels = candidate.accessLevels;
    // A Deny is a guardrail: it blocks whatever retrieval found, whatever its level.
    if (candidate.effect === "Deny")
        return true;
    if (isReadOnly(intent) && !levels.every((level) => READ_ONLY_LEVELS.has(level)))
        return false;
    // "manage" means create/change/delete, not rewriting who may access: only when asked or named.
    if (levels.includes("Permissions management") && !asksForPermissions(intent) && !nounsMentioned(candidate.action.slice(candidate.service.length + 1), requestWords))
        return false;
    return true;
}

function topCandidates(candidates: CandidateAction[]): CandidateAction[] {
    const sorted = [...candidates].sort((a, b) => b.score - a.score);
    const best = sorted[0]?.score ?? 0;
    return sorted.filter((candidate) => candidate.score >= best * RELATIVE_SCORE_CUTOFF).slice(0, MAX_ACTIONS_PER_SERVICE);
}

function isFullAccess(intent: ServiceIntent) {
    return intent.access.includes("full") && intent.negated.access.length === 0 && intent.negated.verbs.length === 0;
}

/**
 * Chooses, from retrieval's ranked candidates, the actions each target service gets, by effect:
 * "full access" is the service wildcard; "read-only" keeps Read and List; Permissions management
 * only when asked for; excluded actions ("but not X") never appear in an Allow; an action denied
 * explicitly is not also allowed.
 */
export function selectActions(context: RetrievalContext, catalog: Catalog): ActionSelection[] {
    const requestWords = new Set(context.request.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).map(stem));
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
            entry = {effect, service, actions: [], fullAccess: false};
            selections.set(key, entry);
        }
        return entry;
    };

    for (const intent of context.intents) {
        if (!targets.has(intent.service) || catalog.service(intent.service) == null || !isFullAccess(intent))
            continue;
        const entry = selection(intent.effect, intent.service);
        entry.actions = [`${intent.service}:*`];
        entry.fullAccess = true;
    }

    const byGroup = new Map<string, CandidateAction[]>();
    for (const candidate of context.candidates) {
        if (principals.has(candidate.service) && !targets.has(candidate.service))
            continue;
        if (catalog.action(candidate.action) == null)
            continue;
        if (candidate.effect === "Allow" && excluded.has(candidate.action.toLowerCase()))
            continue;
        if (!keepCandidate(candidate, intentOf(candidate.service, candidate.effect), requestWords))
            continue;
        const key = `${candidate.effect}|${candidate.service}`;
        const group = byGroup.get(key) ?? [];
        group.push(candidate);
        byGroup.set(key, group);
    }
    for (const [key, group] of byGroup) {
        const [effect, service] = key.split("|") as [Effect, string];
        const entry = selection(effect, service);
        if (entry.fullAccess)
            continue;
        entry.actions = topCandidates(group).map((candidate) => catalog.action(candidate.action)!)
            .map((action) => `${action.service}:${action.name}`);
    }

    const denied = new Set([...selections.values()].filter((entry) => entry.effect === "Deny").flatMap((entry) => entry.actions.map((action) => action.toLowerCase())));
    for (const entry of selections.values()) {
        if (entry.effect === "Allow" && !entry.fullAccess)
            entry.actions = entry.actions.filter((action) => !denied.has(action.toLowerCase()));
    }
    return [...selections.values()].filter((entry) => entry.actions.length > 0);
}
