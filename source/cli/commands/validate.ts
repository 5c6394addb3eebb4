import {readFileSync, statSync} from "node:fs";
import {Command, Option} from "commander";
import chalk, {type ChalkInstance} from "chalk";
import {checkPolicy, formatPolicy, normalizePolicy} from "../../policy/index.js";
import {isRecord} from "../../policy/PolicyView.js";
import {type CheckReport, type PolicyDocument, type Severity, type SizeTarget} from "../../policy/types.js";
import {CliError} from "../CliError.js";

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

/** `iam-gen validate <file|-> [--json] [--type managed|user|group|role] [--fix]`: checks a policy file; exit 0 valid, 1 ERROR findings, 2 unreadable input. */
export function validateCommand() {
    return new Command("validate")
        .description("check an IAM policy: grammar, actions, ARNs, condition keys, security, size (exit 0 valid, 1 errors, 2 unreadable)")
        .argument("<file>", "the policy JSON file, or - for standard input")
        .option("--json", "print {valid, findings, size} as JSON")
        .addOption(new Option("--type <target>", "where the policy will be attached, for the size quota").choices(["managed", "user", "group", "role"]).default("managed"))
        .option("--fix", "print the normalised and repaired policy (the repairs go to standard error)")
        // Usage errors reach main as CommanderError, which exits 2 like any unusable input.
        .exitOverride()
        .action((file: string, options: ValidateOptions) => {
            const policy = readPolicy(file);
            if (options.fix) {
                fixPolicy(policy, options);
                return;
            }
            const report = checkPolicy(policy, {sizeTarget: options.type});
            if (options.json)
                console.log(JSON.stringify(report, null, 2));
            else
                console.log(formatReport(report, file === "-" ? "standard input" : file));
            process.exitCode = report.valid ? 0 : 1;
        });
}

function fixPolicy(policy: unknown, options: ValidateOptions) {
    if (!isRecord(policy) || !("Statement" in policy))
        throw new CliError("cannot fix this: it is not a policy object with a Statement", 1);
    const {policy: fixed, repairs} = normalizePolicy(policy as unknown as PolicyDocument, {repair: true});
    const report = checkPolicy(fixed, {sizeTarget: options.type});
    if (options.json) {
        console.log(JSON.stringify({...report, policy: fixed, repairs}, null, 2));
    } else {
        console.log(formatPolicy(fixed));
        for (const repair of repairs)
            process.stderr.write(`${chalk.green("fixed")} ${chalk.dim(repair.path ?? "$")} ${repair.message}\n`);
        const errors = report.findings.filter((finding) => finding.severity === "ERROR").length;
        process.stderr.write(`${repairs.length} repair${repairs.length === 1 ? "" : "s"}; ${errors === 0 ? "no error left" : `${errors} error${errors === 1 ? "" : "s"} left (run validate on the result)`}\n`);
    }
    process.exitCode = report.valid ? 0 : 1;
}

/** The parsed JSON of a file or standard input; a one-line CliError (exit 2) when it cannot be a policy file. */
function readPolicy(file: string): unknown {
    const name = file === "-" ? "standard input" : file;
    let bytes: Buffer;
    try {
        if (file !== "-" && statSync(file).size > MAX_INPUT_BYTES)
            throw new CliError(`${name} is larger than 1 MB: not a policy`);
        bytes = readFileSync(file === "-" ? 0 : file);
    } catch (error) {
        if (error instanceof CliError)
            throw error;
        const code = (error as NodeJS.ErrnoException).code;
        throw new CliError(code === "ENOENT" ? `${name}: no such file` : code === "EISDIR" ? `${name} is a directory` : `cannot read ${name}: ${(error as Error).message}`);
    }
    if (bytes.length > MAX_INPUT_BYTES)
        throw new CliError(`${name} is larger than 1 MB: not a policy`);
    if (bytes.includes(0))
        throw new CliError(`${name} is a binary file, not a JSON policy`);
    const text = new TextDecoder("utf-8", {fatal: false}).decode(bytes).replace(/^\uFEFF/, "");
    if (text.includes("\uFFFD"))
        throw new CliError(`${name} is not UTF-8 text, not a JSON policy`);
    if (text.trim() === "")
        throw new CliError(`${name} is empty`);
    try {
        return JSON.parse(text) as unknown;
    } catch (error) {
        throw new CliError(`${name} is not valid JSON: ${(error as Error).message}`);
    }
}

function formatReport(report: CheckReport, source: string): string {
    const lines: string[] = [];
    for (const finding of report.findings) {
        const style = SEVERITY_STYLE[finding.severity];
        lines.push(`${style.color(style.label.padEnd(8))} ${chalk.dim(finding.path)}  ${finding.message} ${chalk.dim(`[${finding.code}]`)}`);
        if (finding.fix != null)
            lines.push(`${" ".repeat(9)}${chalk.green("fix:")} ${finding.fix}`);
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
