import {type AnalyzedStatement, type CheckContext, listNames, qualifiedName} from "./analyze.js";
import {CoveringPatterns} from "./CoveringPatterns.js";

/** Unknown services and actions, wildcards that match nothing, wrong letter case, redundant entries. */
export function checkActions({statements, lookups, report}: CheckContext) {
    for (const statement of statements) {
        const field = statement.actionField ?? "Action";
        for (const entry of statement.entries) {
            if (entry.actions.length > 0) {
                if (!entry.wildcard) {
                    const canonical = lookups.qualifiedName(entry.actions[0]!);
                    if (canonical !== entry.value)
                        report({code: "ACTION_CASE", severity: "SUGGESTION", message: `"${entry.value}" is spelt "${canonical}" in AWS's documentation`, path: entry.path, fix: `Write ${canonical}`, replacement: canonical});
                }
                continue;
            }
            const separator = entry.value.indexOf(":");
            if (entry.value === "*" || separator < 0)
                continue;
            const prefix = entry.value.slice(0, separator);
            const name = entry.value.slice(separator + 1);
            if (lookups.catalog.service(prefix) == null) {
                const closest = lookups.closestService(prefix);
                const replacement = lookups.spellingFix(entry.value);
                report({
                    code: "UNKNOWN_SERVICE",
                    severity: "ERROR",
                    message: `"${prefix}" is not a service prefix in the AWS catalog (misspelt, or a retired service)`,
                    path: entry.path,
                    ...(closest != null ? {fix: `Did you mean "${closest}:${name}"?`} : {}),
                    ...(replacement != null ? {replacement} : {})
                });
            } else if (entry.wildcard) {
                report({code: "UNMATCHED_WILDCARD", severity: "ERROR", message: `"${entry.value}" matches no ${prefix} action`, path: entry.path, fix: `Check the pattern against "iam-gen catalog ${prefix}"`});
            } else {
                const closest = lookups.closestAction(prefix, name);
                const replacement = lookups.spellingFix(entry.value);
                report({
                    code: "UNKNOWN_ACTION",
                    severity: "ERROR",
                    message: `"${entry.value}" is not an action of ${prefix}`,
                    path: entry.path,
                    ...(closest != null ? {fix: `Did you mean ${qualifiedName(closest)}?`} : {}),
                    ...(replacement != null ? {replacement} : {})
                });
            }
        }
        checkRedundantEntries(statement, field, report);
    }
}

function checkRedundantEntries(statement: AnalyzedStatement, field: string, report: CheckContext["report"]) {
    const patterns = new CoveringPatterns(statement.entries.filter((entry) => entry.wildcard).map((entry) => entry.value), true);
    const seen = new Set<string>();
    for (const entry of statement.entries) {
        const lower = entry.value.toLowerCase();
        if (seen.has(lower)) {
            report({code: "REDUNDANT_ACTION", severity: "SUGGESTION", message: `"${entry.value}" is listed twice in ${field}`, path: entry.path, fix: "Remove the duplicate"});
            continue;
        }
        seen.add(lower);
        const covering = patterns.covering(entry.value);
        if (covering.length > 0)
            report({
                code: "REDUNDANT_ACTION",
                severity: "SUGGESTION",
                message: `"${entry.value}" is already covered by ${listNames(covering.map((other) => `"${other}"`))}`,
                path: entry.path,
                fix: `Remove "${entry.value}"`
            });
    }
}
