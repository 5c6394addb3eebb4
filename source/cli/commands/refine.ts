import path from "node:path";
import {Command} from "commander";
import type {GenerationResult} from "../../engine/types.js";
import {checkPolicyText, JsonSyntaxError, type PolicyDocument} from "../../policy/index.js";
import {CliError} from "../CliError.js";
import {printable} from "../../text/printable.js";
import {inputName} from "../readInput.js";
import {addEngineFlags, generatorFor, writeOutputFile, type EngineFlags} from "./generate.js";
import {readPolicyText} from "./validate.js";
import {verificationLine} from "../../verification/index.js";
import type {ExportFormat} from "../../export/index.js";
import {addFormatOption, policyOutput} from "../exportFormat.js";
import {ImportError, readPolicyFile} from "../../export/index.js";

interface RefineOptions extends EngineFlags {
    json?: boolean;
    out?: string;
    force?: boolean;
    format: ExportFormat;
}

/** One line for standard error: what the follow-up was read as and what it did. */
export function changeLine(result: GenerationResult): string {
    const kind = result.change == null ? "" : `${result.change.kind}${result.change.cue !== "" ? ` ("${result.change.cue}")` : ""}: `;
    const said = result.unchanged === true ? result.message ?? "No change." : result.changeSummary ?? "";
    return `change: ${kind}${said}`;
}

/**
 * `iam-gen refine <policy.json|-> "<follow-up>"`: changes any policy file with a follow-up, as the
 * TUI would. Exit 0 changed, 1 not understood (the policy is printed unchanged), 2 bad input.
 */
export function refineCommand() {
    return addFormatOption(addEngineFlags(new Command("refine")
        .description("change a policy file with a follow-up (\"remove the S3 part\", \"restrict it to us-east-1\"); exit 1 and the policy unchanged when it is not understood")
        .argument("<policy>", "the policy file (JSON, or YAML, CloudFormation or Terraform as iam-gen exports them), or - for standard input")
        .argument("<follow-up...>", "what to change, in plain English")
        .option("--json", "print the whole result as JSON, the typed change included")
        .option("--out <file>", "write the policy (or the JSON result with --json) to a file")
        .option("--force", "overwrite the --out file if it exists")))
        .action(async (file: string, words: string[], options: RefineOptions) => {
            if (options.json && options.format !== "json")
                throw new CliError("--json and --format: use one of them");
            const policy = await readPolicy(file);
            const generator = await generatorFor(options);
            try {
                generator.startFrom(policy, inputName(file));
                const result = await generator.refine(words.join(" "));
                process.stderr.write(`${printable(changeLine(result))}\n`);
                if (result.verification != null)
                    process.stderr.write(`${printable(verificationLine(result.verification))}\n`);
                const output = options.json ? `${JSON.stringify(result, null, 2)}\n`
                    : result.policy == null ? `${result.text}\n`
                    // Named after the file: `orders-read.json` gives `orders_read` in Terraform.
                    : `${policyOutput(result.policy, result.text, options.format, {request: file === "-" ? "policy" : path.parse(file).name, account: options.account, region: options.region})}\n`;
                if (options.out != null)
                    writeOutputFile(options.out, output, options.force ?? false);
                else
                    process.stdout.write(output);
                process.exitCode = result.unchanged === true || result.policy == null ? 1 : 0;
            } finally {
                await generator.dispose();
            }
        });
}

/** A policy file that parses and has statements; anything else is bad input (exit 2), never a guess. */
async function readPolicy(file: string): Promise<PolicyDocument> {
    const name = printable(inputName(file));
    const text = await readPolicyText(file);
    // What iam-gen exports (YAML, a CloudFormation template, Terraform) is read back as the policy it holds.
    if (!/^\s*[{[]/.test(text.replace(/^\uFEFF/, ""))) {
        try {
            return readPolicyFile(text);
        } catch (error) {
            if (error instanceof ImportError)
                throw new CliError(`${name}: ${printable(error.message)}`);
            throw error;
        }
    }
    let checked: ReturnType<typeof checkPolicyText>;
    try {
        checked = checkPolicyText(text);
    } catch (error) {
        if (error instanceof JsonSyntaxError)
            throw new CliError(`${name} is not valid JSON: ${printable(error.message)}`);
        throw error;
    }
    if (checked.keyProblems.length > 0)
        throw new CliError(`${name} has keys AWS rejects (${checked.keyProblems.map((problem) => problem.path).join(", ")}); fix them first (iam-gen validate ${file})`);
    const errors = checked.report.findings.filter((finding) => finding.severity === "ERROR");
    if (errors.length > 0)
        throw new CliError(`${name} is not a valid policy: ${printable(errors[0]!.message)}${errors.length > 1 ? ` (and ${errors.length - 1} more; see iam-gen validate ${file})` : ""}`);
    return checked.policy as PolicyDocument;
}
