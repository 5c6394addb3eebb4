import chalk from "chalk";
import {loadCatalog} from "../../catalog/index.js";
import {explainPolicy} from "../../policy/explain/explainPolicy.js";
import type {Finding} from "../../policy/types.js";
import type {SlashCommand} from "./SlashCommand.js";

const COLOUR: Record<Finding["severity"], (text: string) => string> = {
    ERROR: chalk.red, SECURITY_WARNING: chalk.red, WARNING: chalk.yellow, SUGGESTION: chalk.dim
};

export const explainCommand: SlashCommand = {
    name: "explain",
    usage: "/explain",
    description: "say in plain language what each statement of the current policy does, with the checker's findings beside it",
    run(_args, {controller}) {
        const policy = controller.current?.policy;
        if (policy == null) {
            controller.notice("warning", "no policy to explain yet");
            return;
        }
        const explanation = explainPolicy(policy, loadCatalog());
        const finding = (entry: Finding) => `   ${COLOUR[entry.severity](`${entry.severity} ${entry.code}`)} ${entry.message}`;
        const lines = [
            ...explanation.statements.flatMap((statement) => [
                `${statement.index + 1}. ${statement.sid != null ? chalk.bold(`${statement.sid}: `) : ""}${statement.text}`,
                ...statement.findings.map(finding)
            ]),
            ...explanation.findings.map(finding)
        ];
        controller.print({kind: "block", title: "What the policy does", text: lines.join("\n")});
    }
};
