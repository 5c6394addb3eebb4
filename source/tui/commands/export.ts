import {EXPORT_EXTENSIONS, EXPORT_FORMATS, ExportError, exportPolicy, isExportFormat} from "../../export/index.js";
import {numberedFile} from "../../files/numberedFile.js";
import {packedParts} from "../../generator/turnExtras.js";
import type {SettingsStore} from "../../settings/Settings.js";
import {defaultPolicyPath} from "../policyFile.js";
import type {SlashCommand} from "./SlashCommand.js";
import {resolveTypedPath, writeFilesAsking, type FileToWrite} from "./writeFiles.js";

/**
 * `/export <format> [path]`: the current policy as Terraform, CloudFormation, CDK code, YAML or JSON,
 * named after the conversation's first request, the configured account and region as the target's
 * variables. A packed policy is exported part by part (name-1.tf, name-2.tf, …).
 */
export function exportCommand(settings: SettingsStore): SlashCommand {
    return {
        name: "export",
        usage: "/export <format> [path]",
        description: `write the current policy as ${EXPORT_FORMATS.join(", ")} (default ./policies/<request>.<ext>); asks before overwriting`,
        async run(args, context) {
            const {controller, saveFolder, cwd} = context;
            const [format = "", ...rest] = args.split(/\s+/);
            if (!isExportFormat(format)) {
                controller.notice("error", `${format === "" ? "which format?" : `unknown format "${format}";`} /export <format> [path], the formats: ${EXPORT_FORMATS.join(", ")}`);
                return;
            }
            const current = controller.current;
            if (current?.policy == null) {
                controller.notice("warning", "no policy to export yet");
                return;
            }
            const request = controller.firstRequest ?? current.request;
            const typed = rest.join(" ");
            const file = typed === "" ? defaultPolicyPath(request, saveFolder, cwd, EXPORT_EXTENSIONS[format]) : resolveTypedPath(typed, cwd);
            const {accountId: account, region} = settings.values;
            const parts = packedParts(current)?.map((part) => part.policy) ?? [current.policy];
            let files: FileToWrite[];
            try {
                files = parts.map((policy, index) => parts.length === 1
                    ? {file, text: exportPolicy(policy, format, {request, account, region})}
                    // Each part's names differ, so that the parts can live in one Terraform module or stack.
                    : {file: numberedFile(file, index + 1), text: exportPolicy(policy, format, {request: `${request} part ${index + 1}`, account, region})});
            } catch (error) {
                if (!(error instanceof ExportError))
                    throw error;
                controller.notice("error", `cannot export as ${format}: ${error.message}`);
                return;
            }
            const written = await writeFilesAsking(files, context, "exported");
            if (written != null)
                controller.dispatch({type: "exported", path: written});
        }
    };
}
