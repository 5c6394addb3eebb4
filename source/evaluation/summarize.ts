import {ERROR_CATEGORIES, type ErrorCategory, type RowScore} from "./scoreRow.js";
import {aggregatePrecisionRecall} from "./setMetrics.js";

/** Latency-like figures over the rows that report them. */
export interface Distribution {
    rows: number;
    mean: number;
    p50: number;
    p95: number;
}

/** The figures of one set of rows. Rates are percentages (0–100); precision, recall and F1 are 0–1. */
export interface EvaluationSummary {
    total: number;
    /** Rows without an output (counted as failures everywhere). */
    missing: number;
    /** Rows where the engine failed (counted as failures everywhere). */
    errors: number;
    jsonValid: number;
    jsonExtracted: number;
    schemaValid: number;
    /** The prototype's way: averaged over the rows where JSON was extracted. */
    serviceAccuracy: number;
    /** Averaged over all rows (a row without JSON scores 0). */
    serviceAccuracyAll: number;
    effectAccuracy: number;
    effectAccuracyAll: number;
    actionPrecisionMacro: number;
    actionRecallMacro: number;
    actionF1Macro: number;
    actionPrecisionMicro: number;
    actionRecallMicro: number;
    actionF1Micro: number;
    /** Deny statements, over the rows whose reference denies something (`rows` 0: none did). */
    deny: {rows: number, precisionMacro: number, recallMacro: number, f1Macro: number, precisionMicro: number, recallMicro: number, f1Micro: number};
    /** Share of all rows whose output names an action or pattern that matches nothing in the catalog. */
    hallucinationRate: number;
    /** Share of all rows whose output equals the reference after normalisation. */
    exactMatch: number;
    /** The policy checker on the extracted policies: how many were checked, and the share with an ERROR, or an ERROR or SECURITY_WARNING. */
    findings: {checked: number, error: number, errorOrSecurityWarning: number};
    /** Rows per error-analysis category. */
    categories: Record<ErrorCategory, number>;
    latencyMs: Distribution | null;
    timeToFirstTokenMs: Distribution | null;
    tokensPerSecond: Distribution | null;
}

export function summarize(rows: RowScore[]): EvaluationSummary {
    const total = rows.length;
    const percent = (count: number, of = total) => of === 0 ? 0 : count / of * 100;
    const count = (test: (row: RowScore) => boolean) => rows.filter(test).length;
    const extracted = rows.filter((row) => row.jsonExtracted);
    const sum = (values: Array<number | null>) => values.reduce<number>((total, value) => total + (value ?? 0), 0);
    const serviceSum = sum(extracted.map((row) => row.serviceAccuracy));
    const effectSum = sum(extracted.map((row) => row.effectAccuracy));
    const allow = aggregatePrecisionRecall(rows.map((row) => row.allow));
    const deny = aggregatePrecisionRecall(rows.flatMap((row) => row.deny == null ? [] : [row.deny]));

    return {
        total,
        missing: count((row) => row.missing),
        errors: count((row) => row.error != null),
        jsonValid: percent(count((row) => row.jsonValid)),
        jsonExtracted: percent(extracted.length),
        schemaValid: percent(count((row) => row.schemaValid)),
        serviceAccuracy: percent(serviceSum, extracted.length),
        serviceAccuracyAll: percent(serviceSum),
        effectAccuracy: percent(effectSum, extracted.length),
        effectAccuracyAll: percent(effectSum),
        actionPrecisionMacro: allow.macro.precision,
        actionRecallMacro: allow.macro.recall,
        actionF1Macro: allow.macro.f1,
        actionPrecisionMicro: allow.micro.precision,
        actionRecallMicro: allow.micro.recall,
        actionF1Micro: allow.micro.f1,
        deny: {
            rows: deny.rows,
            precisionMacro: deny.macro.precision,
            recallMacro: deny.macro.recall,
            f1Macro: deny.macro.f1,
            precisionMicro: deny.micro.precision,
            recallMicro: deny.micro.recall,
            f1Micro: deny.micro.f1
        },
        hallucinationRate: percent(count((row) => row.inventedActions.length > 0)),
        exactMatch: percent(count((row) => row.exactMatch)),
        findings: {
            checked: extracted.length,
            error: percent(count((row) => (row.findings?.errors.length ?? 0) > 0), extracted.length),
            errorOrSecurityWarning: percent(count((row) => (row.findings?.errors.length ?? 0) + (row.findings?.securityWarnings.length ?? 0) > 0), extracted.length)
        },
        categories: Object.fromEntries(ERROR_CATEGORIES.map((category) => [category, count((row) => row.category === category)])) as Record<ErrorCategory, number>,
        latencyMs: distribution(rows.map((row) => row.ms)),
        timeToFirstTokenMs: distribution(rows.map((row) => row.timeToFirstTokenMs)),
        tokensPerSecond: distribution(rows.map((row) => row.tokensPerSecond))
    };
}

/** Mean and nearest-rank percentiles of the values present; null when no row has one. */
export function distribution(values: Array<number | undefined>): Distribution | null {
    const present = values.filter((value): value is number => value != null).sort((a, b) => a - b);
    if (present.length === 0)
        return null;
    const percentile = (p: number) => present[Math.max(0, Math.ceil(p / 100 * present.length) - 1)]!;
    return {
        rows: present.length,
        mean: present.reduce((sum, value) => sum + value, 0) / present.length,
        p50: percentile(50),
        p95: percentile(95)
    };
}
