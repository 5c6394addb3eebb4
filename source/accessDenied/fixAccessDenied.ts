import type {Catalog} from "../catalog/index.js";
import {wildcardMatch} from "../catalog/wildcardMatch.js";
import {toList} from "../policy/lists.js";
import {policyStatements} from "../policy/statements.js";
import type {PolicyDocument, PolicyStatement} from "../policy/types.js";
import {comparePolicies} from "../simulation/comparePolicies.js";
import {evaluateDecision} from "../simulation/evaluate.js";
import {blockedElsewhere} from "./explainDenial.js";
import type {DeniedRequest} from "./types.js";

/**
 * What a fix did: `granted` the denied action on its resources (the new policy); `unchanged` when
 * an Allow in this policy cannot help (an explicit Deny, a boundary, an SCP, a session or resource
 * policy, or the policy already allows it), saying why; `refused` when the text does not say what
 * to grant.
 */
export type FixOutcome =
    | {kind: "granted"; policy: PolicyDocument; action: string; resources: string[]; notes: string[]}
    | {kind: "unchanged"; reason: string}
    | {kind: "refused"; reason: string};

const EMPTY: PolicyDocument = {Version: "2012-10-17", Statement: []};

/**
 * The narrowest grant that fixes the denial: its action on its resources, added to `policy` (or to a
 * new one), then checked with the evaluator: the new policy allows the denied request, and compared
 * with the old one it allows nothing else new.
 */
export function fixAccessDenied(denial: DeniedRequest, policy: PolicyDocument | undefined, catalog: Catalog): FixOutcome {
    const blocked = blockedElsewhere(denial);
    if (blocked != null)
        return {kind: "unchanged", reason: blocked};
    const known = catalog.action(denial.action);
    const action = known != null ? `${known.service}:${known.name}` : denial.action;
    const resources = grantResources(denial, known?.resourceTypes.length ?? 1);
    if (resources == null)
        return {kind: "refused", reason: `the text names no resource for ${action}, which acts on one: pass the message with its "on resource: …" part, or the CloudTrail record`};
    const before = policy ?? EMPTY;
    const requests = denial.resources.length > 0 ? denial.resources : ["*"];
    const decisions = requests.map((resource) => evaluateDecision(before, {action, resource, ...(denial.context != null ? {context: denial.context} : {})}));
    const denying = decisions.find((decision) => decision.decision === "explicitDeny");
    if (denying != null)
        return {kind: "unchanged", reason: `this policy's own Deny (${denying.decisive.map((statement) => statement.sid ?? `statement ${statement.index + 1}`).join(", ")}) blocks ${action}: an Allow cannot override it, so nothing was changed`};
    if (decisions.every((decision) => decision.decision === "allowed"))
        return {kind: "unchanged", reason: `this policy already allows ${action} on ${requests.join(", ")}: the denial comes from another policy (a permissions boundary, an SCP, a session or resource policy) or from another principal's policies`};
    const after = withGrant(before, action, resources);
    verifyGrant(before, after, action, resources, requests, denial, catalog);
    const notes = [
        `added ${action} on ${resources.join(", ")}${policy == null ? " (a new policy)" : ""}`,
        ...known == null ? [`${action} is not in the catalog (it may be newer than the catalog): check its name`] : [],
        ...denial.cause.policy == null ? ["the error does not say which policy denied: if this grant does not help, a permissions boundary, SCP, session or resource policy is missing it"] : [],
        "checked with the evaluator: the policy now allows the denied request and nothing else new"
    ];
    return {kind: "granted", policy: after, action, resources, notes};
}

/**
 * The resources to grant on: those the text names, written so that IAM reads them literally where a
 * `${` would start a policy variable; `*` for an action that acts on no resource type; undefined when
 * the action acts on one and the text names none.
 */
function grantResources(denial: DeniedRequest, resourceTypes: number): string[] | undefined {
    if (denial.resources.length > 0)
        return denial.resources.map((resource) => resource.replaceAll("${", "${$}{"));
    return resourceTypes === 0 && denial.unnamedResource !== true ? ["*"] : undefined;
}

/** The action added to an Allow with exactly these resources and no condition, else a new statement. */
function withGrant(policy: PolicyDocument, action: string, resources: string[]): PolicyDocument {
    const statements = policyStatements(policy).map((statement) => ({...statement}));
    const sameResources = (statement: PolicyStatement) => {
        const listed = toList(statement.Resource);
        return listed.length === resources.length && resources.every((resource) => listed.includes(resource));
    };
    const target = statements.find((statement) => statement.Effect === "Allow" && statement.Action !== undefined && statement.Condition === undefined && sameResources(statement));
    if (target != null)
        target.Action = [...toList(target.Action), action];
    else
        statements.push({Sid: uniqueSid(statements, action), Effect: "Allow", Action: action, Resource: resources.length === 1 ? resources[0]! : resources});
    return {...policy, Version: policy.Version ?? "2012-10-17", Statement: statements};
}

/** `s3:GetObject` → `AllowS3GetObject`, numbered when the policy already has that Sid. */
function uniqueSid(statements: readonly PolicyStatement[], action: string): string {
    const base = `Allow${action.split(/[:-]/).map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join("")}`.replace(/[^A-Za-z0-9]/g, "");
    const used = new Set(statements.map((statement) => statement.Sid));
    let sid = base;
    for (let index = 2; used.has(sid); index++)
        sid = `${base}${index}`;
    return sid;
}

/** Fails loudly if the grant does not allow the denied request, or allows anything else new: a fix never widens past it. */
function verifyGrant(before: PolicyDocument, after: PolicyDocument, action: string, resources: string[], requests: string[], denial: DeniedRequest, catalog: Catalog) {
    for (const resource of requests)
        if (evaluateDecision(after, {action, resource, ...(denial.context != null ? {context: denial.context} : {})}).decision !== "allowed")
            throw new Error(`the grant does not allow ${action} on ${resource}; nothing was changed`);
    const comparison = comparePolicies(before, after, {catalog, resources: requests});
    const granted = (pair: {action: string; resource: string}) => pair.action.toLowerCase() === action.toLowerCase()
        && resources.some((pattern) => pattern === pair.resource || wildcardMatch(pattern, pair.resource));
    const widened = [...comparison.added, ...comparison.conditional.filter((change) => change.widenedUnder.length > 0)];
    const beyond = widened.find((pair) => !granted(pair));
    if (comparison.removed.length > 0 || beyond != null)
        throw new Error(`the grant would change more than ${action} on ${resources.join(", ")}${beyond != null ? ` (${beyond.action} on ${beyond.resource})` : ""}; nothing was changed`);
}
