import chalk from "chalk";
import {SETTING_KEYS, type SettingsStore} from "../../settings/Settings.js";
import {errorMessage} from "../state/SessionController.js";
import type {SlashCommand} from "./SlashCommand.js";

/** `/settings [key [value]]` over a settings store; separate from the others because it needs the store. */
export function settingsCommand(store: SettingsStore): SlashCommand {
    return {
        name: "settings",
        usage: "/settings [key value]",
        description: `show the settings, or set one for the next start (${SETTING_KEYS.join(", ")}; no value clears it)`,
        run(args, {controller}) {
            if (args !== "") {
                const [key, ...value] = args.split(/\s+/);
                try {
                    store.setFromText(key!, value.join(" "));
                } catch (error) {
                    controller.notice("error", `/settings: ${errorMessage(error)}`);
                    return;
                }
            }
            const values = store.values as unknown as Record<string, unknown>;
            const lines = SETTING_KEYS.map((key) => `${chalk.cyan(key.padEnd(11))} ${values[key] === undefined ? chalk.dim("(not set)") : String(values[key])}`);
            controller.print({kind: "block", title: `Settings (${store.path})`, text: lines.join("\n")});
        }
    };
}
