import {checkPolicy, formatPolicy, normalizePolicy, type PolicyDocument} from "../policy/index.js";
import {ActionExpander} from "./ActionExpander.js";
import type {BenchmarkRow, SystemOutput} from "./benchmarkFiles.js";
import {actionPatterns, policyStatements} from "./policyShape.js";
import {
    extractPrototypeJson, isPrototypeJsonValid, isPrototypeSchemaValid, prototypeEffectAccuracy, prototypeServiceAccuracy
} from "./prototypeMetrics.js";
import {compareSets, type SetComparison} from "./setMetrics.js";

/** The prototype's error-analysis categories (see `categorize` for the order they are checked in). */
export type ErrorCategory = "no_json" | "invalid_schema" | "wrong_services" | "wrong_effect" | "correct";
/** In the order the prototype printed them. */
export const ERROR_CATEGORIES: readonly ErrorCategory[] = ["no_json", "invalid_schema", "wrong_services", "wrong_effect", "correct"];

/** Everything measured on one benchmark row. */
export interface RowScore {
    id: string;
    prompt: string;
    complexity: string;
    /** No output for this row (it counts as a failure on every metric). */
    missing: boolean;
    output: string | null;
    jsonValid: boolean;
    jsonExtracted: boolean;
    schemaValid: boolean;
    /** The prototype's service Jaccard and effect match; null when nothing was extracted. */
    serviceAccuracy: number | null;
    effectAccuracy: number | null;
    /** Actions the output allows vs the reference's, after expanding wildcards. */
    allow: SetComparison;
    /** The same for Deny; null when the reference denies nothing. */
    deny: SetComparison | null;
    /** Actions and patterns in the output that match no catalog action and do not appear in the reference. */
    inventedActions: string[];
    /** The output equals the reference once both are normalised (order, case, duplicates, merged statements), Sids aside. */
    exactMatch: boolean;
    /** The policy checker's findings on the extracted policy, by code; null when nothing was extracted. */
    findings: {errors: string[], securityWarnings: string[]} | null;
    category: ErrorCategory;
    /** The engine failed on this row. */
    error?: string;
    /** What the engine said with its result. */
    message?: string;
    ms?: number;
    timeToFirstTokenMs?: number;
    tokensPerSecond?: number;
    tokens?: number;
}

/**
 * Scores one output against its row's reference. Every metric reads the policy the prototype's rule
 * extracts (the whole text, else first `{` to last `}`), so all metrics describe the same policy.
 * The action metrics count a policy that fails the schema check as granting and denying nothing,
 * as AWS would reject it.
 */
export function scoreRow(row: BenchmarkRow, output: SystemOutput | undefined, expander: ActionExpander): RowScore {
    const text = output?.text ?? null;
    const extracted = text == null ? null : extractPrototypeJson(text);
    const policy = extracted?.value;
    const schemaValid = extracted != null && isPrototypeSchemaValid(policy);
    const serviceAccuracy = extracted == null ? null : prototypeServiceAccuracy(row.reference, policy);
    const effectAccuracy = extracted == null ? null : prototypeEffectAccuracy(row.reference, policy);
    const granted = (effect: "Allow" | "Deny") => schemaValid ? expander.effectiveActions(policy, effect) : new Set<string>();
    const referenceDenies = policyStatements(row.reference).some((statement) => statement.Effect === "Deny");
    const referencePatterns = new Set(actionPatterns(row.reference).map((pattern) => pattern.toLowerCase()));

    return {
        id: row.id,
        prompt: row.prompt,
        complexity: row.complexity ?? "unspecified",
        missing: output == null,
        output: text,
        jsonValid: text != null && isPrototypeJsonValid(text),
        jsonExtracted: extracted != null,
        schemaValid,
        serviceAccuracy,
        effectAccuracy,
        allow: compareSets(granted("Allow"), expander.effectiveActions(row.reference, "Allow")),
        deny: referenceDenies ? compareSets(granted("Deny"), expander.effectiveActions(row.reference, "Deny")) : null,
        inventedActions: [...new Set(actionPatterns(policy).filter((pattern) => !expander.isKnown(pattern) && !referencePatterns.has(pattern.toLowerCase())))],
        exactMatch: schemaValid && canonicalText(policy, expander) === canonicalText(row.reference, expander),
        findings: extracted == null ? null : severeFindings(policy, expander),
        category: categorize(extracted != null, schemaValid, serviceAccuracy, effectAccuracy),
        ...measurements(output)
    };
}

/** The policy normalised and formatted by the policy checker's own rules, without Sids (labels that grant nothing). */
function canonicalText(policy: unknown, expander: ActionExpander): string {
    const statements = policyStatements(policy).map(({Sid: _sid, ...statement}) => statement);
    const document = {...(policy as object), Statement: statements} as unknown as PolicyDocument;
    const {policy: normalized} = normalizePolicy(document, {catalog: expander.catalog});
    return formatPolicy(normalized);
}

function severeFindings(policy: unknown, expander: ActionExpander) {
    const {findings} = checkPolicy(policy, {catalog: expander.catalog});
    const codes = (severity: string) => [...new Set(findings.filter((finding) => finding.severity === severity).map((finding) => finding.code))];
    return {errors: codes("ERROR"), securityWarnings: codes("SECURITY_WARNING")};
}

/**
 * The prototype's error analysis: no JSON extracted; schema invalid; effects differ; service Jaccard
 * below 0.5; else correct.
 */
function categorize(extracted: boolean, schemaValid: boolean, serviceAccuracy: number | null, effectAccuracy: number | null): ErrorCategory {
    if (!extracted)
        return "no_json";
    if (!schemaValid)
        return "invalid_schema";
    if (effectAccuracy! < 1)
        return "wrong_effect";
    if (serviceAccuracy! < 0.5)
        return "wrong_services";
    return "correct";
}

function measurements(output: SystemOutput | undefined) {
    if (output == null)
        return {};
    const {error, message, ms, timeToFirstTokenMs, tokensPerSecond, tokens} = output;
    return Object.fromEntries(Object.entries({error, message, ms, timeToFirstTokenMs, tokensPerSecond, tokens}).filter(([, value]) => value != null));
}
