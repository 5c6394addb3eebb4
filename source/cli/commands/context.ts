import {Command} from "commander";
import chalk from "chalk";
import {retrieve} from "../../retrieval/index.js";
import type {RetrievalContext} from "../../retrieval/types.js";

/** `iam-gen context "<request>" [--json]`: what retrieval finds in a request, as a table or as JSON. */
export function contextCommand() {
    return new Command("context")
        .description("show what retrieval finds in a request: services, intents, candidate actions, resources, conditions")
        .argument("<request...>", "the request in plain English")
        .option("--json", "print the retrieval context as JSON")
        .option("--account <id>", "account id for ARNs when the request names none")
        .option("--region <region>", "region for ARNs when the request names none")
        .option("--partition <partition>", "ARN partition", "aws")
        .action((words: string[], options: {json?: boolean; account?: string; region?: string; partition: string}) => {
            const context = retrieve(words.join(" "), {account: options.account, region: options.region, partition: options.partition});
            if (options.json)
                console.log(JSON.stringify(context, null, 2));
            else
                console.log(renderContext(context));
        });
}

/** The retrieval context as readable sections. */
export function renderContext(context: RetrievalContext): string {
    if (context.services.length === 0 && context.candidates.length === 0)
        return `${chalk.yellow("No AWS service or action found in this request")}: nothing to grant. Name a service and what to do, e.g. "read objects from the S3 bucket reports".`;
    const lines: string[] = [];
    const section = (title: string, rows: string[]) => {
        if (rows.length > 0)
            lines.push("", chalk.bold(title), ...rows.map((row) => `  ${row}`));
    };
    lines.push(`${chalk.bold("Effect")} ${context.effect === "Deny" ? chalk.red("Deny") : chalk.green("Allow")}`
        + (context.account != null ? `   account ${context.account}` : "") + (context.region != null ? `   region ${context.region}` : ""));
    section("Services", context.services.map((service) =>
        `${service.prefix.padEnd(24)} ${(service.role === "target" ? chalk.green : chalk.cyan)(service.role.padEnd(9))} ${chalk.dim(service.name)}  ${chalk.dim(`${service.implied === true ? "implied by" : "matched"}: ${service.matched.join(", ")}`)}`));
    section("Intents", context.intents.map((intent) => {
        const parts = [
            intent.access.length > 0 ? `access ${intent.access.join(", ")}` : "",
            intent.verbs.length > 0 ? `verbs ${intent.verbs.join(", ")}` : "",
            intent.negated.access.length + intent.negated.verbs.length > 0 ? chalk.red(`not ${[...intent.negated.access, ...intent.negated.verbs].join(", ")}`) : ""
        ].filter((part) => part !== "");
        return `${intent.service.padEnd(24)} ${intent.effect.padEnd(6)} ${parts.join("; ")}`;
    }));
    section("Candidate actions", context.candidates.map((candidate) =>
        `${(candidate.effect === "Deny" ? chalk.red : chalk.green)(candidate.action.padEnd(48))} ${candidate.accessLevel.padEnd(24)} ${String(candidate.score).padStart(4)}  ${chalk.dim(candidate.reason)}`));
    section("Excluded", context.excluded.map((entry) => `${chalk.red(entry.action.padEnd(48))} ${chalk.dim(entry.reason)}`));
    section("Resources", context.resources.map((resource) => `${resource.arn.padEnd(60)} ${chalk.dim(`${resource.service} ${resource.type}; matched: ${resource.matched.join(", ")}`)}`));
    section("Conditions", context.conditions.map((condition) => `${condition.operator} ${condition.key} ${JSON.stringify(condition.values)}  ${chalk.dim(`${condition.kind}; matched: ${condition.matched.join(", ")}${condition.opener != null ? `; a Deny's ${condition.opener}` : ""}${condition.appliesTo?.effect != null ? `; ${condition.appliesTo.effect} only` : ""}`)}`));
    return lines.join("\n").trimStart();
}
