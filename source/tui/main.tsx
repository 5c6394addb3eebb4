#!/usr/bin/env node
import chalk from "chalk";
import {Command, CommanderError, Option} from "commander";
import {render} from "ink";
import {packageVersion} from "../cli/packageVersion.js";
import {SettingsStore} from "../settings/Settings.js";
import {createCommands, runCommandLine} from "./commands/registry.js";
import {App} from "./components/App.js";
import {createEngineLoader} from "./engineLoader.js";
import {resolveStartOptions, type TuiFlags} from "./startOptions.js";
import {SessionController} from "./state/SessionController.js";

const BRACKETED_PASTE_ON = "\u001b[?2004h";
const BRACKETED_PASTE_OFF = "\u001b[?2004l";

const program = new Command("iam-gen-tui")
    .description("The interactive iam-gen assistant: describe what a role or user needs, refine the policy, save it.")
    .version(packageVersion(), "-v, --version")
    .option("--model <path>", "GGUF model file (default: the configured model, else the first .gguf in models/)")
    .option("--lora <path>", "GGUF LoRA adapter applied to the model")
    .addOption(new Option("--engine <engine>", "which engine generates").choices(["auto", "llama", "catalog"]))
    .option("--no-rag", "start with retrieval off")
    .addOption(new Option("--gpu <gpu>", "use a GPU when there is one, or only the CPU").choices(["auto", "cpu"]))
    .option("--max-tokens <n>", "stop a model's generation after this many tokens", (value) => {
        const tokens = Number(value);
        if (!Number.isInteger(tokens) || tokens <= 0)
            throw new CommanderError(2, "iam-gen-tui.maxTokens", `--max-tokens must be a positive integer, got "${value}"`);
        return tokens;
    })
    .exitOverride()
    .showHelpAfterError();

try {
    program.parse(process.argv);
} catch (error) {
    process.exit(error instanceof CommanderError && error.exitCode === 0 ? 0 : 2);
}

if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write("iam-gen-tui: needs an interactive terminal; for scripts use iam-gen \"<request>\"\n");
    process.exit(2);
}
// chalk ignores NO_COLOR; Ink and our own colours all go through chalk.
if (process.env.NO_COLOR != null && process.env.NO_COLOR !== "")
    chalk.level = 0;

const {store, warning} = SettingsStore.open();
const settings = store.values;
const start = resolveStartOptions(program.opts<TuiFlags>(), settings, process.argv.slice(2));
const commands = createCommands(store);
const cwd = process.cwd();
const controller = new SessionController({
    loader: createEngineLoader(settings, cwd),
    engine: start.engine,
    rag: start.rag,
    maxTokens: start.maxTokens,
    runCommand: (line, controller) => runCommandLine(line, {controller, commands, saveFolder: settings.saveFolder, cwd})
});
if (warning != null)
    controller.notice("warning", warning);

process.stdout.write(BRACKETED_PASTE_ON);
const instance = render(<App controller={controller}/>, {exitOnCtrlC: false});
// The engine (catalog index, node-llama-cpp) loads after the first frame is on screen; input typed meanwhile waits.
setTimeout(() => void controller.loadEngine(start.engine), 0);
process.on("SIGTERM", () => void controller.quit());

await instance.waitUntilExit();
process.stdout.write(BRACKETED_PASTE_OFF);
await controller.quit();
// node-llama-cpp keeps native handles open; the session is over.
process.exit(0);
