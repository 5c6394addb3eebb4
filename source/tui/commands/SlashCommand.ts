import type {SessionController} from "../state/SessionController.js";

export interface CommandContext {
    controller: SessionController;
    /** Every command, for `/help`. */
    commands: readonly SlashCommand[];
    /** Where `/save` writes without a path (from the settings), relative to `cwd`. */
    saveFolder: string;
    cwd: string;
}

/** One slash command: a module in this folder, listed by `/help`. */
export interface SlashCommand {
    name: string;
    /** How to call it, e.g. `/save [path]`. */
    usage: string;
    description: string;
    run(args: string, context: CommandContext): Promise<void> | void;
}
