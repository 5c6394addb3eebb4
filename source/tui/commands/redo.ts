import type {SlashCommand} from "./SlashCommand.js";

export const redoCommand: SlashCommand = {
    name: "redo",
    usage: "/redo",
    description: "go forward to the revision undone last",
    run(_args, {controller}) {
        const {revision} = controller.getState();
        if (!controller.showRevision(revision + 1)) {
            controller.notice("warning", "nothing to redo");
            return;
        }
        controller.notice("info", `forward to revision ${revision + 2} of ${controller.getState().revisions.length}`);
    }
};
