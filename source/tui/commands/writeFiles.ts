import path from "node:path";
import {describeFileError, inspectSaveTarget, writePolicyFile} from "../policyFile.js";
import type {CommandContext} from "./SlashCommand.js";

export interface FileToWrite {
    file: string;
    text: string;
}

/** A path typed in a command, `~` being the home folder, resolved against the session's folder. */
export function resolveTypedPath(typed: string, cwd: string): string {
    return path.resolve(cwd, typed.replace(/^~(?=$|\/)/, process.env.HOME ?? "~"));
}

/** A path as the user is shown it: relative to the session's folder when it is inside it. */
export function shownPath(file: string, cwd: string): string {
    return path.relative(cwd, file).startsWith("..") ? file : path.relative(cwd, file);
}

/**
 * Writes files for `/save` and `/export`: every target is checked before any is written, one question
 * covers all that exist, and the notice names what was written (`saved x`, `exported x`). Returns the
 * names shown, or undefined when nothing was written (the reason already said).
 */
export async function writeFilesAsking(files: readonly FileToWrite[], {controller, cwd}: CommandContext, verb: "saved" | "exported"): Promise<string | undefined> {
    const shown = files.map((entry) => shownPath(entry.file, cwd));
    const targets = await Promise.all(files.map((entry) => inspectSaveTarget(entry.file)));
    const problem = targets.findIndex((target) => target.problem != null);
    if (problem >= 0) {
        controller.notice("error", `cannot write ${shown[problem]}: ${targets[problem]!.problem}`);
        return undefined;
    }
    const existing = shown.filter((_, index) => targets[index]!.exists);
    if (existing.length > 0 && !await controller.ask(`${existing.join(", ")} ${existing.length === 1 ? "exists. Overwrite it?" : "exist. Overwrite them?"} (y/n)`)) {
        controller.notice("info", `not ${verb}: ${existing.join(", ")} kept as ${existing.length === 1 ? "it was" : "they were"}`);
        return undefined;
    }
    for (const [index, entry] of files.entries()) {
        try {
            await writePolicyFile(entry.file, entry.text.endsWith("\n") ? entry.text : entry.text + "\n");
        } catch (error) {
            controller.notice("error", `cannot write ${shown[index]}: ${describeFileError(error)}`);
            return undefined;
        }
    }
    controller.notice("success", `${verb} ${shown.join(", ")}`);
    return shown.join(", ");
}
