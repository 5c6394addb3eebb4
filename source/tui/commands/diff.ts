import chalk from "chalk";
import {loadCatalog} from "../../catalog/index.js";
import type {GenerationResult} from "../../engine/types.js";
import {NARROWING_KINDS} from "../../retrieval/readFollowUp.js";
import {describeEffectiveChange, effectiveDiff, widens, type EffectiveChange} from "../../simulation/index.js";
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
        controller.print({kind: "block", title: `Revision ${revision} → ${revision + 1}`, text: `${effectiveLines(previous, current).join("\n")}\n\n${text}`});
    }
};

/** What the revision changed in what the policy allows; a widening is red when the follow-up asked to narrow. */
function effectiveLines(previous: GenerationResult, current: GenerationResult): string[] {
    if (previous.policy == null || current.policy == null)
        return [chalk.dim("(no effective comparison: a revision has no policy)")];
    const {changes} = effectiveDiff(previous.policy, current.policy, {catalog: loadCatalog()});
    if (changes.length === 0)
        return ["What it allows: unchanged (only the text differs)"];
    const narrowing = current.change != null && NARROWING_KINDS.has(current.change.kind) ? current.change : undefined;
    const line = (change: EffectiveChange) => {
        const text = describeEffectiveChange(change);
        if (!widens(change))
            return chalk.green(text);
        return narrowing != null ? chalk.red(`${text}: widens, though "${narrowing.cue}" asked to narrow`) : chalk.yellow(text);
    };
    return ["What it allows:", ...changes.map(line)];
}
