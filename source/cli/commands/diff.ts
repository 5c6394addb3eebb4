import {Command} from "commander";
import chalk from "chalk";
import {loadCatalog} from "../../catalog/index.js";
import {describeEffectiveChange, effectiveDiff, widens} from "../../simulation/index.js";
import {CliError} from "../CliError.js";
import {printable} from "../../text/printable.js";
import {readPolicy} from "./simulate.js";

/**
 * `iam-gen diff <a> <b> [--json]`: what policy b allows that a does not and the other way round,
 * as the evaluator decides it over the catalog's actions and the resources either names, not as
 * text lines. Exit 0 when both allow the same, 1 when they differ, 2 bad input (as diff(1)).
 */
export function diffCommand() {
    return new Command("diff")
        .description("show what a policy revision changed in what it allows: (action, resource, condition) added, removed, narrowed, widened (exit 0 same, 1 different, 2 bad input)")
        .argument("<before>", "the earlier policy JSON file, or - for standard input")
        .argument("<after>", "the later policy JSON file, or - for standard input")
        .option("--json", "print the changes as JSON")
        .exitOverride()
        .action(async (beforeFile: string, afterFile: string, options: {json?: boolean}) => {
            if (beforeFile === "-" && afterFile === "-")
                throw new CliError("only one of the two policies can come from standard input");
            const before = await readPolicy(beforeFile);
            const after = await readPolicy(afterFile);
            const diff = effectiveDiff(before, after, {catalog: loadCatalog()});
            if (options.json)
                process.stdout.write(`${printable(JSON.stringify(diff, null, 2), {keepNewlines: true})}\n`);
            else if (diff.changes.length === 0)
                process.stdout.write(`same effective permissions (${diff.unchanged} action-resource pairs compared)\n`);
            else
                for (const change of diff.changes) {
                    const line = printable(describeEffectiveChange(change));
                    process.stdout.write(`${widens(change) ? chalk.red(line) : chalk.green(line)}\n`);
                }
            process.exitCode = diff.changes.length === 0 ? 0 : 1;
        });
}
