import {defaultPolicyPath} from "../policyFile.js";
import type {SlashCommand} from "./SlashCommand.js";
import {resolveTypedPath, writeFilesAsking} from "./writeFiles.js";
import {packedParts} from "../../generator/turnExtras.js";
import {formatPolicy} from "../../policy/index.js";
import {numberedFile} from "../../files/numberedFile.js";

export const saveCommand: SlashCommand = {
    name: "save",
    usage: "/save [path]",
    description: "write the current policy (a packed one as name-1.json, name-2.json, …) to a file (default ./policies/<request>.json); asks before overwriting",
    async run(args, context) {
        const {controller, saveFolder, cwd} = context;
        const current = controller.current;
        if (current == null) {
            controller.notice("warning", "no policy to save yet");
            return;
        }
        const file = args === "" ? defaultPolicyPath(controller.firstRequest ?? current.request, saveFolder, cwd) : resolveTypedPath(args, cwd);
        // A policy packed into several managed policies is saved as those: policy-1.json, policy-2.json, …
        const parts = packedParts(current);
        const files = parts == null ? [{file, text: current.text}] : parts.map((part, index) => ({file: numberedFile(file, index + 1), text: formatPolicy(part.policy)}));
        await writeFilesAsking(files, context, "saved");
    }
};

