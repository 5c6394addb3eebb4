import type {Catalog} from "../../catalog/index.js";
import {checkPolicy} from "../checkPolicy.js";
import {policyStatements} from "../statements.js";
import type {Finding, PolicyDocument, PolicyStatement} from "../types.js";
import {actionsPhrase} from "./actionPhrases.js";
import {conditionsPhrase} from "./conditionPhrases.js";
import {resourcesPhrase} from "./resourcePhrases.js";

export interface StatementExplanation {
    index: number;
    sid?: string;
    /** One plain-language line: "Allows retrieving objects from Amazon S3 (s3:GetObject) on objects under reports/2024/, only with MFA". */
    text: string;
    /** The checker's findings about this statement. */
    findings: Finding[];
}

export interface PolicyExplanation {
    statements: StatementExplanation[];
    /** Findings about the document as a whole (its Version, its size). */
    findings: Finding[];
}

/** Each statement in one line, built from the catalog's action descriptions, access levels, resource types and condition keys, with the checker's findings beside it. */
export function explainPolicy(policy: PolicyDocument, catalog: Catalog): PolicyExplanation {
    const findings = checkPolicy(policy, {catalog}).findings;
    const single = !Array.isArray(policy.Statement);
    const statementOf = (finding: Finding) => {
        const match = /^\$\.Statement(?:\[(\d+)\])?/.exec(finding.path);
        return match == null ? undefined : match[1] != null ? Number(match[1]) : single ? 0 : undefined;
    };
    const statements = policyStatements(policy).map((statement, index) => ({
        index,
        ...(typeof statement.Sid === "string" && statement.Sid !== "" ? {sid: statement.Sid} : {}),
        text: explainStatement(statement, catalog),
        findings: findings.filter((finding) => statementOf(finding) === index)
    }));
    return {statements, findings: findings.filter((finding) => statementOf(finding) == null)};
}

function entries(value: unknown): string[] {
    return (Array.isArray(value) ? value : value == null ? [] : [value]).filter((entry): entry is string => typeof entry === "string");
}

function explainStatement(statement: PolicyStatement, catalog: Catalog): string {
    const verb = statement.Effect === "Deny" ? "Denies" : "Allows";
    const negatedActions = statement.Action == null && statement.NotAction != null;
    const actions = actionsPhrase(catalog, entries(negatedActions ? statement.NotAction : statement.Action), negatedActions);
    const negatedResources = statement.Resource == null && statement.NotResource != null;
    const resources = resourcesPhrase(catalog, entries(negatedResources ? statement.NotResource : statement.Resource), negatedResources);
    const conditions = conditionsPhrase(statement.Condition);
    return `${verb} ${actions || "no action"}${resources !== "" ? ` ${resources}` : ""}${conditions !== "" ? `, ${conditions}` : ""}`;
}

/** The explanation as lines: each statement numbered (with its Sid), its findings indented under it, document findings last. */
export function explanationLines(explanation: PolicyExplanation): string[] {
    const finding = (entry: Finding) => `${entry.severity} ${entry.code}: ${entry.message}`;
    return [
        ...explanation.statements.flatMap((statement) => [
            `${statement.index + 1}. ${statement.sid != null ? `${statement.sid}: ` : ""}${statement.text}`,
            ...statement.findings.map((entry) => `   ${finding(entry)}`)
        ]),
        ...explanation.findings.map((entry) => `   ${finding(entry)}`)
    ];
}
