import path from "node:path";
import {defaultPolicyPath, describeFileError, inspectSaveTarget, writePolicyFile} from "../policyFile.js";
import type {SlashCommand} from "./SlashCommand.js";

export const saveCommand: SlashCommand = {
    name: "save",
    usage: "/save [path]",
    description: "write the current policy to a file (default ./policies/<request>.json); asks before overwriting",
    async run(args, {controller, saveFolder, cwd}) {
        const current = controller.current;
        if (current == null) {
            controller.notice("warning", "no policy to save yet");
            return;
        }
        const file = args === ""
            ? defaultPolicyPath(controller.firstRequest ?? current.request, saveFolder, cwd)
            : path.resolve(cwd, args.replace(/^~(?=$|\/)/, process.env.HOME ?? "~"));
        const shown = path.relative(cwd, file).startsWith("..") ? file : path.relative(cwd, file);
        const target = await inspectSaveTarget(file);
        if (target.problem != null) {
            controller.notice("error", `cannot write ${shown}: ${target.problem}`);
            return;
        }
        if (target.exists && !await controller.ask(`${shown} exists. Overwrite it? (y/n)`)) {
            controller.notice("info", `not saved: ${shown} kept as it was`);
            return;
        }
        try {
            await writePolicyFile(file, current.text.endsWith("\n") ? current.text : current.text + "\n");
        } catch (error) {
            controller.notice("error", `cannot write ${shown}: ${describeFileError(error)}`);
            return;
        }
        controller.notice("success", `saved ${shown}`);
    }
};
