import {parseSwitch} from "../../settings/Settings.js";
import {errorMessage} from "../state/SessionController.js";
import type {SlashCommand} from "./SlashCommand.js";

export const companionsCommand: SlashCommand = {
    name: "companions",
    usage: "/companions [on|off]",
    description: "add (or not) the actions a job needs beyond the request's words, each with why, for the next generations; no argument toggles",
    run(args, {controller}) {
        let companions: boolean;
        try {
            companions = args === "" ? !controller.companions : parseSwitch(args);
        } catch (error) {
            controller.notice("error", `/companions: ${errorMessage(error)}`);
            return;
        }
        controller.companions = companions;
        controller.notice("info", companions
            ? "companions on: the next generations add what their jobs need beyond the words, each with why"
            : "companions off: the next generations grant only what the words name");
    }
};
