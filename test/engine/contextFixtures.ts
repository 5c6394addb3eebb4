import {loadCatalog} from "../../source/catalog/index.js";
import {readScope} from "../../source/retrieval/readScope.js";
import {tokenize} from "../../source/retrieval/text.js";
import type {CandidateAction, ConditionHint, Effect, ResourceHint, RetrievalContext, ServiceIntent} from "../../source/retrieval/types.js";

/** A retrieval result written by hand, so that composition is tested apart from retrieval. */
export function context(request: string, parts: {
    targets?: string[];
    principals?: string[];
    intents?: Array<Partial<ServiceIntent> & {service: string}>;
    actions?: Array<string | [action: string, effect: Effect]>;
    excluded?: string[];
    resources?: Array<[service: string, type: string, arn: string]>;
    conditions?: Array<Omit<ConditionHint, "matched">>;
    effect?: Effect;
}): RetrievalContext {
    const catalog = loadCatalog();
    const candidates: CandidateAction[] = (parts.actions ?? []).map((entry, index) => {
        const [name, effect] = typeof entry === "string" ? [entry, "Allow" as Effect] : entry;
        const action = catalog.action(name);
        if (action == null)
            throw new Error(`fixture names an unknown action ${name}`);
        return {
            action: `${action.service}:${action.name}`,
            service: action.service,
            accessLevel: action.accessLevels.join(", "),
            accessLevels: action.accessLevels,
            effect,
            reason: "fixture",
            score: 100 - index
        };
    });
    const resources: ResourceHint[] = (parts.resources ?? []).map(([service, type, arn]) => ({service, type, arn, matched: []}));
    const services = [
        ...(parts.targets ?? []).map((prefix) => ({prefix, name: prefix, role: "target" as const, matched: [prefix]})),
        ...(parts.principals ?? []).map((prefix) => ({prefix, name: prefix, role: "principal" as const, matched: [prefix]}))
    ];
    return {
        request,
        frames: [],
        services,
        scope: readScope(tokenize(request), services),
        intents: (parts.intents ?? []).map((intent) => ({
            effect: "Allow", access: [], verbs: [], negated: {access: [], verbs: []}, matched: [], ...intent
        })),
        candidates,
        excluded: (parts.excluded ?? []).map((action) => ({action, reason: "fixture"})),
        resources,
        conditions: (parts.conditions ?? []).map((hint) => ({...hint, matched: []})),
        effect: parts.effect ?? "Allow",
        partition: "aws"
    };
}
