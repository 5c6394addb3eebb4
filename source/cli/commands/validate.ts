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

interface ValidateOptions {
    json?: boolean;
    type: SizeTarget;
    fix?: boolean;
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
            const checked = checkText(await readPolicyText(file), file, options.type);
            if (options.fix) {
                fixPolicy(checked, options);
                return;
            }
            if (options.json)
                console.log(printable(JSON.stringify(checked.report, null, 2), {keepNewlines: true}));
            else
                console.log(formatReport(checked.report, printable(inputName(file))));
            process.exitCode = checked.report.valid ? 0 : 1;
        });
}

type CheckedText = ReturnType<typeof checkPolicyText>;

/** The repairs that never widen (see repairPolicy); exit 1 while an ERROR or SECURITY_WARNING remains, or when nothing can be repaired safely. */
function fixPolicy({policy, keyProblems}: CheckedText, options: ValidateOptions) {
    if (keyProblems.length > 0)
        throw new CliError(`cannot fix this safely: ${keyProblems.map((problem) => `${problem.path} is ${problem.kind === "duplicate" ? "given twice" : "a prototype key"}`).join(", ")}; AWS rejects it, and which value was meant is for you to say`, 1);
    const outcome = repairPolicy(policy);
    if ("refused" in outcome)
        throw new CliError(`cannot fix this: ${outcome.refused.join("; ")}`, 1);
    const report = checkPolicy(outcome.policy, {sizeTarget: options.type});
    const left = report.findings.filter((finding) => finding.severity === "ERROR" || finding.severity === "SECURITY_WARNING");
    if (options.json) {
        console.log(printable(JSON.stringify({...report, policy: outcome.policy, repairs: outcome.repairs}, null, 2), {keepNewlines: true}));
    } else {
        console.log(printable(formatPolicy(outcome.policy), {keepNewlines: true}));
        for (const repair of outcome.repairs)
            process.stderr.write(`${chalk.green("fixed")} ${chalk.dim(printable(repair.path ?? "$"))} ${printable(repair.message)}\n`);
        for (const finding of left)
            process.stderr.write(`${chalk.red("left")}  ${findingLine(finding)}${finding.fix != null ? ` ${chalk.green("fix:")} ${printable(finding.fix)}` : ""}\n`);
        const count = outcome.repairs.length;
        process.stderr.write(`${count} repair${count === 1 ? "" : "s"}; ${left.length === 0 ? "no error or security warning left" : `${left.length} left that need${left.length === 1 ? "s" : ""} your decision`}\n`);
    }
    process.exitCode = left.length > 0 ? 1 : 0;
}

/** The policy's text: a one-line CliError (exit 2) when it cannot be a policy file. */
export async function readPolicyText(file: string): Promise<string> {
    const name = printable(inputName(file));
    const bytes = await readInput({file, maxBytes: MAX_INPUT_BYTES});
    if (bytes.includes(0))
        throw new CliError(`${name} is a binary file, not a JSON policy`);
    const text = new TextDecoder("utf-8", {fatal: false}).decode(bytes).replace(/^\uFEFF/, "");
    if (text.includes("\uFFFD"))
        throw new CliError(`${name} is not UTF-8 text, not a JSON policy`);
    if (text.trim() === "")
        throw new CliError(`${name} is empty`);
    return text;
}

function checkText(text: string, file: string, sizeTarget: SizeTarget): CheckedText {
    try {
        return checkPolicyText(text, {sizeTarget});
    } catch (error) {
        if (error instanceof JsonSyntaxError)
            throw new CliError(`${printable(inputName(file))} is not valid JSON: ${printable(error.message)}`);
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
