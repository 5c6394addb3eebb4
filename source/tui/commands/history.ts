import chalk from "chalk";
import type {SlashCommand} from "./SlashCommand.js";

export const historyCommand: SlashCommand = {
    name: "history",
    usage: "/history",
    description: "list the revisions of this conversation",
    run(_args, {controller}) {
        const {revisions, revision} = controller.getState();
        if (revisions.length === 0) {
            controller.notice("warning", "no revisions yet");
            return;
        }
        const lines = revisions.map((result, index) => {
            const marker = index === revision ? chalk.green("●") : " ";
            const summary = result.changeSummary != null ? chalk.dim(` → ${result.changeSummary}`) : "";
            return `${marker} ${String(index + 1).padStart(2)}  ${result.request.replace(/\s+/g, " ")}${summary}`;
        });
        controller.print({kind: "block", title: "Revisions (● current)", text: lines.join("\n")});
    }
};
