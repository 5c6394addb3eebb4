import path from "node:path";
import {defaultPolicyPath, describeFileError, inspectSaveTarget, writePolicyFile} from "../policyFile.js";
import type {SlashCommand} from "./SlashCommand.js";
import {packedParts} from "../../generator/turnExtras.js";
import {formatPolicy} from "../../policy/index.js";
import {numberedFile} from "../../files/numberedFile.js";

export const saveCommand: SlashCommand = {
    name: "save",
    usage: "/save [path]",
    description: "write the current policy (a packed one as name-1.json, name-2.json, …) to a file (default ./policies/<request>.json); asks before overwriting",
    async run(args, {controller, saveFolder, cwd}) {
        const current = controller.current;
        if (current == null) {
            controller.notice("warning", "no policy to save yet");
            return;
        }
        const file = args === ""
            ? defaultPolicyPath(controller.firstRequest ?? current.request, saveFolder, cwd)
            : path.resolve(cwd, args.replace(/^~(?=$|\/)/, process.env.HOME ?? "~"));
        // A policy packed into several managed policies is saved as those: policy-1.json, policy-2.json, …
        const parts = packedParts(current);
        const files = parts == null ? [{file, text: current.text}] : parts.map((part, index) => ({file: numberedFile(file, index + 1), text: formatPolicy(part.policy)}));
        const shownOf = (target: string) => path.relative(cwd, target).startsWith("..") ? target : path.relative(cwd, target);
        const shown = files.map((entry) => shownOf(entry.file)).join(", ");
        const targets = await Promise.all(files.map((entry) => inspectSaveTarget(entry.file)));
        const problem = targets.findIndex((target) => target.problem != null);
        if (problem >= 0) {
            controller.notice("error", `cannot write ${shownOf(files[problem]!.file)}: ${targets[problem]!.problem}`);
            return;
        }
        const existing = files.filter((_, index) => targets[index]!.exists).map((entry) => shownOf(entry.file));
        if (existing.length > 0 && !await controller.ask(`${existing.join(", ")} ${existing.length === 1 ? "exists. Overwrite it?" : "exist. Overwrite them?"} (y/n)`)) {
            controller.notice("info", `not saved: ${existing.join(", ")} kept as ${existing.length === 1 ? "it was" : "they were"}`);
            return;
        }
        for (const entry of files) {
            try {
                await writePolicyFile(entry.file, entry.text.endsWith("\n") ? entry.text : entry.text + "\n");
            } catch (error) {
                controller.notice("error", `cannot write ${shownOf(entry.file)}: ${describeFileError(error)}`);
                return;
            }
        }
        controller.notice("success", `saved ${shown}`);
    }
};

