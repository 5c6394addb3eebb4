import chalk from "chalk";
import type {Companion} from "../../catalog/companionRules.js";
import type {EngineName, GenerationResult} from "../../engine/types.js";
import type {PolicyDocument} from "../../policy/types.js";
import type {RetrievalContext} from "../../retrieval/types.js";
import {SEVERITY_STYLE, sortFindings} from "../format/findings.js";
import {policyConditions, policyCovers, policyResources} from "./policyFacts.js";

/** A titled list in the side panel; its items wrap, and the last ones give way when the panel is short. */
export interface Section {
    title: string;
    items: string[];
    /** Items kept however short the panel is; the others may be replaced by "… n more". */
    keep: number;
}

export interface SidePanelInput {
    context: RetrievalContext | null;
    /** The finished result, when nothing streams: adds findings and the managed policy. */
    result: GenerationResult | null;
    rag: boolean;
    /** The engine in use, which decides what the candidate actions are for. */
    engine: EngineName | null;
    /** Where `/export` last wrote, if it has. */
    lastExport?: string | null;
}

/**
 * What retrieval found and what the checker says. Once a policy is shown, its own resources and
 * conditions are listed (not what retrieval proposed) and the candidates it grants are marked.
 */
export function sidePanelSections({context, result, rag, engine, lastExport}: SidePanelInput): Section[] {
    const sections: Section[] = [];
    const policy = result?.policy ?? null;
    if (context != null) {
        sections.push({title: "Services", keep: 3, items: context.services.length === 0
            ? [chalk.dim("none detected")]
            : context.services.map((service) => `${chalk.bold(service.prefix)}${service.role === "principal" ? chalk.dim(" (principal)") : service.implied === true ? chalk.dim(" (implied)") : ""} ${chalk.dim(`← ${service.matched.map((word) => `"${word}"`).join(", ")}`)}`)});
        sections.push({title: actionsTitle(result?.engine ?? engine, rag, policy != null), keep: 0, items: actionItems(context, policy)});
        if (result?.companions != null && result.companions.length > 0)
            sections.push({title: "Added for the job", keep: 1, items: companionItems(result.companions)});
    } else if (result == null || !rag)
        sections.push({title: "Retrieval", keep: 1, items: [chalk.dim(rag ? "describe a request to see what the catalog matches" : "off: the model sees no catalog actions")]});
    const resources = policy != null ? policyResources(policy) : context?.resources.map((resource) => resource.arn) ?? [];
    if (resources.length > 0)
        sections.push({title: "Resources", keep: 1, items: resources});
    const conditions = policy != null ? policyConditions(policy) : context?.conditions ?? [];
    if (conditions.length > 0)
        sections.push({title: "Conditions", keep: 1, items: conditions.map((condition) => `${condition.operator} ${condition.key} ${chalk.dim(condition.values.join(", "))}`)});
    if (result?.check != null)
        sections.push({title: "Findings", keep: 2, items: findingItems(result)});
    if (result?.managedPolicy != null) {
        const managed = result.managedPolicy;
        sections.push({title: "AWS managed policy", keep: 2, items: [`${chalk.bold(managed.name)}${managed.used ? chalk.dim(" (shown)") : ""}`, chalk.dim(managed.arn)]});
    }
    if (lastExport != null)
        sections.push({title: "Last export", keep: 1, items: [lastExport]});
    return sections;
}

/** The candidates are what the catalog engine composes from, or what a model is shown (or not, with retrieval off). */
function actionsTitle(engine: EngineName | null, rag: boolean, marked: boolean) {
    const legend = marked ? ` ${chalk.dim("(✔ in the policy)")}` : "";
    if (engine === "llama" || engine === "openai")
        return rag ? `Actions given to the model${legend}` : `Actions (retrieval off: not given to the model)${legend}`;
    return `Candidate actions${legend}`;
}

/** Candidates by service, those the policy grants (or denies, for a Deny candidate) first and marked ✔. */
function actionItems(context: RetrievalContext, policy: PolicyDocument | null): string[] {
    if (context.candidates.length === 0)
        return [chalk.dim("none")];
    const byService = new Map<string, {name: string; accessLevel: string; deny: boolean; inPolicy: boolean}[]>();
    for (const candidate of context.candidates) {
        const inPolicy = policy != null && policyCovers(policy, candidate.action, candidate.effect);
        const entry = {name: candidate.action.slice(candidate.service.length + 1), accessLevel: candidate.accessLevel, deny: candidate.effect === "Deny", inPolicy};
        byService.set(candidate.service, [...byService.get(candidate.service) ?? [], entry]);
    }
    const items: string[] = [];
    for (const [service, candidates] of byService) {
        items.push(chalk.bold(service));
        const width = Math.max(...candidates.map((candidate) => candidate.name.length));
        const ordered = policy == null ? candidates : [...candidates.filter((entry) => entry.inPolicy), ...candidates.filter((entry) => !entry.inPolicy)];
        for (const candidate of ordered) {
            const mark = policy == null ? "" : candidate.inPolicy ? chalk.green("✔ ") : "  ";
            const name = candidate.name.padEnd(width);
            const text = `${policy != null && !candidate.inPolicy ? chalk.dim(name) : name} ${chalk.dim(candidate.accessLevel)}${candidate.deny ? chalk.red(" deny") : ""}`;
            items.push(`  ${mark}${text}`);
        }
    }
    return items;
}

/** One item per reason: the actions it added, "added because …", and where the rule comes from. */
function companionItems(companions: readonly Companion[]): string[] {
    const byReason = new Map<string, {actions: Set<string>; source: string}>();
    for (const companion of companions) {
        const entry = byReason.get(companion.reason) ?? {actions: new Set<string>(), source: companion.source};
        entry.actions.add(companion.action);
        byReason.set(companion.reason, entry);
    }
    return [...byReason].map(([reason, {actions, source}]) => `${[...actions].join(", ")} ${chalk.dim(`added because ${reason} (${source})`)}`);
}

function findingItems(result: GenerationResult): string[] {
    const findings = sortFindings(result.check?.findings ?? []);
    if (findings.length === 0)
        return [chalk.green("✔ no findings")];
    return findings.map((finding) => {
        const style = SEVERITY_STYLE[finding.severity];
        return `${chalk[style.color](`${style.symbol} ${finding.code}`)} ${finding.message}`;
    });
}
