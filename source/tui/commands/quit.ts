import type {SlashCommand} from "./SlashCommand.js";

export const quitCommand: SlashCommand = {
    name: "quit",
    usage: "/quit",
    description: "leave iam-gen-tui",
    async run(_args, {controller}) {
        await controller.quit();
    }
};
