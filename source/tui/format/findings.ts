import chalk, {type ChalkInstance} from "chalk";
import type {CheckReport, Finding, Severity} from "../../policy/types.js";
import {SEVERITIES} from "../../policy/types.js";

export const SEVERITY_STYLE: Record<Severity, {color: "red" | "magenta" | "yellow" | "cyan"; symbol: string; label: string}> = {
    ERROR: {color: "red", symbol: "✖", label: "error"},
    SECURITY_WARNING: {color: "magenta", symbol: "⚠", label: "security"},
    WARNING: {color: "yellow", symbol: "▲", label: "warning"},
    SUGGESTION: {color: "cyan", symbol: "●", label: "suggestion"}
};

export function sortFindings(findings: readonly Finding[]) {
    return [...findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}

/** The checker's report as the `/validate` block shows it: a verdict, then every finding with its path and fix. */
export function formatCheckReport(report: CheckReport) {
    const {size} = report;
    const counts = SEVERITIES.map((severity) => [severity, report.findings.filter((finding) => finding.severity === severity).length] as const)
        .filter(([, count]) => count > 0)
        .map(([severity, count]) => paint(severity)(`${count} ${SEVERITY_STYLE[severity].label}`));
    const verdict = report.valid ? chalk.green("✔ valid") : chalk.red("✖ not valid");
    const lines = [
        `${verdict}${counts.length > 0 ? `  ${counts.join(", ")}` : "  no findings"}`,
        chalk.dim(`size ${size.characters} of ${size.limit} characters (${size.target} policy)${size.withinLimit ? "" : " — over the limit"}`)
    ];
    for (const finding of sortFindings(report.findings)) {
        const style = SEVERITY_STYLE[finding.severity];
        lines.push(`${paint(finding.severity)(`${style.symbol} ${finding.severity}`)} ${chalk.bold(finding.code)} ${chalk.dim(finding.path)}`);
        lines.push(`    ${finding.message}`);
        if (finding.fix != null)
            lines.push(`    ${chalk.green(`fix: ${finding.fix}`)}`);
    }
    return lines.join("\n");
}

function paint(severity: Severity): ChalkInstance {
    return chalk[SEVERITY_STYLE[severity].color];
}
