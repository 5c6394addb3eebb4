import type {Catalog} from "../../catalog/index.js";
import type {CatalogAction} from "../../catalog/types.js";
import type {PolicyDocument, PolicyStatement} from "../../policy/types.js";
import type {DetectedService, RequestReading} from "../../retrieval/types.js";
import {policyStatements} from "../../policy/statements.js";

/** An action a managed policy allows, and where: `["*"]`, or the ARNs its statements name. */
export interface EvidenceGrant {
    action: CatalogAction;
    resources: string[];
}

/**
 * What an AWS managed policy that the request names tells the engine: which services the request
 * is about, and on each the catalog actions the managed policy allows. It is evidence for the
 * engine's own selection, not the policy to return.
 */
export interface ManagedEvidence {
    policyName: string;
    /**
     * Service prefix → what the managed policy allows without a condition (patterns expanded), with
     * the resources it allows it on. The engine does not write its conditions, so an action it allows
     * only under one is left out: taking it would allow more than the managed policy does.
     */
    actions: Map<string, EvidenceGrant[]>;
    /** Actions it allows only under a condition (and, with `scopedLeftOut`, only on its own resources), left out. */
    leftOut: number;
    scopedLeftOut?: boolean;
    /** What it denies outright (no condition, every resource): never to be granted. */
    denied: Map<string, CatalogAction[]>;
}

function statementsOf(document: PolicyDocument) {
    return policyStatements(document).filter((statement) => statement.Action != null);
}

function expandAll(catalog: Catalog, statement: PolicyStatement): CatalogAction[] {
    return [statement.Action!].flat().filter((pattern) => pattern.includes(":")).flatMap((pattern) => catalog.expand(pattern));
}

function groupByService<T>(entries: Iterable<T>, serviceOf: (entry: T) => string): Map<string, T[]> {
    const services = new Map<string, T[]>();
    for (const entry of entries)
        services.set(serviceOf(entry), [...services.get(serviceOf(entry)) ?? [], entry]);
    return services;
}

/**
 * Reads the services and actions of a managed policy's statements without conditions (`NotAction`,
 * `NotResource` and `"*"` say nothing about which services, so they add none). An action allowed on
 * `"*"` anywhere is allowed on `"*"`; otherwise on the ARNs of every statement that allows it.
 */
export function managedEvidence(policyName: string, document: PolicyDocument, catalog: Catalog): ManagedEvidence {
    const statements = statementsOf(document);
    const allowed = new Map<CatalogAction, Set<string>>();
    const conditional = new Set<CatalogAction>();
    const denied = new Set<CatalogAction>();
    for (const statement of statements) {
        const resources = statement.Resource == null ? [] : [statement.Resource].flat();
        const unconditional = statement.Condition == null && resources.length > 0;
        for (const action of expandAll(catalog, statement)) {
            if (statement.Effect === "Deny") {
                if (unconditional && resources.includes("*"))
                    denied.add(action);
            } else if (!unconditional) {
                conditional.add(action);
            } else {
                const where = allowed.get(action) ?? new Set<string>();
                for (const resource of resources)
                    where.add(resource);
                allowed.set(action, where);
            }
        }
    }
    const grants = [...allowed].map(([action, where]): EvidenceGrant => ({action, resources: where.has("*") ? ["*"] : [...where].sort()}));
    return {
        policyName,
        actions: groupByService(grants, (grant) => grant.action.service),
        leftOut: [...conditional].filter((action) => !allowed.has(action)).length,
        denied: groupByService(denied, (action) => action.service)
    };
}

/** The evidence without what the managed policy allows only on its own resources: a shorter policy, as narrow. */
export function withoutScopedGrants(evidence: ManagedEvidence): ManagedEvidence {
    const actions = new Map<string, EvidenceGrant[]>();
    let dropped = 0;
    for (const [service, grants] of evidence.actions) {
        const everywhere = grants.filter((grant) => grant.resources.length === 1 && grant.resources[0] === "*");
        dropped += grants.length - everywhere.length;
        if (everywhere.length > 0)
            actions.set(service, everywhere);
    }
    return {...evidence, actions, leftOut: evidence.leftOut + dropped, scopedLeftOut: dropped > 0};
}

/**
 * "the equivalent of AWSCodeCommitPowerUser permissions for CodeCommit": where the request names services
 * the managed policy grants on, the evidence is theirs alone, not the notifications and chat services
 * the managed policy also reaches.
 */
export function forNamedServices(evidence: ManagedEvidence, context: RequestReading): ManagedEvidence {
    const named = new Set(context.services.filter((service) => service.role === "target" && service.implied !== true && evidence.actions.has(service.prefix)).map((service) => service.prefix));
    if (named.size === 0)
        return evidence;
    const keep = <T>(entries: Map<string, T>) => new Map([...entries].filter(([service]) => named.has(service)));
    return {...evidence, actions: keep(evidence.actions), denied: keep(evidence.denied)};
}

export function evidenceLabel(evidence: ManagedEvidence) {
    return `AWS managed policy ${evidence.policyName}`;
}

/**
 * The retrieval result with the managed policy's services as its targets. When a request is a
 * managed policy's name, a service in the name that the policy grants nothing on names who uses
 * it (Lambda in "AWS Lambda ENI Management Access"), so it becomes a principal.
 */
export function withEvidenceServices<Reading extends RequestReading>(context: Reading, evidence: ManagedEvidence, catalog: Catalog): Reading {
    const label = evidenceLabel(evidence);
    const services: DetectedService[] = context.services.map((service) =>
        service.role === "target" && !evidence.actions.has(service.prefix) ? {...service, role: "principal"} : service);
    for (const prefix of new Set([...evidence.actions.keys(), ...evidence.denied.keys()])) {
        const known = services.findIndex((service) => service.prefix === prefix);
        if (known >= 0) {
            services[known] = {...services[known]!, role: "target", matched: [...services[known]!.matched, label]};
            continue;
        }
        services.push({prefix, name: catalog.service(prefix)?.name ?? prefix, role: "target", matched: [label]});
    }
    return {...context, services};
}
