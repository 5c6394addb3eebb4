import type {Catalog} from "../../catalog/index.js";
import type {CatalogAction} from "../../catalog/types.js";
import type {PolicyDocument, PolicyStatement} from "../../policy/types.js";
import type {DetectedService, RetrievalContext} from "../../retrieval/types.js";

/**
 * What an AWS managed policy that the request names tells the engine: which services the request
 * is about, and on each the catalog actions the managed policy allows. It is evidence for the
 * engine's own selection, not the policy to return.
 */
export interface ManagedEvidence {
    policyName: string;
    /** Service prefix → the catalog actions the managed policy's Allow statements name (patterns expanded). */
    actions: Map<string, CatalogAction[]>;
    /** The same for what it denies outright (no condition, every resource): never to be granted. */
    denied: Map<string, CatalogAction[]>;
}

function byService(patterns: readonly string[], catalog: Catalog): Map<string, CatalogAction[]> {
    const services = new Map<string, Map<string, CatalogAction>>();
    for (const pattern of patterns) {
        if (!pattern.includes(":"))
            continue;
        for (const action of catalog.expand(pattern)) {
            const actions = services.get(action.service) ?? new Map<string, CatalogAction>();
            actions.set(action.name, action);
            services.set(action.service, actions);
        }
    }
    return new Map([...services].map(([service, actions]) => [service, [...actions.values()]]));
}

/**
 * Reads the services and actions of a managed policy's statements. `NotAction` statements and `"*"`
 * say nothing about which services, so they add none; a Deny counts only when it has no condition
 * and covers every resource, as the engine would not write it narrower.
 */
export function managedEvidence(policyName: string, document: PolicyDocument, catalog: Catalog): ManagedEvidence {
    const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
    const actionsOf = (keep: (statement: PolicyStatement) => boolean) =>
        statements.filter((statement) => statement.Action != null && keep(statement)).flatMap((statement) => [statement.Action!].flat());
    return {
        policyName,
        actions: byService(actionsOf((statement) => statement.Effect === "Allow"), catalog),
        denied: byService(actionsOf((statement) => statement.Effect === "Deny" && statement.Condition == null
            && [statement.Resource].flat().includes("*")), catalog)
    };
}

export function evidenceLabel(evidence: ManagedEvidence) {
    return `AWS managed policy ${evidence.policyName}`;
}

/**
 * The retrieval result with the managed policy's services as its targets. When a request is a
 * managed policy's name, a service in the name that the policy grants nothing on names who uses
 * it (Lambda in "AWS Lambda ENI Management Access"), so it becomes a principal.
 */
export function withEvidenceServices(context: RetrievalContext, evidence: ManagedEvidence, catalog: Catalog): RetrievalContext {
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
