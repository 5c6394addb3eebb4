import chalk from "chalk";
import type {GenerationResult} from "../../engine/types.js";
import type {RetrievalContext} from "../../retrieval/types.js";
import {SEVERITY_STYLE, sortFindings} from "../format/findings.js";

interface Section {
    title: string;
    lines: string[];
    /** Lines kept when the panel is too short; the others are replaced by "… n more". */
    keep: number;
}

export interface SidePanelInput {
    context: RetrievalContext | null;
    /** The finished result, when nothing streams: adds findings and the managed policy. */
    result: GenerationResult | null;
    rag: boolean;
}

/** What the model was given and what the checker found, as at most `height` lines. */
export function sidePanelLines({context, result, rag}: SidePanelInput, height: number): string[] {
    const sections: Section[] = [];
    if (context != null) {
        sections.push({title: "Services", keep: 3, lines: context.services.length === 0
            ? [chalk.dim("none detected")]
            : context.services.map((service) => `${chalk.bold(service.prefix)}${service.role === "principal" ? chalk.dim(" (principal)") : service.implied === true ? chalk.dim(" (implied)") : ""} ${chalk.dim(`← ${service.matched.map((word) => `"${word}"`).join(", ")}`)}`)});
        sections.push({title: rag ? "Actions given to the model" : "Actions (retrieval off: not given to the model)", keep: 0, lines: actionLines(context)});
        if (context.resources.length > 0)
            sections.push({title: "Resources", keep: 1, lines: context.resources.map((resource) => resource.arn)});
        if (context.conditions.length > 0)
            sections.push({title: "Conditions", keep: 1, lines: context.conditions.map((condition) => `${condition.operator} ${condition.key} ${chalk.dim(condition.values.join(", "))}`)});
    } else if (result == null || !rag)
        sections.push({title: "Retrieval", keep: 1, lines: [chalk.dim(rag ? "describe a request to see what the catalog matches" : "off: the model sees no catalog actions")]});
    if (result?.check != null) {
        const findings = sortFindings(result.check.findings);
        sections.push({title: "Findings", keep: 2, lines: findings.length === 0
            ? [chalk.green("✔ no findings")]
            : findings.map((finding) => {
                const style = SEVERITY_STYLE[finding.severity];
                return `${chalk[style.color](`${style.symbol} ${finding.code}`)} ${finding.message}`;
            })});
    }
    if (result?.managedPolicy != null) {
        const managed = result.managedPolicy;
        sections.push({title: "AWS managed policy", keep: 2, lines: [
            `${chalk.bold(managed.name)}${managed.used ? chalk.dim(" (shown)") : ""}`,
            chalk.dim(managed.arn)
        ]});
    }
    return fit(sections, height);
}

function actionLines(context: RetrievalContext) {
    if (context.candidates.length === 0)
        return [chalk.dim("none")];
    const byService = new Map<string, typeof context.candidates>();
    for (const candidate of context.candidates)
        byService.set(candidate.service, [...byService.get(candidate.service) ?? [], candidate]);
    const lines: string[] = [];
    for (const [service, candidates] of byService) {
        lines.push(chalk.bold(service));
        const width = Math.max(...candidates.map((candidate) => candidate.action.length - service.length - 1));
        for (const candidate of candidates) {
            const name = candidate.action.slice(service.length + 1);
            const deny = candidate.effect === "Deny" ? chalk.red(" deny") : "";
            lines.push(`  ${name.padEnd(width)} ${chalk.dim(candidate.accessLevel)}${deny}`);
        }
    }
    return lines;
}

/** Drops lines from the longest section that can spare them until the panel fits, saying how many were left out. */
function fit(sections: Section[], height: number): string[] {
    const shown = sections.map((section) => section.lines.length);
    const lineCount = () => sections.reduce((sum, section, index) => sum + 1 + shown[index]! + (shown[index]! < section.lines.length ? 1 : 0), 0);
    while (lineCount() > height) {
        let longest = -1;
        sections.forEach((section, index) => {
            if (shown[index]! > Math.min(section.keep, section.lines.length) && (longest === -1 || shown[index]! > shown[longest]!))
                longest = index;
        });
        if (longest === -1)
            break;
        shown[longest]!--;
    }
    const lines: string[] = [];
    sections.forEach((section, index) => {
        lines.push(chalk.underline(section.title));
        lines.push(...section.lines.slice(0, shown[index]));
        const hidden = section.lines.length - shown[index]!;
        if (hidden > 0)
            lines.push(chalk.dim(`… ${hidden} more`));
    });
    return lines.slice(0, height);
}
