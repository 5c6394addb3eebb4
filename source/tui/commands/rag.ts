import {parseSwitch} from "../../settings/Settings.js";
import {errorMessage} from "../state/SessionController.js";
import type {SlashCommand} from "./SlashCommand.js";

export const ragCommand: SlashCommand = {
    name: "rag",
    usage: "/rag [on|off]",
    description: "turn retrieval (catalog grounding) on or off for the next generations; no argument toggles",
    run(args, {controller}) {
        let rag: boolean;
        try {
            rag = args === "" ? !controller.getState().rag : parseSwitch(args);
        } catch (error) {
            controller.notice("error", `/rag: ${errorMessage(error)}`);
            return;
        }
        controller.setRag(rag);
        controller.notice("info", `retrieval ${rag ? "on" : "off"} for the next generations`);
    }
};
