import {Option, type Command} from "commander";
import {EXPORT_FORMATS, ExportError, exportPolicy, type ExportContext, type ExportFormat} from "../export/index.js";
import type {PolicyDocument} from "../policy/types.js";
import {CliError} from "./CliError.js";

/** `--format`: which language the policy is written in (generate, refine, batch). */
export function addFormatOption(command: Command): Command {
    return command.addOption(new Option("--format <format>", "write the policy as JSON, YAML, Terraform, a CloudFormation template or CDK code").choices(EXPORT_FORMATS).default("json"));
}

/**
 * The policy in the chosen format. JSON is the engine's own text, as without --format; a policy a
 * format cannot say faithfully is bad input, in one line.
 */
export function policyOutput(policy: PolicyDocument, text: string, format: ExportFormat, context: ExportContext): string {
    if (format === "json")
        return text;
    try {
        return exportPolicy(policy, format, context).replace(/\n$/, "");
    } catch (error) {
        if (error instanceof ExportError)
            throw new CliError(`cannot write the policy as ${format}: ${error.message}`);
        throw error;
    }
}
