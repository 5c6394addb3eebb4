import {existsSync} from "node:fs";
import {Command, Option} from "commander";
import {ENGINE_CHOICES, type EngineChoice} from "../../engine/types.js";
import {CONSTRAINT_CHOICES, type ConstraintChoice} from "../../llm/remote/probeConstraint.js";
import {PolicyGenerator} from "../../generator/PolicyGenerator.js";
import type {EngineEvent, GenerationResult} from "../../engine/types.js";
import {writeFileAtomic} from "../../files/writeFileAtomic.js";
import {CliError} from "../CliError.js";
import {printable} from "../../text/printable.js";
import {readRequest} from "../requestText.js";
import {verificationLine} from "../../verification/index.js";
import {changeLine} from "./refine.js";
import {numberedFile} from "../../files/numberedFile.js";
import {packingResolvesSize} from "../../packing/index.js";
import {packedParts} from "../../generator/turnExtras.js";
import {formatPolicy} from "../../policy/index.js";
import type {ExportFormat} from "../../export/index.js";
import {addFormatOption, policyOutput} from "../exportFormat.js";

export interface EngineFlags {
    engine: EngineChoice;
    managed: boolean;
    rag: boolean;
    companions: boolean;
    region?: string;
    account?: string;
    model?: string;
    lora?: string;
    gpu?: "auto" | "cpu";
    threads?: number;
    maxTokens?: number;
    baseUrl?: string;
    apiKeyEnv: string;
    timeout?: number;
    constraint: ConstraintChoice;
}

function positiveInteger(name: string) {
    return (text: string) => {
        const value = Number(text);
        if (!Number.isInteger(value) || value < 1)
            throw new CliError(`${name} must be a positive whole number, got "${text}"`);
        return value;
    };
}

/** The flags that choose and configure the engine, shared by the main command and `batch`. */
export function addEngineFlags(command: Command): Command {
    return command
        .addOption(new Option("--engine <engine>", "which engine generates the policy").choices(ENGINE_CHOICES).default("auto"))
        .option("--managed", "return the AWS managed policy's document when the request names one")
        .option("--no-managed", "always compose the policy (default); a managed policy the request names gives the services, never its document")
        .option("--no-rag", "do not ground the generator in the retrieval result")
        .option("--no-companions", "grant only what the request's words name, not the actions its job also needs (an event source's DeleteMessage, SSE-KMS data keys)")
        .option("--region <region>", "region used in ARNs, e.g. us-east-1")
        .option("--account <id>", "12-digit account id used in ARNs")
        .option("--model <path>", "GGUF model for the llama engine (default: the configured model, else the first models/*.gguf); for --engine openai, the served model's name")
        .option("--lora <path>", "GGUF LoRA adapter to apply to the model")
        .addOption(new Option("--gpu <mode>", "run the model on a GPU when there is one, or on the CPU only").choices(["auto", "cpu"]))
        .option("--threads <n>", "CPU threads for the model (default: all cores)", positiveInteger("--threads"))
        .option("--max-tokens <n>", "stop the model after this many tokens", positiveInteger("--max-tokens"))
        .option("--base-url <url>", "--engine openai: the OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1 (default: the setting remoteUrl)")
        .option("--api-key-env <name>", "--engine openai: the environment variable holding the API key", "OPENAI_API_KEY")
        .option("--timeout <seconds>", "--engine openai: seconds per attempt; with retries at most four times this (default 60)", positiveSeconds)
        .addOption(new Option("--constraint <kind>", "--engine openai: how the server constrains the output; auto asks it").choices(CONSTRAINT_CHOICES).default("auto"));
}

function positiveSeconds(text: string) {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0)
        throw new CliError(`--timeout must be a number of seconds above 0, got "${text}"`);
    return value;
}

export async function generatorFor(flags: EngineFlags): Promise<PolicyGenerator> {
    if (flags.account != null && !/^\d{12}$/.test(flags.account))
        throw new CliError(`--account must be a 12-digit account id, got "${flags.account}"`);
    return PolicyGenerator.create({
        engine: flags.engine,
        managed: flags.managed,
        rag: flags.rag,
        companions: flags.companions,
        ...(flags.region != null ? {region: flags.region} : {}),
        ...(flags.account != null ? {account: flags.account} : {}),
        ...(flags.engine === "openai" ? {remote: await remoteFlags(flags)} : flags.engine !== "catalog" ? await modelFlags(flags) : {})
    });
}

/** The openai engine's server: flags first, then the settings remoteUrl and remoteModel. */
async function remoteFlags(flags: EngineFlags) {
    const settings = flags.baseUrl == null || flags.model == null ? await configuredSettings() : undefined;
    const baseUrl = flags.baseUrl ?? settings?.remoteUrl;
    const model = flags.model ?? settings?.remoteModel;
    if (baseUrl == null || model == null)
        throw new CliError(`--engine openai needs ${baseUrl == null ? "--base-url URL" : ""}${baseUrl == null && model == null ? " and " : ""}${model == null ? "--model NAME" : ""} (or the settings remoteUrl and remoteModel)`);
    if (!/^https?:\/\/\S+$/.test(baseUrl))
        throw new CliError(`--base-url must be an http:// or https:// URL, got "${baseUrl}"`);
    return {baseUrl, model, apiKeyEnv: flags.apiKeyEnv, constraint: flags.constraint, ...(flags.timeout != null ? {timeoutSeconds: flags.timeout} : {})};
}

/** The llama engine's options; the configured default model is read only when no --model is given. */
async function modelFlags(flags: EngineFlags) {
    const configuredModel = flags.model == null ? await configuredDefaultModel() : undefined;
    return {
        ...(flags.model != null ? {model: flags.model} : {}),
        ...(configuredModel != null ? {configuredModel} : {}),
        ...(flags.lora != null ? {lora: flags.lora} : {}),
        ...(flags.gpu != null ? {gpu: flags.gpu === "cpu" ? false as const : "auto" as const} : {}),
        ...(flags.threads != null ? {threads: flags.threads} : {}),
        ...(flags.maxTokens != null ? {maxTokens: flags.maxTokens} : {})
    };
}

async function configuredDefaultModel(): Promise<string | undefined> {
    return (await configuredSettings()).model;
}

async function configuredSettings() {
    const {SettingsStore} = await import("../../settings/Settings.js");
    const {store, warning} = await SettingsStore.open();
    if (warning != null)
        process.stderr.write(`${printable(warning)}\n`);
    return store.values;
}

/** `--out`: writes atomically, refuses to replace an existing file unless `force`, one-line errors. */
export function writeOutputFile(file: string, text: string, force: boolean) {
    if (!force && existsSync(file))
        throw new CliError(`${file} already exists; use --force to overwrite it`);
    try {
        writeFileAtomic(file, text);
    } catch (error) {
        throw new CliError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
}

/** What goes to stderr next to the policy: the engine's message and the checker's findings, one line each. */
function notes(result: GenerationResult): string[] {
    const lines: string[] = [];
    if (result.message != null)
        lines.push(result.message);
    for (const finding of result.check?.findings ?? [])
        lines.push(`${finding.severity} ${finding.path}: ${finding.message}${finding.fix != null ? ` (${finding.fix})` : ""}`);
    if (result.verification != null)
        lines.push(verificationLine(result.verification));
    lines.push(...result.packed?.notes ?? []);
    return lines;
}

function streamToStderr(event: EngineEvent) {
    if (event.type === "token")
        process.stderr.write(event.text);
    else if (event.type === "done" && event.result.timings.tokens != null)
        process.stderr.write("\n");
}

/** `iam-gen "<request>"`: prints the policy (stdout holds only the policy; messages and findings go to stderr). */
export function generateCommand() {
    return addFormatOption(addEngineFlags(new Command("generate")
        .description("generate a least-privilege IAM policy for a plain-English request (the default command: iam-gen \"<request>\")")
        .argument("<request...>", "what the policy should allow or deny, in plain English (\"-\" reads it from stdin)")
        .option("--json", "print the whole result as JSON (policy, findings, retrieval context, timings)")
        .option("--stream", "write the model's text to stderr as it is generated (the policy still goes to stdout)")
        .option("--out <file>", "write the policy (or the JSON result with --json) to a file")
        .option("--force", "overwrite the --out file if it exists")
        .option("--then <follow-up>", "then change the policy with this follow-up, as in the TUI (repeatable: a whole conversation)", (value: string, previous: string[]) => [...previous, value], [] as string[])))
        .action(async (words: string[], options: EngineFlags & {json?: boolean; stream?: boolean; out?: string; force?: boolean; then: string[]; format: ExportFormat}) => {
            if (options.json && options.format !== "json")
                throw new CliError("--json and --format: use one of them");
            const request = await readRequest(words);
            if (options.out != null && !options.force && existsSync(options.out))
                throw new CliError(`${options.out} already exists; use --force to overwrite it`);
            const generator = await generatorFor(options);
            try {
                if (generator.message != null)
                    process.stderr.write(`${generator.message}\n`);
                let result = await generator.generate(request, options.stream ? {onEvent: streamToStderr} : {});
                let understood = true;
                for (const followUp of result.policy == null ? [] : options.then) {
                    result = await generator.refine(followUp, options.stream ? {onEvent: streamToStderr} : {});
                    process.stderr.write(`${changeLine(result)}\n`);
                    understood &&= result.unchanged !== true;
                }
                // A policy over the managed limit comes as the managed policies it was packed into, each printed or written on its own.
                const policies = result.policy == null ? [] : packedParts(result)?.map((part) => ({policy: part.policy, text: formatPolicy(part.policy)})) ?? [{policy: result.policy, text: result.text}];
                const outputs = options.json ? [`${JSON.stringify(result, null, 2)}\n`]
                    // Each part named apart (…_part_2), so that the parts can live in one Terraform module or stack.
                    : policies.map((part, index) => `${policyOutput(part.policy, part.text, options.format, {request: policies.length > 1 ? `${request} part ${index + 1}` : request, account: options.account, region: options.region})}\n`);
                for (const line of notes(result))
                    process.stderr.write(`${printable(line)}\n`);
                if (options.out != null) {
                    const files = outputs.map((_, index) => outputs.length === 1 ? options.out! : numberedFile(options.out!, index + 1));
                    const existing = files.find((file) => existsSync(file));
                    if (existing != null && !options.force)
                        throw new CliError(`${existing} already exists; use --force to overwrite it`);
                    files.forEach((file, index) => {
                        writeOutputFile(file, outputs[index]!, true);
                        process.stderr.write(`wrote ${file}\n`);
                    });
                } else {
                    process.stdout.write(printable(outputs.join(""), {keepNewlines: true}));
                }
                if (result.policy == null || !understood)
                    process.exitCode = 1;
                // A policy with an ERROR finding (over the size limit, say) is not a usable result either, unless packing fitted it.
                if (result.check?.valid === false && !packingResolvesSize(result.check, result.packed))
                    process.exitCode = 1;
            } finally {
                await generator.dispose();
            }
        });
}
