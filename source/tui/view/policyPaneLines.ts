import chalk from "chalk";
import type {SessionState} from "../state/sessionState.js";
import {highlightJson} from "./highlightJson.js";

export interface PolicyPaneView {
    title: string;
    /** Every line of the highlighted text; the pane shows a window of them. */
    lines: string[];
    streaming: boolean;
}

const WELCOME = [
    "Describe what a role or user needs, for example:",
    "",
    "  Allow a Lambda function to read from DynamoDB table users",
    "  and write logs to CloudWatch",
    "",
    "Then refine it: \"also allow deleting items\", \"restrict it to",
    "us-east-1\", \"require MFA\". /help lists the commands."
];

/** What the policy pane shows: the stream in progress, else the shown result, else how to start. */
export function policyPaneView(state: SessionState): PolicyPaneView {
    const {pending, shown, revisions, revision} = state;
    if (pending != null) {
        const tokens = pending.text.length > 0 ? "" : chalk.dim(" · waiting for the first token");
        return {title: `${chalk.bold("Policy")} ${chalk.yellow("● generating")}${tokens}`, lines: highlightJson(pending.text).split("\n"), streaming: true};
    }
    if (shown == null)
        return {title: chalk.bold("Policy"), lines: WELCOME.map((line) => chalk.dim(line)), streaming: false};
    const parts = [chalk.bold("Policy")];
    if (shown.policy != null && revisions[revision] === shown)
        parts.push(chalk.dim(`revision ${revision + 1}/${revisions.length}`));
    if (shown.aborted)
        parts.push(chalk.red("■ aborted: kept what streamed"));
    if (shown.truncated)
        parts.push(chalk.red("■ truncated"));
    if (shown.check != null)
        parts.push(shown.check.valid ? chalk.green("✔ valid") : chalk.red("✖ not valid"));
    if (shown.changeSummary != null)
        parts.push(chalk.cyan(shown.changeSummary));
    const text = shown.policy == null && shown.text === "" ? chalk.dim(shown.message ?? "nothing generated") : highlightJson(shown.text);
    return {title: parts.join(" · "), lines: text.split("\n"), streaming: false};
}
