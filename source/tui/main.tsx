#!/usr/bin/env node
import chalk from "chalk";
import {Command, CommanderError, Option} from "commander";
import {render} from "ink";
import {packageVersion} from "../cli/packageVersion.js";
import {SettingsStore, type OpenedSettings} from "../settings/Settings.js";
import {App} from "./components/App.js";
import {createEngineLoader} from "./engineLoader.js";
import {resolveStartOptions, type TuiFlags} from "./startOptions.js";
import {SessionController} from "./state/SessionController.js";
import {reportUnhandledRejections} from "./state/unhandledRejections.js";

const BRACKETED_PASTE_ON = "\u001b[?2004h";
const BRACKETED_PASTE_OFF = "\u001b[?2004l";

const program = new Command("iam-gen-tui")
    .description("The interactive iam-gen assistant: describe what a role or user needs, refine the policy, save it.")
    .version(packageVersion(), "-v, --version")
    .option("--model <path>", "GGUF model file (default: the configured model, else the first .gguf in models/); with --engine openai, the served model's name")
    .option("--lora <path>", "GGUF LoRA adapter applied to the model")
    .addOption(new Option("--engine <engine>", "which engine generates").choices(["auto", "llama", "catalog", "openai"]))
    .option("--base-url <url>", "a served model's OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1 (--engine openai; --model names the model)")
    .option("--api-key-env <name>", "the environment variable holding the server's API key (default OPENAI_API_KEY)")
    .option("--timeout <seconds>", "seconds per request to the server; with retries at most four times this (default 60)", (value) => {
        const seconds = Number(value);
        if (!Number.isFinite(seconds) || seconds <= 0)
            throw new CommanderError(2, "iam-gen-tui.timeout", `--timeout must be a number of seconds above 0, got "${value}"`);
        return seconds;
    })
    .addOption(new Option("--constraint <kind>", "how the server constrains the output; auto asks it").choices(["auto", "grammar", "json-schema", "none"]))
    .option("--no-rag", "start with retrieval off")
    .addOption(new Option("--gpu <gpu>", "use a GPU when there is one, or only the CPU").choices(["auto", "cpu"]))
    .option("--policy <file>", "start from a policy file (JSON, YAML, CloudFormation or Terraform) as revision 1, as /open does")
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

const flags = program.opts<TuiFlags>();
const cwd = process.cwd();
// Read after the first frame (conf and ajv cost more than the frame); everything that needs them waits on it.
let opening: Promise<OpenedSettings> | undefined;
const openSettings = () => opening ??= SettingsStore.open();
const controller = new SessionController({
    loader: createEngineLoader(async () => (await openSettings()).store.values, cwd),
    // Replaced by the flags and settings before the first engine loads.
    engine: {engine: "auto"},
    rag: true,
    maxTokens: flags.maxTokens,
    async runCommand(line, controller) {
        const [{store}, {createCommands, runCommandLine}] = await Promise.all([openSettings(), import("./commands/registry.js")]);
        await runCommandLine(line, {controller, commands: createCommands(store), saveFolder: store.values.saveFolder, cwd});
    }
});

process.stdout.write(BRACKETED_PASTE_ON);
const instance = render(<App controller={controller}/>, {exitOnCtrlC: false});
// The settings, then the engine (catalog index, node-llama-cpp) load after the first frame is on screen;
// input typed meanwhile waits.
setTimeout(async () => {
    const {store, warning} = await openSettings();
    if (warning != null)
        controller.notice("warning", warning);
    const start = resolveStartOptions(flags, store.values, process.argv.slice(2));
    controller.setRag(start.rag);
    // Opened first thing once the engine is ready, before any line typed meanwhile.
    if (flags.policy != null)
        controller.dispatch({type: "queue", line: `/open ${flags.policy}`});
    await controller.loadEngine(start.engine);
}, 0);
process.on("SIGTERM", () => void controller.quit());
reportUnhandledRejections(controller);

await instance.waitUntilExit();
process.stdout.write(BRACKETED_PASTE_OFF);
await controller.quit();
// node-llama-cpp keeps native handles open; the session is over.
process.exit(0);
