#!/usr/bin/env node
import {Command, CommanderError} from "commander";
import {CliError} from "./CliError.js";
import {catalogCommand} from "./commands/catalog.js";
import {contextCommand} from "./commands/context.js";
import {diffCommand} from "./commands/diff.js";
import {explainCommand} from "./commands/explain.js";
import {evalCommand} from "./commands/eval.js";
import {batchCommand} from "./commands/batch.js";
import {generateCommand} from "./commands/generate.js";
import {packCommand} from "./commands/pack.js";
import {fixCommand} from "./commands/fix.js";
import {simulateCommand} from "./commands/simulate.js";
import {refineCommand} from "./commands/refine.js";
import {validateCommand} from "./commands/validate.js";
import {packageVersion} from "./packageVersion.js";
import {printable} from "../text/printable.js";
import {ServerFailure} from "../llm/remote/ServerFailure.js";

const program = new Command("iam-gen")
    .description("Turn plain-English requests into valid, least-privilege AWS IAM policies.")
    .version(packageVersion(), "-v, --version")
    .showHelpAfterError()
    .exitOverride();

program.addCommand(catalogCommand());
program.addCommand(contextCommand());
program.addCommand(evalCommand());
program.addCommand(generateCommand(), {isDefault: true});
program.addCommand(refineCommand());
program.addCommand(batchCommand());
program.addCommand(validateCommand());
program.addCommand(simulateCommand());
program.addCommand(diffCommand());
program.addCommand(explainCommand());
program.addCommand(packCommand());
program.addCommand(fixCommand());
// Subcommands added with addCommand do not inherit the override: without it, their usage errors exit 1, the "nothing to grant" code.
for (const command of program.commands)
    command.exitOverride();

// A rejection nothing awaits (node-llama-cpp's sampler has left one on broken model files) ends the run with one line, not a stack trace.
process.on("unhandledRejection", (reason) => {
    process.stderr.write(`iam-gen: ${printable(reason instanceof Error ? reason.message : String(reason))}\n`);
    process.exit(1);
});

try {
    await program.parseAsync(process.argv);
} catch (error) {
    if (error instanceof CommanderError) {
        process.exitCode = error.exitCode === 0 ? 0 : 2;
    } else if (error instanceof ServerFailure) {
        // A served model that failed (--engine openai): 3, apart from nothing to grant (1) and bad input (2).
        process.stderr.write(`iam-gen: ${printable(error.message)}\n`);
        process.exitCode = 3;
    } else if (error instanceof CliError) {
        process.stderr.write(`iam-gen: ${printable(error.message)}\n`);
        process.exitCode = error.exitCode;
    } else {
        process.stderr.write(`iam-gen: ${printable(error instanceof Error ? error.message : String(error))}\n`);
        process.exitCode = 1;
    }
}
