import path from "node:path";
import {resultFromPolicy} from "../../generator/PolicyGenerator.js";
import {readPolicyAt} from "../policyFile.js";
import type {SlashCommand} from "./SlashCommand.js";
import {resolveTypedPath, shownPath} from "./writeFiles.js";

/** `/open FILE` (and `iam-gen-tui --policy FILE`): a policy file as revision 1 of a new conversation, which follow-ups tighten. */
export const openCommand: SlashCommand = {
    name: "open",
    usage: "/open <file>",
    description: "start from a policy file (JSON, YAML, CloudFormation or Terraform) as revision 1; follow-ups refine it",
    async run(args, {controller, cwd}) {
        if (args === "") {
            controller.notice("warning", "which file? /open <file>");
            return;
        }
        const file = resolveTypedPath(args, cwd);
        const shown = shownPath(file, cwd);
        const read = await readPolicyAt(file);
        if ("problem" in read) {
            controller.notice("error", `cannot open ${shown}: ${read.problem}`);
            return;
        }
        // The file's name stands for the request: exports and saves are named after it.
        controller.openPolicy(resultFromPolicy(read.policy, path.parse(file).name, controller.engineName));
        controller.notice("success", `opened ${shown} as revision 1; describe how to change it`);
    }
};
