import type {SlashCommand} from "./SlashCommand.js";

export const undoCommand: SlashCommand = {
    name: "undo",
    usage: "/undo",
    description: "go back to the previous revision of the policy",
    run(_args, {controller}) {
        const {revision} = controller.getState();
        if (revision <= 0 || !controller.showRevision(revision - 1)) {
            controller.notice("warning", "nothing to undo");
            return;
        }
        controller.notice("info", `back to revision ${revision} of ${controller.getState().revisions.length}`);
    }
};
