import type {Catalog, CatalogAction} from "../../source/catalog/index.js";
import type {ManagedPolicy} from "../../source/managed/index.js";
import {policyStatements} from "../../source/policy/statements.js";
import type {ConditionBlock, PolicyDocument, PolicyStatement} from "../../source/policy/types.js";
import {wildcardMatch} from "../../source/catalog/wildcardMatch.js";
import type {PolicySet} from "../../source/simulation/index.js";

/** One generated case: policies, a request, and the mutations that made it (for grouping disagreements). */
export interface CrossCheckCase {
    policies: PolicySet & {identity: PolicyDocument};
    action: string;
    resource: string;
    context: Record<string, string | string[]>;
    mutations: string[];
    source: string;
}

/** mulberry32: a small seeded generator, so that the cases are the same on every run. */
export function seededRandom(seed: number) {
    let state = seed >>> 0;
    const next = () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let value = state;
        value = Math.imul(value ^ (value >>> 15), value | 1);
        value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
        return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
    };
    return {
        next,
        chance: (probability: number) => next() < probability,
        pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!
    };
}
type Random = ReturnType<typeof seededRandom>;

export const ACCOUNT = "123456789012";
export const PRINCIPAL = `arn:aws:iam::${ACCOUNT}:user/alice`;

/** Typed condition fixtures: a key, policy values, and request values that match, miss or cannot be read. */
const TYPED_KEYS = [
    {operators: ["StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike"],
        key: "aws:PrincipalTag/team", values: ["ops", "dev-*", "Data?"], requests: ["ops", "OPS", "dev-1", "dev-", "Data1", "data1", "other", ""]},
    {operators: ["NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals"],
        key: "s3:max-keys", values: ["10", "2.5"], requests: ["10", "9", "11", "2.5", "0", "-3", "abc"]},
    {operators: ["DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals"],
        key: "aws:CurrentTime", values: ["2024-06-01T00:00:00Z"], requests: ["2024-06-01T00:00:00Z", "2024-05-31T23:59:59Z", "2024-06-01T00:00:01Z", "2030-01-01T00:00:00Z", "not-a-date"]},
    {operators: ["Bool"], key: "aws:SecureTransport", values: ["true", "false"], requests: ["true", "false", "yes"]},
    {operators: ["BinaryEquals"], key: "aws:RequestTag/blob", values: ["QmluYXJ5"], requests: ["QmluYXJ5", "b3RoZXI="]},
    {operators: ["IpAddress", "NotIpAddress"], key: "aws:SourceIp", values: ["10.0.0.0/8", "192.0.2.7", "2001:db8::/32"],
        requests: ["10.1.2.3", "11.0.0.1", "192.0.2.7", "192.0.2.8", "2001:db8::1", "2002:db8::1", "not-an-ip"]},
    {operators: ["ArnEquals", "ArnNotEquals", "ArnLike", "ArnNotLike"], key: "aws:SourceArn",
        values: [`arn:aws:sns:*:${ACCOUNT}:topic-*`, `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f?`],
        requests: [`arn:aws:sns:us-east-1:${ACCOUNT}:topic-a`, `arn:aws:sns:us-east-1:999999999999:topic-a`, `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f1`, "not-an-arn"]},
    {operators: ["Null"], key: "aws:TokenIssueTime", values: ["true", "false"], requests: ["2024-01-01T00:00:00Z"]}
] as const;

const SET_VALUES = [[], ["env"], ["env", "team"], ["env", "other"], ["Env"]];

/** A condition with a random operator (and IfExists or set prefix), and a request value for its key: matching, not matching, missing or multivalued. */
function mutateCondition(random: Random, context: Record<string, string | string[]>, mutations: string[]): ConditionBlock {
    const typed = random.pick(TYPED_KEYS);
    const base = random.pick(typed.operators as readonly string[]);
    const setOperator = base !== "Null" && random.chance(0.25) ? random.pick(["ForAllValues:", "ForAnyValue:"]) : "";
    const ifExists = base !== "Null" && random.chance(0.2) ? "IfExists" : "";
    const operator = `${setOperator}${base}${ifExists}`;
    const key = setOperator !== "" && random.chance(0.5) ? "aws:TagKeys" : typed.key;
    const values = key === "aws:TagKeys" ? ["env", "team"] : (typed.values as readonly string[]).filter(() => random.chance(0.6));
    const policyValues = values.length > 0 ? values : [typed.values[0]];
    const shape = random.pick(["value", "value", "policy", "missing", "array"] as const);
    const requestKey = random.chance(0.2) ? key.toUpperCase() : key;
    if (shape === "array" || key === "aws:TagKeys")
        context[requestKey] = key === "aws:TagKeys" ? random.pick(SET_VALUES) : [random.pick(typed.requests as readonly string[]), random.pick(typed.requests as readonly string[])];
    else if (shape === "value")
        context[requestKey] = random.pick(typed.requests as readonly string[]);
    else if (shape === "policy")
        context[requestKey] = random.pick(policyValues);
    mutations.push(`condition ${operator} (${shape})`);
    return {[operator]: {[key]: policyValues.length === 1 && random.chance(0.5) ? policyValues[0]! : policyValues}};
}

/** A concrete value for an ARN pattern: wildcards filled in, variables replaced by the context's values. */
function concretize(pattern: string, random: Random, context: Record<string, string | string[]>): string {
    return pattern
        .replace(/\$\{([^}]*)\}/g, (_, inner: string) => {
            if (inner === "*" || inner === "?" || inner === "$")
                return inner;
            const key = inner.split(",")[0]!.trim();
            const value = context[key];
            return typeof value === "string" ? value : "alice";
        })
        .replace(/\*/g, () => random.pick(["x", "a/b", "", "prod-1"]))
        .replace(/\?/g, () => random.pick(["a", "1"]));
}

const VARIABLE_FORMS = ["${aws:username}", "${aws:PrincipalTag/team}", "${aws:PrincipalTag/team, 'ops'}", "${*}", "${?}", "${$}"];

function mutateResource(entry: string, random: Random, context: Record<string, string | string[]>, mutations: string[]): string {
    if (!entry.startsWith("arn:") || !random.chance(0.5))
        return entry;
    const variable = random.pick(VARIABLE_FORMS);
    mutations.push(`variable ${variable}`);
    if (random.chance(0.7))
        context["aws:username"] = random.pick(["alice", "bob"]);
    if (random.chance(0.5))
        context["aws:PrincipalTag/team"] = random.pick(["ops", "dev"]);
    return entry.endsWith("*") ? `${entry.slice(0, -1)}${variable}/*` : `${entry}/${variable}`;
}

function asList(value: string | string[] | undefined): string[] {
    return value == null ? [] : Array.isArray(value) ? value : [value];
}

function actionsFor(pattern: string, catalog: Catalog, random: Random): string | undefined {
    if (!pattern.includes("*") && !pattern.includes("?"))
        return pattern;
    const service = pattern.split(":")[0]!;
    const candidates: readonly CatalogAction[] = service.includes("*") ? catalog.allActions : catalog.service(service)?.actions ?? [];
    const matching = candidates.filter((action) => wildcardMatch(pattern, `${action.service}:${action.name}`, true));
    const chosen = matching.length > 0 ? random.pick(matching) : undefined;
    return chosen != null ? `${chosen.service}:${chosen.name}` : undefined;
}

/** A resource for the action: one its statement names, a generic ARN of its resource type, or `*` for an action without resource types. */
function resourceFor(action: string, statement: PolicyStatement, catalog: Catalog, random: Random, context: Record<string, string | string[]>): string {
    const named = asList(statement.Resource ?? statement.NotResource).filter((entry) => entry.startsWith("arn:"));
    if (named.length > 0 && random.chance(0.6))
        return concretize(random.pick(named), random, context);
    const entry = catalog.action(action);
    const types = entry?.resourceTypes.map((type) => catalog.resourceType(entry.service, type.name)).filter((type) => type != null) ?? [];
    if (types.length === 0)
        return `arn:aws:${action.split(":")[0]}:us-east-1:${ACCOUNT}:thing/x`;
    return random.pick(types).arn
        .replace(/\$\{Partition\}/g, "aws").replace(/\$\{Region\}/g, "us-east-1").replace(/\$\{Account\}/g, ACCOUNT)
        .replace(/\$\{[^}]+\}/g, () => random.pick(["x", "reports", "alice"]))
        // A request names one resource: iam-simulate reads a * in it as a pattern.
        .replace(/\*/g, "x");
}

/** Requests that iam-simulate answers with service rules outside identity policies (a KMS key policy, STS's caller identity, IAM's AWS-managed resources). */
export function outsideIdentityPolicies(action: string, resource: string): boolean {
    const lower = action.toLowerCase();
    return (lower.startsWith("kms:") && /:key\//.test(resource))
        || lower === "sts:getcalleridentity"
        || (lower.startsWith("iam:") && (/^arn:aws:iam::aws:policy\//.test(resource) || /:role\/aws-reserved\//.test(resource)));
}

/** Builds one case from a managed policy: picks a statement, maybe mutates it, and makes a request near it. */
export function generateCase(policies: readonly ManagedPolicy[], catalog: Catalog, random: Random): CrossCheckCase | undefined {
    const source = random.pick(policies);
    const statements = policyStatements(source.document).slice(0, 12).map((statement) => ({...statement}));
    const target = random.pick(statements);
    const mutations: string[] = [];
    const context: Record<string, string | string[]> = {};
    const actionPattern = random.pick(asList(target.Action ?? target.NotAction));
    const action = random.chance(0.85) && actionPattern != null && target.Action != null
        ? actionsFor(actionPattern, catalog, random)
        : (() => { const chosen = random.pick(catalog.allActions); return `${chosen.service}:${chosen.name}`; })();
    if (action == null)
        return undefined;
    const resource = resourceFor(action, target, catalog, random, context);
    if (random.chance(0.15) && target.Action != null) {
        target.NotAction = target.Action;
        delete target.Action;
        mutations.push("NotAction");
    }
    if (random.chance(0.15) && target.Resource != null) {
        target.NotResource = target.Resource;
        delete target.Resource;
        mutations.push("NotResource");
    }
    const resourceKey = target.Resource != null ? "Resource" : "NotResource";
    if (random.chance(0.3) && target[resourceKey] != null)
        target[resourceKey] = asList(target[resourceKey]).map((entry) => mutateResource(entry, random, context, mutations));
    if (random.chance(0.5))
        target.Condition = {...target.Condition, ...mutateCondition(random, context, mutations)};
    if (random.chance(0.2)) {
        target.Effect = target.Effect === "Allow" ? "Deny" : "Allow";
        mutations.push("effect flipped");
    }
    addPolicyConditionValues(statements, context, random);
    const identity: PolicyDocument = {Version: "2012-10-17", Statement: statements};
    const layers: PolicySet & {identity: PolicyDocument} = {identity};
    if (random.chance(0.08)) {
        layers.boundary = random.pick(policies).document;
        mutations.push("boundary");
    }
    if (random.chance(0.05)) {
        layers.scps = [{Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "*", Resource: "*"}, {Effect: "Deny", Action: actionPattern ?? "s3:*", Resource: "*"}]}];
        mutations.push("scp");
    }
    if (outsideIdentityPolicies(action, resource))
        return undefined;
    return {policies: layers, action, resource, context, mutations, source: source.name};
}

/** Values for the keys the managed policy's own conditions test: one of their values, another value, or none. */
function addPolicyConditionValues(statements: readonly PolicyStatement[], context: Record<string, string | string[]>, random: Random) {
    for (const statement of statements)
        for (const [operator, keys] of Object.entries(statement.Condition ?? {}))
            for (const [key, value] of Object.entries(keys)) {
                if (key in context || random.chance(0.4))
                    continue;
                const values = asList(value as string | string[]).map(String);
                const chosen = random.chance(0.6) && values.length > 0 ? random.pick(values).replace(/\*/g, "x").replace(/\?/g, "y") : "other-value";
                context[key] = operator.startsWith("For") ? [chosen] : chosen;
            }
}

