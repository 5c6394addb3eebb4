import {existsSync, mkdirSync, readdirSync, statSync} from "node:fs";
import path from "node:path";
import {Command, Option} from "commander";
import {loadCatalog} from "../../catalog/index.js";
import {PACK_TARGETS, packPolicy, type PackResult, type PackTarget} from "../../packing/index.js";
import {formatPolicy} from "../../policy/index.js";
import {numberedFile} from "../../files/numberedFile.js";
import {printable} from "../../text/printable.js";
import {CliError} from "../CliError.js";
import {writeOutputFile} from "./generate.js";
import {readPolicy} from "./simulate.js";

interface PackOptions {
    outDir?: string;
    collapse?: boolean;
    target: PackTarget;
    force?: boolean;
}

/**
 * `iam-gen pack <policy|-> [--out-dir DIR] [--collapse] [--target managed|role-inline|group-inline|user-inline]`:
 * makes a policy fit AWS's size limits without changing what it allows. Exit 0 it fits, 1 it cannot
 * (an inline policy over the principal's quota, more managed policies than a principal can have), 2 bad input.
 */
export function packCommand() {
    return new Command("pack")
        .description("fit a policy into AWS's size limits: merge statements losslessly, split into managed policies of at most 6,144 characters that together allow exactly the same (exit 0 fits, 1 cannot fit, 2 bad input)")
        .argument("<policy>", "the policy JSON file, or - for standard input")
        .option("--out-dir <dir>", "write the policies to DIR/<name>-1.json, -2.json, … instead of printing them")
        .option("--force", "overwrite files in --out-dir")
        .option("--collapse", "also write action lists as Prefix* where the pattern matches exactly the listed actions today (actions AWS adds later under that prefix match too)")
        .addOption(new Option("--target <target>", "where the policy goes: managed policies, or one principal's inline policies (which share one quota)").choices(PACK_TARGETS).default("managed"))
        .exitOverride()
        .action(async (file: string, options: PackOptions) => {
            const policy = await readPolicy(file);
            const earlier = options.outDir != null ? earlierParts(options.outDir, file) : [];
            if (earlier.length > 0 && options.force !== true)
                throw new CliError(`${path.join(options.outDir!, earlier[0]!)} already exists; use --force to overwrite it`);
            let result: PackResult;
            try {
                result = packPolicy(policy, loadCatalog(), {target: options.target, collapse: options.collapse === true});
            } catch (error) {
                throw new CliError((error as Error).message, 1);
            }
            process.stderr.write(`${summary(result).map((line) => printable(line)).join("\n")}\n`);
            if (result.fits)
                writeParts(result, file, options, earlier);
            process.exitCode = result.fits ? 0 : 1;
        });
}

function summary(result: PackResult): string[] {
    const count = (value: number) => value.toLocaleString("en-US");
    const shrunk = result.shrunk.characters < result.original
        ? `${count(result.original)} characters, ${count(result.shrunk.characters)} once shrunk (${result.merged} statement${result.merged === 1 ? "" : "s"} merged${result.collapsed.length > 0 ? `, ${result.collapsed.length} action pattern${result.collapsed.length === 1 ? "" : "s"}` : ""})`
        : `${count(result.original)} characters; nothing to merge`;
    return [shrunk, ...result.notes, ...result.parts.length > 1 ? ["checked: together they allow exactly what the input allows"] : []];
}

/** Standard output gets the policies one after another; --out-dir gets one file each, named after the input. */
function partsBase(file: string): string {
    return file === "-" ? "policy" : path.basename(file).replace(/\.json$/i, "");
}

/** The files an earlier pack of the same input left in the folder: refused without --force, named when left behind. */
function earlierParts(folder: string, file: string): string[] {
    const base = partsBase(file);
    try {
        return readdirSync(folder).filter((name) => name === `${base}.json` || (name.startsWith(`${base}-`) && /^-\d+\.json$/.test(name.slice(base.length)))).sort();
    } catch {
        return [];
    }
}

function writeParts(result: PackResult, file: string, options: PackOptions, earlier: readonly string[]) {
    const texts = result.parts.map((part) => `${formatPolicy(part.policy)}\n`);
    if (options.outDir == null) {
        process.stdout.write(texts.join(""));
        return;
    }
    const base = partsBase(file);
    const names = texts.map((_, index) => texts.length === 1 ? `${base}.json` : numberedFile(`${base}.json`, index + 1));
    makeFolder(options.outDir);
    names.forEach((name, index) => writeOutputFile(path.join(options.outDir!, name), texts[index]!, true));
    process.stderr.write(`wrote ${names.map((name) => printable(path.join(options.outDir!, name))).join(", ")}\n`);
    const stale = earlier.filter((name) => !names.includes(name));
    if (stale.length > 0)
        process.stderr.write(`${printable(`not part of this result, left from an earlier run: ${stale.join(", ")}`)}\n`);
}

/** The output folder, made when missing (one level: a mistyped parent path is an error, not a tree of new folders). */
function makeFolder(folder: string) {
    try {
        if (!existsSync(folder))
            mkdirSync(folder);
        else if (!statSync(folder).isDirectory())
            throw new CliError(`${folder} is not a folder`);
    } catch (error) {
        if (error instanceof CliError)
            throw error;
        throw new CliError(`cannot make ${folder}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
}
