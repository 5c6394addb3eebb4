import {formatCheckReport} from "../format/findings.js";
import type {SlashCommand} from "./SlashCommand.js";

export const validateCommand: SlashCommand = {
    name: "validate",
    usage: "/validate",
    description: "show the policy checker's full report on the current policy",
    run(_args, {controller}) {
        const current = controller.current;
        if (current?.check == null) {
            controller.notice("warning", "no checked policy yet");
            return;
        }
        const repairs = current.repairs.map((repair) => `  repaired: ${repair.message}`);
        controller.print({kind: "block", title: "Policy check", text: [formatCheckReport(current.check), ...repairs].join("\n")});
    }
};
