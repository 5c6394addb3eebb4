import {Command} from "commander";
import {loadCatalog} from "../../catalog/index.js";
import {explainPolicy, explanationLines} from "../../policy/explain/explainPolicy.js";
import {printable} from "../../text/printable.js";
import {readPolicy} from "./simulate.js";

/** `iam-gen explain <policy|-> [--json]`: one plain-language line per statement, the checker's findings under the statements they concern. */
export function explainCommand() {
    return new Command("explain")
        .description("say in plain language what each statement of a policy allows or denies, with the checker's findings beside it")
        .argument("<policy>", "the policy JSON file, or - for standard input")
        .option("--json", "print the explanation as JSON")
        .exitOverride()
        .action(async (file: string, options: {json?: boolean}) => {
            const explanation = explainPolicy(await readPolicy(file), loadCatalog());
            const output = options.json ? JSON.stringify(explanation, null, 2) : explanationLines(explanation).join("\n");
            process.stdout.write(`${printable(output, {keepNewlines: true})}\n`);
        });
}
