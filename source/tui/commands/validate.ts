import {FINDING_RULES} from "../../policy/findingRules.js";
import {describeProbe, verificationSummary} from "../../verification/index.js";
import {formatCheckReport} from "../format/findings.js";
import type {SlashCommand} from "./SlashCommand.js";

export const validateCommand: SlashCommand = {
    name: "validate",
    usage: "/validate",
    description: "show the policy checker's full report on the current policy, and every failing verification probe",
    run(_args, {controller}) {
        const current = controller.current;
        if (current?.check == null) {
            controller.notice("warning", "no checked policy yet");
            return;
        }
        const repairs = current.repairs.map((repair) => `  repaired: ${repair.message}`);
        const verification = current.verification == null ? [] : [verificationSummary(current.verification), ...current.verification.failed.map((probe) => `  ✖ ${FINDING_RULES[probe.code].title}: ${describeProbe(probe)}`)];
        controller.print({kind: "block", title: "Policy check", text: [formatCheckReport(current.check), ...repairs, ...verification].join("\n")});
    }
};
