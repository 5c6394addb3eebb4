import chalk from "chalk";
import {SETTING_KEYS, type Settings, type SettingsStore} from "../../settings/Settings.js";
import {errorMessage} from "../state/SessionController.js";
import type {SlashCommand} from "./SlashCommand.js";

/** Settings the engine writes into ARNs: changing one re-makes the engine, so the next generation uses it. */
const ARN_SETTINGS: readonly (keyof Settings)[] = ["accountId", "region", "partition"];
/** Settings this session has its own commands for (/model, /engine, /rag): the file's value counts from the next start. */
const NEXT_START_SETTINGS: readonly (keyof Settings)[] = ["model", "engine", "rag"];

/** `/settings [key [value]]` over a settings store; separate from the others because it needs the store. */
export function settingsCommand(store: SettingsStore): SlashCommand {
    return {
        name: "settings",
        usage: "/settings [key value]",
        description: `show the settings, or set one (no value clears it); ${ARN_SETTINGS.join(", ")} and saveFolder apply to what comes next, ${NEXT_START_SETTINGS.join(", ")} from the next start`,
        async run(args, {controller}) {
            if (args !== "") {
                const [name, ...value] = args.split(/\s+/);
                try {
                    store.setFromText(name!, value.join(" "));
                } catch (error) {
                    controller.notice("error", `/settings: ${errorMessage(error)}`);
                    return;
                }
                const key = SETTING_KEYS.find((candidate) => candidate.toLowerCase() === name!.toLowerCase())!;
                if (ARN_SETTINGS.includes(key)) {
                    // A model engine keeps its loaded model: only the engine around it is made again.
                    await controller.loadEngine(controller.engineRequest);
                    controller.notice("info", `${key} ${value.length > 0 ? value.join(" ") : "cleared"}: used in the ARNs from the next generation`);
                }
            }
            const values = store.values as unknown as Record<string, unknown>;
            const lines = SETTING_KEYS.map((key) => {
                const value = values[key] === undefined ? chalk.dim("(not set)") : String(values[key]);
                return `${chalk.cyan(key.padEnd(11))} ${value}${NEXT_START_SETTINGS.includes(key) ? chalk.dim("  (from the next start)") : ""}`;
            });
            controller.print({kind: "block", title: `Settings (${store.path})`, text: lines.join("\n")});
        }
    };
}
