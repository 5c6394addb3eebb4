import {Command, Option} from "commander";
import chalk, {type ChalkInstance} from "chalk";
import {checkPolicy, checkPolicyText, formatPolicy, JsonSyntaxError} from "../../policy/index.js";
import {repairPolicy} from "../../policy/repairPolicy.js";
import {type CheckReport, type Finding, type Severity, type SizeTarget} from "../../policy/types.js";
import {CliError} from "../CliError.js";
import {printable} from "../../text/printable.js";
import {inputName, readInput} from "../readInput.js";

/** Larger inputs are not policies (AWS's largest quota is 10,240 characters). */
const MAX_INPUT_BYTES = 1024 * 1024;

const SEVERITY_STYLE: Record<Severity, {label: string; color: ChalkInstance}> = {
    ERROR: {label: "ERROR", color: chalk.red.bold},
    SECURITY_WARNING: {label: "SECURITY", color: chalk.magenta.bold},
    WARNING: {label: "WARNING", color: chalk.yellow},
    SUGGESTION: {label: "SUGGEST", color: chalk.cyan}
};

export interface ValidateOptions {
    json?: boolean;
    type: SizeTarget;
    fix?: boolean;
}

/** What `validate` writes, and its exit code. */
export interface ValidateOutcome {
    stdout: string;
    stderr: string;
    exitCode: number;
}

/**
 * `iam-gen validate <file|-> [--json] [--type managed|user|group|role] [--fix]`: checks a policy file; exit 0 valid,
 * 1 ERROR findings (with --fix: ERROR or SECURITY_WARNING left after the repairs), 2 unreadable input.
 */
export function validateCommand() {
    return new Command("validate")
        .description("check an IAM policy: grammar, actions, ARNs, condition keys, security, size (exit 0 valid, 1 errors, 2 unreadable)")
        .argument("<file>", "the policy JSON file, or - for standard input")
        .option("--json", "print {valid, findings, size} as JSON")
        .addOption(new Option("--type <target>", "where the policy will be attached, for the size quota").choices(["managed", "user", "group", "role"]).default("managed"))
        .option("--fix", "print the repaired policy (repairs that never allow more; they go to standard error), exit 1 while an error or security warning is left")
        .action(async (file: string, options: ValidateOptions) => {
            const outcome = validateBytes(await readInput({file, maxBytes: MAX_INPUT_BYTES}), inputName(file), options);
            process.stdout.write(outcome.stdout);
            process.stderr.write(outcome.stderr);
            process.exitCode = outcome.exitCode;
        });
}

/**
 * `validate` on the bytes of a policy file named `name`, printing nothing (the fuzz tests call it a
 * thousand times). Unusable input throws a one-line CliError: exit 2, or 1 for a --fix that cannot be made safely.
 */
export function validateBytes(bytes: Buffer, name: string, options: ValidateOptions): ValidateOutcome {
    const checked = checkText(decodePolicyText(bytes, name), name, options.type);
    if (options.fix)
        return fixPolicy(checked, options);
    const stdout = options.json ? printable(JSON.stringify(checked.report, null, 2), {keepNewlines: true}) : formatReport(checked.report, printable(name));
    return {stdout: `${stdout}\n`, stderr: "", exitCode: checked.report.valid ? 0 : 1};
}

type CheckedText = ReturnType<typeof checkPolicyText>;

/** The repairs that never widen (see repairPolicy); exit 1 while an ERROR or SECURITY_WARNING remains, or when nothing can be repaired safely. */
function fixPolicy({policy, keyProblems}: CheckedText, options: ValidateOptions): ValidateOutcome {
    if (keyProblems.length > 0)
        throw new CliError(`cannot fix this safely: ${keyProblems.map((problem) => `${problem.path} is ${problem.kind === "duplicate" ? "given twice" : "a prototype key"}`).join(", ")}; AWS rejects it, and which value was meant is for you to say`, 1);
    const outcome = repairPolicy(policy);
    if ("refused" in outcome)
        throw new CliError(`cannot fix this: ${outcome.refused.join("; ")}`, 1);
    const report = checkPolicy(outcome.policy, {sizeTarget: options.type});
    const left = report.findings.filter((finding) => finding.severity === "ERROR" || finding.severity === "SECURITY_WARNING");
    const exitCode = left.length > 0 ? 1 : 0;
    if (options.json)
        return {stdout: `${printable(JSON.stringify({...report, policy: outcome.policy, repairs: outcome.repairs}, null, 2), {keepNewlines: true})}\n`, stderr: "", exitCode};
    const lines = [
        ...outcome.repairs.map((repair) => `${chalk.green("fixed")} ${chalk.dim(printable(repair.path ?? "$"))} ${printable(repair.message)}`),
        ...left.map((finding) => `${chalk.red("left")}  ${findingLine(finding)}${finding.fix != null ? ` ${chalk.green("fix:")} ${printable(finding.fix)}` : ""}`)
    ];
    const count = outcome.repairs.length;
    lines.push(`${count} repair${count === 1 ? "" : "s"}; ${left.length === 0 ? "no error or security warning left" : `${left.length} left that need${left.length === 1 ? "s" : ""} your decision`}`);
    return {stdout: `${printable(formatPolicy(outcome.policy), {keepNewlines: true})}\n`, stderr: `${lines.join("\n")}\n`, exitCode};
}

/** The policy's text: a one-line CliError (exit 2) when it cannot be a policy file. */
export async function readPolicyText(file: string): Promise<string> {
    return decodePolicyText(await readInput({file, maxBytes: MAX_INPUT_BYTES}), inputName(file));
}

function decodePolicyText(bytes: Buffer, name: string): string {
    const shown = printable(name);
    if (bytes.includes(0))
        throw new CliError(`${shown} is a binary file, not a JSON policy`);
    const text = new TextDecoder("utf-8", {fatal: false}).decode(bytes);
    if (text.includes("\uFFFD"))
        throw new CliError(`${shown} is not UTF-8 text, not a JSON policy`);
    if (text.trim() === "")
        throw new CliError(`${shown} is empty`);
    return text;
}

function checkText(text: string, name: string, sizeTarget: SizeTarget): CheckedText {
    try {
        return checkPolicyText(text, {sizeTarget});
    } catch (error) {
        if (error instanceof JsonSyntaxError)
            throw new CliError(`${printable(name)} is not valid JSON: ${printable(error.message)}`);
        throw error;
    }
}

function findingLine(finding: Finding): string {
    const style = SEVERITY_STYLE[finding.severity];
    return `${style.color(style.label.padEnd(8))} ${chalk.dim(printable(finding.path))}  ${printable(finding.message)} ${chalk.dim(`[${finding.code}]`)}`;
}

function formatReport(report: CheckReport, source: string): string {
    const lines: string[] = [];
    for (const finding of report.findings) {
        lines.push(findingLine(finding));
        if (finding.fix != null)
            lines.push(`${" ".repeat(9)}${chalk.green("fix:")} ${printable(finding.fix)}`);
    }
    const counts = (["ERROR", "SECURITY_WARNING", "WARNING", "SUGGESTION"] as const)
        .map((severity) => [severity, report.findings.filter((finding) => finding.severity === severity).length] as const)
        .filter(([, count]) => count > 0)
        .map(([severity, count]) => `${count} ${severity.toLowerCase().replace("_", " ")}${count === 1 ? "" : "s"}`);
    const {size} = report;
    if (lines.length > 0)
        lines.push("");
    lines.push(`${chalk.dim("size")}     ${size.characters} of ${size.limit} characters (${size.target === "managed" ? "managed policy" : `inline, per ${size.target}`}, whitespace excluded)`);
    lines.push(report.valid
        ? `${chalk.green.bold("valid")}    ${source}${counts.length > 0 ? `: ${counts.join(", ")}` : ": no findings"}`
        : `${chalk.red.bold("invalid")}  ${source}: ${counts.join(", ")}`);
    return lines.join("\n");
}
