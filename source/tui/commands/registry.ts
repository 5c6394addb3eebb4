import type {SettingsStore} from "../../settings/Settings.js";
import {compareCommand} from "./compare.js";
import {companionsCommand} from "./companions.js";
import {copyCommand} from "./copy.js";
import {diffCommand} from "./diff.js";
import {engineCommand} from "./engine.js";
import {explainCommand} from "./explain.js";
import {helpCommand} from "./help.js";
import {historyCommand} from "./history.js";
import {modelCommand} from "./model.js";
import {newCommand} from "./new.js";
import {quitCommand} from "./quit.js";
import {ragCommand} from "./rag.js";
import {redoCommand} from "./redo.js";
import {saveCommand} from "./save.js";
import {exportCommand} from "./export.js";
import {openCommand} from "./open.js";
import {settingsCommand} from "./settings.js";
import type {CommandContext, SlashCommand} from "./SlashCommand.js";
import {undoCommand} from "./undo.js";
import {testCommand} from "./test.js";
import {validateCommand} from "./validate.js";

/** The commands in the order `/help` lists them. */
export function createCommands(settings: SettingsStore): SlashCommand[] {
    return [
        ragCommand, companionsCommand, compareCommand, openCommand, saveCommand, exportCommand(settings), validateCommand, testCommand, explainCommand, engineCommand, modelCommand, copyCommand,
        undoCommand, redoCommand, diffCommand, historyCommand, newCommand, settingsCommand(settings), helpCommand, quitCommand
    ];
}

/** Runs `/name args` against the session; an unknown name is a one-line error. */
export async function runCommandLine(line: string, context: CommandContext) {
    const match = /^\/(\S*)\s*([\s\S]*)$/.exec(line.trim());
    const name = match?.[1]?.toLowerCase() ?? "";
    const command = context.commands.find((candidate) => candidate.name === name);
    if (command == null) {
        context.controller.notice("error", `unknown command /${name}; /help lists the commands`);
        return;
    }
    await command.run(match?.[2]?.trim() ?? "", context);
}
