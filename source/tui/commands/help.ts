import chalk from "chalk";
import type {SlashCommand} from "./SlashCommand.js";

const KEYS = [
    ["Enter", "send a request, or a follow-up that refines the current policy"],
    ["Esc", "stop the generation (what streamed is kept)"],
    ["↑ ↓", "previous / next input"],
    ["PgUp PgDn", "scroll the policy"],
    ["Ctrl+S", "save the policy"],
    ["Ctrl+L", "redraw the screen"],
    ["Ctrl+C ×2", "quit"]
];

export const helpCommand: SlashCommand = {
    name: "help",
    usage: "/help",
    description: "list the commands and keys",
    run(_args, {controller, commands}) {
        const width = Math.max(...commands.map((command) => command.usage.length), ...KEYS.map(([key]) => key!.length));
        const lines = [
            ...commands.map((command) => `${chalk.cyan(command.usage.padEnd(width))}  ${command.description}`),
            "",
            ...KEYS.map(([key, description]) => `${chalk.cyan(key!.padEnd(width))}  ${description}`)
        ];
        controller.print({kind: "block", title: "Commands", text: lines.join("\n")});
    }
};
