import type {Catalog} from "../catalog/Catalog.js";
import {printable} from "../text/printable.js";
import type {ContextValue, Evaluation, RequestContext, SimulationRequest, StatementEvaluation} from "./types.js";

/** How a front end marks up the explanation (the CLI and the TUI pass chalk's colours; plain text passes identity). */
export interface EvaluationStyle {
    allowed(text: string): string;
    denied(text: string): string;
    dim(text: string): string;
    bold(text: string): string;
}

const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/;

/** Whether text is written as `service:Action` (wildcards allowed), as a request to simulate names its action. */
export function isActionName(text: string): boolean {
    return ACTION.test(text);
}

/**
 * `key=value` pairs as a request context; a key given twice, or one the catalog types as multivalued
 * (ArrayOf…), holds a list. Throws an Error naming the pair that is not key=value.
 */
export function parseContextPairs(pairs: readonly string[], catalog: () => Catalog): RequestContext {
    const values = new Map<string, string[]>();
    for (const pair of pairs) {
        const separator = pair.indexOf("=");
        if (separator <= 0)
            throw new Error(`${JSON.stringify(pair)} is not key=value`);
        const key = pair.slice(0, separator);
        values.set(key, [...values.get(key) ?? [], pair.slice(separator + 1)]);
    }
    const context: Record<string, ContextValue> = {};
    for (const [key, list] of values)
        context[key] = list.length > 1 || catalog().conditionKey(key)?.type.startsWith("ArrayOf") ? list : list[0]!;
    return context;
}

function statementName(statement: StatementEvaluation) {
    return `${statement.document} statement ${statement.index}${statement.sid != null ? ` (${printable(statement.sid)})` : ""}`;
}

/** Why a statement did not apply: the first element that failed, or every failed condition. */
function failedElement(statement: StatementEvaluation): string {
    if (!statement.action.matched)
        return statement.action.reason;
    if (statement.resource != null && !statement.resource.matched)
        return statement.resource.reason;
    return (statement.conditions ?? []).filter((condition) => !condition.satisfied)
        .map((condition) => `${condition.operator} ${condition.key}: ${condition.reason}`).join("; ");
}

/** The decision on one line, then each statement: whether it applied, and why or why not (policy text made printable). */
export function describeEvaluation(request: SimulationRequest, result: Evaluation, style: EvaluationStyle): string[] {
    const decision = {allowed: style.allowed("allowed"), explicitDeny: style.denied("denied (explicit Deny)"), implicitDeny: style.denied("denied (implicitly)")}[result.decision];
    const lines = [`${style.bold(decision)}  ${printable(`${request.action} on ${request.resource ?? "*"}`)}`];
    if (result.decision === "implicitDeny")
        lines.push(`  no statement allows it in: ${result.deniedBy!.join(", ")}`);
    for (const document of result.documents)
        for (const statement of document.statements) {
            const decisive = result.decisive.some((entry) => entry.document === statement.document && entry.index === statement.index);
            const mark = statement.applies ? (statement.effect === "Deny" ? style.denied("✗") : style.allowed("✓")) : style.dim("·");
            const detail = statement.applies
                ? `${statement.effect} applies${decisive ? style.bold(" (decisive)") : ""}: ${printable([statement.action.reason, statement.resource?.reason].join("; "))}`
                : style.dim(`${statement.effect} does not apply: ${printable(failedElement(statement))}`);
            lines.push(`  ${mark} ${statementName(statement)}  ${detail}`);
        }
    return lines;
}
