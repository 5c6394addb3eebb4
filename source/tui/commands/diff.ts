import chalk from "chalk";
import {effectiveChangeLines} from "../format/effectiveLines.js";
import {lineDiff} from "../format/lineDiff.js";
import type {SlashCommand} from "./SlashCommand.js";

export const diffCommand: SlashCommand = {
    name: "diff",
    usage: "/diff",
    description: "show what the current revision changed from the previous one: in what it allows, then in its text",
    run(_args, {controller}) {
        const {revisions, revision} = controller.getState();
        const previous = revisions[revision - 1];
        const current = revisions[revision];
        if (previous == null || current == null) {
            controller.notice("warning", "nothing to compare: the current policy has no previous revision");
            return;
        }
        const diff = lineDiff(previous.text, current.text);
        if (!diff.some((line) => line.kind !== "same")) {
            controller.notice("info", `revision ${revision + 1} is the same policy as revision ${revision}`);
            return;
        }
        const text = diff.map((line) =>
            line.kind === "added" ? chalk.green(`+ ${line.text}`) : line.kind === "removed" ? chalk.red(`- ${line.text}`) : chalk.dim(`  ${line.text}`)
        ).join("\n");
        controller.print({kind: "block", title: `Revision ${revision} → ${revision + 1}`, text: `${effectiveChangeLines(previous.policy, current).join("\n")}\n\n${text}`});
    }
};
