import {Command} from "commander";
import {describeDenial, fixAccessDenied, parseAccessDenied} from "../../accessDenied/index.js";
import {loadCatalog} from "../../catalog/index.js";
import {formatPolicy, type PolicyDocument} from "../../policy/index.js";
import {printable} from "../../text/printable.js";
import {CliError} from "../CliError.js";
import {readInput} from "../readInput.js";
import {writeOutputFile} from "./generate.js";
import {readPolicy} from "./simulate.js";

/** A CloudTrail lookup can be long; anything larger is not one error. */
const MAX_ERROR_BYTES = 1024 * 1024;

interface FixOptions {
    policy?: string;
    out?: string;
    force?: boolean;
}

/**
 * `iam-gen fix "<error text>" [--policy FILE] [--out FILE]`: reads an AccessDenied (the message, a
 * CloudTrail record, decode-authorization-message output; `-` reads standard input) and adds the
 * narrowest grant that fixes it. Exit 0 granted, 1 nothing changed (an explicit Deny, a boundary, an
 * SCP, a session or resource policy blocks it, or the policy already allows it), 2 not an AccessDenied or bad input.
 */
export function fixCommand() {
    return new Command("fix")
        .description("fix an AccessDenied: grant exactly the denied action on its resource, or say which policy blocks it (exit 0 granted, 1 nothing changed, 2 not an AccessDenied)")
        .argument("<error...>", "the error text, a CloudTrail record or decode-authorization-message output (\"-\" reads it from stdin)")
        .option("--policy <file>", "the policy to add the grant to (default: a new policy)")
        .option("--out <file>", "write the policy to a file")
        .option("--force", "overwrite the --out file if it exists")
        .exitOverride()
        .action(async (words: string[], options: FixOptions) => {
            const text = words.length === 1 && words[0] === "-" ? (await readInput({file: "-", maxBytes: MAX_ERROR_BYTES})).toString("utf8") : words.join(" ");
            if (options.policy === "-" && words[0] === "-")
                throw new CliError("the error and the policy cannot both come from standard input");
            const policy = options.policy != null ? await readPolicy(options.policy) : undefined;
            const catalog = loadCatalog();
            const parsed = parseAccessDenied(text, catalog);
            if (!parsed.ok)
                throw new CliError(parsed.reason);
            process.stderr.write(`${printable(`read: ${describeDenial(parsed.denial)}`)}\n`);
            const outcome = fixAccessDenied(parsed.denial, policy, catalog);
            if (outcome.kind === "refused")
                throw new CliError(outcome.reason);
            const lines = outcome.kind === "granted" ? outcome.notes : [outcome.reason];
            process.stderr.write(`${lines.map((line) => printable(line)).join("\n")}\n`);
            if (outcome.kind === "granted")
                writePolicy(outcome.policy, options);
            else if (policy != null && options.out == null)
                // Nothing changed: the policy given is printed as it was (as refine does), so a pipeline still gets it.
                process.stdout.write(printable(`${formatPolicy(policy)}\n`, {keepNewlines: true}));
            process.exitCode = outcome.kind === "granted" ? 0 : 1;
        });
}

function writePolicy(policy: PolicyDocument, options: FixOptions) {
    const text = `${formatPolicy(policy)}\n`;
    if (options.out == null) {
        process.stdout.write(printable(text, {keepNewlines: true}));
        return;
    }
    writeOutputFile(options.out, text, options.force ?? false);
    process.stderr.write(`wrote ${printable(options.out)}\n`);
}
