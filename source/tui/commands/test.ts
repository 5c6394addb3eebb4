import chalk from "chalk";
import {loadCatalog} from "../../catalog/index.js";
import {describeEvaluation, evaluate, isActionName, parseContextPairs, type SimulationRequest} from "../../simulation/index.js";
import type {SlashCommand} from "./SlashCommand.js";

const STYLE = {allowed: chalk.green, denied: chalk.red, dim: chalk.dim, bold: chalk.bold};

/** `/test s3:GetObject arn:aws:s3:::reports/a.csv aws:MultiFactorAuthPresent=true`: words that are key=value form the context. */
function parseTest(args: string): SimulationRequest | string {
    const words = args.trim().split(/\s+/).filter(Boolean);
    const [action, ...rest] = words;
    if (action == null || !isActionName(action))
        return "usage: /test <service:Action> [resource ARN] [key=value …]";
    const pairs = rest.filter((word) => word.includes("=") && !word.startsWith("arn:"));
    const resources = rest.filter((word) => !pairs.includes(word));
    if (resources.length > 1)
        return `one resource at a time: ${resources.join(" ")}`;
    try {
        return {action, resource: resources[0] ?? "*", context: parseContextPairs(pairs, loadCatalog)};
    } catch (error) {
        return (error as Error).message;
    }
}

export const testCommand: SlashCommand = {
    name: "test",
    usage: "/test <action> [arn]",
    description: "ask the offline evaluator whether the current policy allows a request (key=value words after it set the context), and which statements decide it",
    run(args, {controller}) {
        const policy = controller.current?.policy;
        if (policy == null) {
            controller.notice("warning", "no policy yet: ask for one first");
            return;
        }
        const request = parseTest(args);
        if (typeof request === "string") {
            controller.notice("warning", request);
            return;
        }
        const lines = describeEvaluation(request, evaluate(policy, request), STYLE);
        controller.print({kind: "block", title: "Test", text: lines.join("\n")});
    }
};
