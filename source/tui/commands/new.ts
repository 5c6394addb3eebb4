import type {SlashCommand} from "./SlashCommand.js";

export const newCommand: SlashCommand = {
    name: "new",
    usage: "/new",
    description: "start over: the next request starts a new policy",
    run(_args, {controller}) {
        controller.newConversation();
        controller.notice("info", "new conversation: describe what the role or user needs");
    }
};
