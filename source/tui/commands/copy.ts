import type {SlashCommand} from "./SlashCommand.js";

export const copyCommand: SlashCommand = {
    name: "copy",
    usage: "/copy",
    description: "print the current policy alone, uncoloured, to copy from the terminal",
    run(_args, {controller}) {
        const current = controller.current;
        if (current == null) {
            controller.notice("warning", "no policy yet: describe what the role or user needs");
            return;
        }
        // Printed above the live area, which then steps aside so the lines can be selected whole.
        controller.print({kind: "notice", level: "info", text: "the current policy, to copy:"});
        controller.print({kind: "block", title: "", text: current.text});
        controller.dispatch({type: "overlay", overlay: "compact"});
    }
};
