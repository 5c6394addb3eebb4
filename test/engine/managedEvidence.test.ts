import {describe, expect, test} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {composePolicy} from "../../source/engine/catalog/composePolicy.js";
import {forNamedServices, managedEvidence, withEvidenceServices, withoutScopedGrants} from "../../source/engine/catalog/managedEvidence.js";
import {compactActions} from "../../source/engine/catalog/selectActions.js";
import {checkPolicy} from "../../source/policy/index.js";
import type {PolicyDocument, PolicyStatement} from "../../source/policy/types.js";
import {context} from "./contextFixtures.js";

const catalog = loadCatalog();

/**
 * A hand-made managed policy over three services: all of SQS, some of SNS (read and write), KMS read,
 * creating SNS topics on its own resources only, and passing roles under a condition.
 */
const QUEUE_WORKER: PolicyDocument = {
    Version: "2012-10-17",
    Statement: [
        {Effect: "Allow", Action: ["sqs:*"], Resource: "*"},
        {Effect: "Allow", Action: ["sns:Get*", "sns:ListTopics", "sns:Publish"], Resource: "*"},
        {Effect: "Allow", Action: "kms:DescribeKey", Resource: "*"},
        {Effect: "Allow", Action: "sns:CreateTopic", Resource: "arn:aws:sns:*:*:worker-*"},
        {Effect: "Allow", Action: "iam:PassRole", Resource: "*", Condition: {StringEquals: {"iam:PassedToService": "sqs.amazonaws.com"}}},
        {Effect: "Allow", NotAction: "iam:*", Resource: "*"},
        {Effect: "Deny", Action: "sqs:DeleteQueue", Resource: "*"},
        {Effect: "Deny", Action: "sns:DeleteTopic", Resource: "*", Condition: {Bool: {"aws:MultiFactorAuthPresent": "false"}}}
    ]
};

function statements(policy: PolicyDocument | null): PolicyStatement[] {
    return policy == null ? [] : [policy.Statement].flat();
}

function expanded(policy: PolicyDocument | null, effect: "Allow" | "Deny") {
    return new Set(statements(policy).filter((statement) => statement.Effect === effect)
        .flatMap((statement) => [statement.Action ?? []].flat())
        .flatMap((pattern) => catalog.expand(pattern).map((action) => `${action.service}:${action.name}`)));
}

function compose(request: string, parts: Parameters<typeof context>[1] = {}) {
    const evidence = managedEvidence("QueueWorkerAccess", QUEUE_WORKER, catalog);
    const evidenced = withEvidenceServices(context(request, parts), evidence, catalog);
    return {evidenced, policy: composePolicy(evidenced, catalog, evidence)};
}

describe("an AWS managed policy as evidence", () => {
    test("reads what it allows without a condition, where, and what it denies outright", () => {
        const evidence = managedEvidence("QueueWorkerAccess", QUEUE_WORKER, catalog);
        expect([...evidence.actions.keys()].sort()).toEqual(["kms", "sns", "sqs"]);
        expect(evidence.leftOut).toBe(1);
        expect(evidence.actions.get("sqs")).toHaveLength(catalog.service("sqs")!.actions.length);
        const sns = new Map(evidence.actions.get("sns")!.map((grant) => [grant.action.name, grant.resources]));
        expect(sns.get("Publish")).toEqual(["*"]);
        expect(sns.get("GetTopicAttributes")).toEqual(["*"]);
        expect(sns.get("CreateTopic")).toEqual(["arn:aws:sns:*:*:worker-*"]);
        expect([...evidence.denied.keys()]).toEqual(["sqs"]);
    });

    test("where the request names services it grants on, the evidence is theirs alone; naming none keeps all", () => {
        const evidence = managedEvidence("QueueWorkerAccess", QUEUE_WORKER, catalog);
        const named = forNamedServices(evidence, context("the equivalent of QueueWorkerAccess for SQS", {targets: ["sqs"]}));
        expect([...named.actions.keys()]).toEqual(["sqs"]);
        expect([...named.denied.keys()]).toEqual(["sqs"]);
        expect(forNamedServices(evidence, context("the equivalent of QueueWorkerAccess", {targets: []}))).toBe(evidence);
    });

    test("without its resource-scoped grants (for a shorter policy), what it allows only on its own resources is left out and counted", () => {
        const narrowed = withoutScopedGrants(managedEvidence("QueueWorkerAccess", QUEUE_WORKER, catalog));
        expect(narrowed.actions.get("sns")!.map((grant) => grant.action.name)).not.toContain("CreateTopic");
        expect(narrowed.actions.get("sns")!.every((grant) => grant.resources.join() === "*")).toBe(true);
        expect(narrowed).toMatchObject({leftOut: 2, scopedLeftOut: true});
    });

    test("its services become targets named after it; a service it grants nothing on becomes who uses it", () => {
        const {evidenced} = compose("Queue Worker Access for Lambda", {targets: ["lambda", "sqs"]});
        const role = (prefix: string) => evidenced.services.find((service) => service.prefix === prefix)?.role;
        expect(role("lambda")).toBe("principal");
        expect(["sqs", "sns", "kms"].map(role)).toEqual(["target", "target", "target"]);
        expect(evidenced.services.find((service) => service.prefix === "kms")!.matched).toEqual(["AWS managed policy QueueWorkerAccess"]);
    });

    test("read-only keeps the Read and List actions it allows on each service, and drops a service left with none", () => {
        const {policy} = compose("Queue Worker Read Only Access", {targets: ["sqs"], intents: [{service: "sqs", access: ["read"], verbs: ["read only"]}]});
        const allowed = expanded(policy, "Allow");
        expect([...allowed].every((name) => catalog.action(name)!.accessLevels.every((level) => level === "Read" || level === "List"))).toBe(true);
        expect(allowed).toContain("sqs:ReceiveMessage");
        expect(allowed).toContain("sns:GetTopicAttributes");
        expect(allowed).toContain("kms:DescribeKey");
        expect(allowed).not.toContain("sns:Publish");
        expect(allowed).not.toContain("sqs:SendMessage");
        expect(checkPolicy(policy!, {catalog}).valid).toBe(true);
    });

    test("otherwise each service gets what the policy allows there, where it allows it, never what it allows only under a condition", () => {
        const {policy} = compose("Queue Worker Access");
        const allowed = expanded(policy, "Allow");
        expect(allowed).toContain("sns:Publish");
        expect(statements(policy)).toContainEqual(expect.objectContaining({Effect: "Allow", Action: "sns:CreateTopic", Resource: "arn:aws:sns:*:*:worker-*"}));
        expect(statements(policy).filter((statement) => [statement.Action].flat().includes("sns:Publish")).map((statement) => statement.Resource)).toEqual(["*"]);
        expect(checkPolicy(policy!, {catalog}).findings.filter((finding) => finding.severity === "ERROR")).toEqual([]);
        expect(allowed).not.toContain("sqs:DeleteQueue");
        expect(statements(policy).flatMap((statement) => [statement.Action ?? []].flat())).not.toContain("sqs:*");
        expect([...expanded(policy, "Deny")]).toEqual(["sqs:DeleteQueue"]);
        expect([...allowed].some((name) => name.startsWith("iam:"))).toBe(false);
    });

    test("actions the request excludes stay out", () => {
        const {policy} = compose("Queue Worker Access but not publishing", {excluded: ["sns:Publish"]});
        expect(expanded(policy, "Allow")).not.toContain("sns:Publish");
    });
});

describe("compactActions", () => {
    const names = (prefix: string, filter: (name: string) => boolean) => catalog.service(prefix)!.actions.filter((action) => filter(action.name));

    test("the whole service is its wildcard", () => {
        expect(compactActions(catalog, "sqs", catalog.service("sqs")!.actions)).toEqual({actions: ["sqs:*"], wholeService: true});
    });

    test("a family held entirely is one pattern, the rest by name, and the result expands to exactly the set", () => {
        const chosen = names("sns", (name) => name.startsWith("Get") || name === "Publish");
        const {actions, wholeService} = compactActions(catalog, "sns", chosen);
        expect(wholeService).toBe(false);
        expect(actions).toEqual(["sns:Get*", "sns:Publish"]);
        expect(new Set(actions.flatMap((pattern) => catalog.expand(pattern)))).toEqual(new Set(chosen));
    });

    test("a family held in part is not widened", () => {
        const chosen = names("sns", (name) => name === "ListTopics");
        expect(compactActions(catalog, "sns", chosen).actions).toEqual(["sns:ListTopics"]);
    });
});
