import type {PolicyDocument} from "../policy/types.js";
import {compileStatements, evaluateStatement, statementApplies, type CompiledStatement} from "./statements.js";
import type {Decision, DocumentEvaluation, Evaluation, PolicyLayer, PolicySet, SimulationRequest, StatementRef} from "./types.js";
import {contextMap, type ContextMap} from "./variables.js";

interface LayerDocument {
    name: string;
    layer: PolicyLayer;
    statements: CompiledStatement[];
}

/** Policies read once, for answering many requests: pass it wherever policies are taken. */
export class CompiledPolicies {
    /** @internal the documents in evaluation order, each named for the evidence. */
    readonly documents: readonly LayerDocument[];

    constructor(policies: PolicySet | PolicyDocument) {
        const set: PolicySet = "identity" in policies ? policies : {identity: policies};
        const identity = Array.isArray(set.identity) ? set.identity as readonly PolicyDocument[] : [set.identity as PolicyDocument];
        const documents: LayerDocument[] = identity.map((document, index) => ({
            name: identity.length === 1 ? "identity" : `identity[${index}]`, layer: "identity", statements: compileStatements(document)
        }));
        if (set.boundary != null)
            documents.push({name: "boundary", layer: "boundary", statements: compileStatements(set.boundary)});
        (set.scps ?? []).forEach((scp, index) => documents.push({name: `scp[${index}]`, layer: "scp", statements: compileStatements(scp)}));
        if (set.session != null)
            documents.push({name: "session", layer: "session", statements: compileStatements(set.session)});
        this.documents = documents;
    }
}

export type Policies = PolicySet | PolicyDocument | CompiledPolicies;

/** The documents, compiled now unless they already are: a document is read at each call, so changing it between calls is seen. */
function layerDocuments(policies: Policies): readonly LayerDocument[] {
    return (policies instanceof CompiledPolicies ? policies : new CompiledPolicies(policies)).documents;
}

function requestParts(request: SimulationRequest) {
    return {action: request.action, resource: request.resource ?? "*", context: contextMap(request.context)};
}

/**
 * AWS's evaluation for an identity's request, with its evidence. An explicit Deny in any document
 * denies; otherwise the request is allowed only when the identity policies allow it and so do the
 * permissions boundary, every SCP and the session policy, where present; anything else is an
 * implicit deny.
 */
export function evaluate(policies: Policies, request: SimulationRequest): Evaluation {
    const {action, resource, context} = requestParts(request);
    const documents: DocumentEvaluation[] = layerDocuments(policies).map((document) => {
        const statements = document.statements.map((statement) => evaluateStatement(statement, document.name, action, resource, context));
        return {document: document.name, layer: document.layer, decision: documentDecision(statements.filter((statement) => statement.applies)), statements};
    });
    const applied = documents.map((document) => ({layer: document.layer, applied: document.statements.filter((statement) => statement.applies)}));
    return {...conclude(applied), documents};
}

/** The decision and the statements that decided it, without each statement's evidence: for answering many requests. */
export function evaluateDecision(policies: Policies, request: SimulationRequest): Omit<Evaluation, "documents"> {
    const {action, resource, context} = requestParts(request);
    return conclude(layerDocuments(policies).map((document) => ({
        layer: document.layer,
        applied: document.statements
            .filter((statement) => statementApplies(statement, action, resource, context))
            .map((statement) => ({document: document.name, index: statement.index, ...(statement.sid != null ? {sid: statement.sid} : {}), effect: statement.effect!}))
    })));
}

type AppliedStatement = StatementRef & {effect: "Allow" | "Deny"};

function documentDecision(applied: readonly AppliedStatement[]): Decision {
    return applied.some((statement) => statement.effect === "Deny") ? "explicitDeny" : applied.length > 0 ? "allowed" : "implicitDeny";
}

/** AWS's flow over the statements that applied in each document: any Deny denies, then every layer must allow. */
function conclude(documents: ReadonlyArray<{layer: PolicyLayer; applied: readonly AppliedStatement[]}>): Omit<Evaluation, "documents"> {
    const reference = (statement: StatementRef): StatementRef => ({document: statement.document, index: statement.index, ...(statement.sid != null ? {sid: statement.sid} : {})});
    const applied = documents.flatMap((document) => document.applied);
    const denies = applied.filter((statement) => statement.effect === "Deny");
    if (denies.length > 0)
        return {decision: "explicitDeny", decisive: denies.map(reference)};
    const deniedBy = layersWithoutAllow(documents.map((document) => ({layer: document.layer, allows: document.applied.length > 0})));
    if (deniedBy.length > 0)
        return {decision: "implicitDeny", decisive: [], deniedBy};
    return {decision: "allowed", decisive: applied.map(reference)};
}

/**
 * The layers that do not allow: the identity layer allows when any of its documents does, every
 * other document (boundary, each SCP, session) must allow on its own.
 */
function layersWithoutAllow(documents: ReadonlyArray<{layer: PolicyLayer; allows: boolean}>): PolicyLayer[] {
    const missing = new Set<PolicyLayer>();
    if (!documents.some((document) => document.layer === "identity" && document.allows))
        missing.add("identity");
    for (const document of documents)
        if (document.layer !== "identity" && !document.allows)
            missing.add(document.layer);
    return [...missing];
}

/** The decision alone, without evidence: stops at the first Deny that applies. */
export function decide(policies: Policies, request: SimulationRequest): Decision {
    const {action, resource, context} = requestParts(request);
    return decider(policies)(action, resource, context);
}

/** A decision function for one policy set, its documents compiled once: for comparisons that ask many questions. */
export function decider(policies: Policies): (action: string, resource: string, context: ContextMap) => Decision {
    const documents = layerDocuments(policies);
    return (action, resource, context) => decideFor(documents, action, resource, context);
}

function decideFor(documents: readonly LayerDocument[], action: string, resource: string, context: ContextMap): Decision {
    const allows: Array<{layer: PolicyLayer; allows: boolean}> = [];
    for (const document of documents) {
        let allowed = false;
        for (const statement of document.statements) {
            if (!statementApplies(statement, action, resource, context))
                continue;
            if (statement.effect === "Deny")
                return "explicitDeny";
            allowed = true;
        }
        allows.push({layer: document.layer, allows: allowed});
    }
    return layersWithoutAllow(allows).length > 0 ? "implicitDeny" : "allowed";
}
