import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {collapseActionLists, packPolicy, shrinkPolicy, splitPolicy} from "../../source/packing/index.js";
import {toList} from "../../source/policy/lists.js";
import {policySize, policyStatements, type PolicyDocument, type PolicyStatement} from "../../source/policy/index.js";
import {comparePolicies, evaluateDecision, isBroader} from "../../source/simulation/index.js";

const catalog = loadCatalog();
const policy = (...statements: PolicyStatement[]): PolicyDocument => ({Version: "2012-10-17", Statement: statements});
const platformRole = JSON.parse(readFileSync(new URL("../fixtures/packing/platform-role.json", import.meta.url), "utf8")) as PolicyDocument;

/** Every Action/Resource entry holding a wildcard, lower-cased for actions. */
function wildcards(document: PolicyDocument): Set<string> {
    return new Set(policyStatements(document).flatMap((statement) => [
        ...[...toList(statement.Action), ...toList(statement.NotAction)].map((entry) => entry.toLowerCase()),
        ...toList(statement.Resource), ...toList(statement.NotResource)
    ].filter((entry) => /[*?]/.test(entry))));
}

function together(parts: readonly {policy: PolicyDocument}[]): PolicyDocument {
    return policy(...parts.flatMap((part) => policyStatements(part.policy)));
}

function expectSameAllowed(before: PolicyDocument, after: PolicyDocument) {
    const comparison = comparePolicies(before, after, {catalog});
    expect([comparison.added, comparison.removed, comparison.conditional]).toEqual([[], [], []]);
}

describe("packPolicy", () => {
    it("splits a 45,000-character policy into managed policies under 6,144 that together allow exactly it, with no new wildcard", () => {
        expect(policySize(platformRole).characters).toBeGreaterThan(30_000);
        const result = packPolicy(platformRole, catalog);
        expect(result.fits).toBe(true);
        expect(result.parts.length).toBeGreaterThan(1);
        for (const part of result.parts) {
            expect(part.characters).toBe(policySize(part.policy).characters);
            expect(part.characters).toBeLessThan(6144);
        }
        expectSameAllowed(platformRole, together(result.parts));
        const before = wildcards(platformRole);
        expect([...wildcards(together(result.parts))].filter((entry) => !before.has(entry))).toEqual([]);
        expect(result.notes[0]).toMatch(/^split into \d managed policies \(\d,\d{3} \+ /);
    });

    it("with collapse writes only patterns that match exactly the listed actions, and says what they allow later", () => {
        const listed = catalog.service("cloudwatch")!.actions.filter((action) => action.name.startsWith("List")).map((action) => `cloudwatch:${action.name}`);
        const input = policy({Effect: "Allow", Action: [...listed, "s3:GetObject", "s3:GetObjectAcl"], Resource: "*"});
        const {policy: collapsed, collapsed: patterns} = collapseActionLists(input, catalog);
        expect(patterns.map((pattern) => pattern.pattern)).toEqual(["cloudwatch:List*"]);
        // s3:GetObject* would also match GetObjectAttributes, GetObjectTagging, …: not listed, so not collapsed.
        expect(toList(policyStatements(collapsed)[0]!.Action)).toEqual(["cloudwatch:List*", "s3:GetObject", "s3:GetObjectAcl"]);
        expect(catalog.expand("cloudwatch:List*").map((action) => `cloudwatch:${action.name}`).sort()).toEqual([...listed].sort());
        expectSameAllowed(input, collapsed);
        expect(packPolicy(input, catalog, {collapse: true}).notes.at(-1)).toContain("an action AWS adds later under cloudwatch:List would be allowed too");
    });

    it("says when more managed policies are needed than a role has by default", () => {
        // A different action and different objects each: nothing merges, and every statement nearly fills a policy.
        const actions = ["GetObject", "PutObject", "DeleteObject", "GetObjectTagging", "PutObjectTagging", "DeleteObjectTagging",
            "GetObjectAcl", "PutObjectAcl", "GetObjectVersion", "DeleteObjectVersion", "RestoreObject", "GetObjectRetention"];
        const statements = actions.map((action, team) => ({
            Effect: "Allow" as const, Action: `s3:${action}`,
            Resource: Array.from({length: 28}, (_, index) => `arn:aws:s3:::team-${team}-archive/${"quarterly-reports/".repeat(10)}${index}/*`)
        }));
        const result = packPolicy(policy(...statements), catalog);
        expect(result.parts.length).toBeGreaterThan(10);
        expect(result.parts.every((part) => part.characters <= 6144)).toBe(true);
        expect(result.notes[0]).toContain(`needs ${result.parts.length} managed policies`);
        expect(result.notes[0]).toContain("more than the 10 one role, user or group can have attached by default (up to 20 with a quota increase)");
    });

    it("never splits for an inline target: it says whether the whole fits the principal's quota", () => {
        const over = packPolicy(platformRole, catalog, {target: "role-inline"});
        expect(over.fits).toBe(false);
        expect(over.parts).toHaveLength(1);
        expect(over.limit).toBe(10240);
        expect(over.notes[0]).toContain("splitting does not help");
        const small = policy({Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*"});
        expect(packPolicy(small, catalog, {target: "user-inline"})).toMatchObject({fits: true, limit: 2048, parts: [{characters: policySize(small).characters}]});
    });
});

describe("shrinkPolicy", () => {
    it("merges statements that differ only in actions, or only in resources, and nothing else", () => {
        const input = policy(
            {Sid: "ReadA", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::a/*"},
            {Sid: "ReadB", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*"},
            {Effect: "Allow", Action: "s3:PutObject", Resource: ["arn:aws:s3:::b/*", "arn:aws:s3:::a/*"]},
            {Effect: "Allow", Action: "s3:DeleteObject", Resource: "arn:aws:s3:::a/*", Condition: {Bool: {"aws:MultiFactorAuthPresent": "true"}}},
            {Effect: "Deny", Action: "s3:DeleteObject", Resource: "arn:aws:s3:::b/*"}
        );
        const {policy: shrunk, merged} = shrinkPolicy(input);
        expect(merged).toBe(2);
        expect(policyStatements(shrunk)[0]).toEqual({Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"]});
        expect(policyStatements(shrunk)).toHaveLength(3);
        expectSameAllowed(input, shrunk);
    });

    it("drops entries a wildcard of the same list covers, and keeps a Sid the merged statements agree on", () => {
        const input = policy(
            {Sid: "Logs", Effect: "Allow", Action: ["logs:PutLogEvents", "logs:Put*", "LOGS:putlogevents"], Resource: "*"},
            {Sid: "Logs2", Effect: "Allow", NotAction: "iam:*", Resource: ["arn:aws:s3:::a/*", "arn:aws:s3:::a/x/*", "arn:aws:s3:::a/${aws:username}"]}
        );
        const shrunk = policyStatements(shrinkPolicy(input).policy);
        expect(shrunk[0]).toEqual({Sid: "Logs", Effect: "Allow", Action: ["logs:Put*"], Resource: ["*"]});
        expect(shrunk[1]!.Resource).toEqual(["arn:aws:s3:::a/*"]);
    });
});

describe("splitPolicy", () => {
    const bucket = (name: string, index: number) => `arn:aws:s3:::${name}-${index}/*`;
    const input = policy(
        {Sid: "Reads", Effect: "Allow", Action: ["s3:GetObject"], Resource: Array.from({length: 30}, (_, index) => bucket("reports", index))},
        {Sid: "Tables", Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:DeleteItem"], Resource: "arn:aws:dynamodb:us-east-1:123456789012:table/orders"},
        // The name the first piece of Reads would take: pieces are numbered past it.
        {Sid: "Reads2", Effect: "Allow", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:123456789012:jobs"},
        {Sid: "NoReportDownloads", Effect: "Deny", Action: "s3:Get*", Resource: bucket("reports", 7)},
        {Sid: "NoSecrets", Effect: "Deny", Action: "secretsmanager:*", Resource: "*"}
    );

    it("puts each Deny in every part whose Allows it can meet, and a Deny that meets none once", () => {
        const parts = splitPolicy(input, 700);
        expect(parts.length).toBeGreaterThan(2);
        for (const part of parts) {
            expect(policySize(part).characters).toBeLessThanOrEqual(700);
            const sids = policyStatements(part).map((statement) => statement.Sid);
            expect(new Set(sids).size).toBe(sids.length);
            expect(policyStatements(part).filter((statement) => statement.Sid === "Reads2").every((statement) => statement.Action === "sqs:SendMessage")).toBe(true);
            if (sids.some((sid) => sid?.startsWith("Reads")))
                expect(sids).toContain("NoReportDownloads");
            // A part alone never allows more than the whole policy.
            expect(isBroader(input, part, {catalog})).toBe(false);
        }
        expect(parts.filter((part) => policyStatements(part).some((statement) => statement.Sid === "NoSecrets"))).toHaveLength(1);
        expectSameAllowed(input, policy(...parts.flatMap(policyStatements)));
        expect(evaluateDecision({identity: parts}, {action: "s3:GetObject", resource: "arn:aws:s3:::reports-7/x"}).decision).toBe("explicitDeny");
    });

    it("refuses, in one line, a statement that cannot be cut to fit", () => {
        const huge = policy({Effect: "Allow", NotAction: "iam:*", NotResource: Array.from({length: 40}, (_, index) => bucket("archive", index))});
        expect(() => splitPolicy(huge, 600)).toThrow(/has no Action or Resource list to split/);
    });
});
