/**
 * Every chart and screenshot the README shows, made again from the runs its tables come from:
 * `npm run media [-- --no-bench]` (after `npm run build`; needs ../shared/benchmarks and tmux).
 * - Evaluation: the README's eval commands run with --json; their figures replace the rows between the
 *   README's `<!-- media:eval:<benchmark> -->` markers, and media/eval.svg is drawn by the first of
 *   those runs (--chart), so the chart and the table are the same run.
 * - Screenshots: media/tui-80x24.png and media/tui-160x48.png from a tmux session of the built TUI.
 * - Performance: `npm run bench -- --quick` writes its README table and media/bench-* from one run.
 */
import {execFileSync} from "node:child_process";
import {existsSync, readFileSync, writeFileSync} from "node:fs";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import writeTestModels, {TEST_MODEL_PATH} from "../setup/testModel.js";
import {writeScreenshots} from "../tui/screenshots/main.js";
import {replaceBetweenMarkers, type RunFigures, TABLE_HEADER, tableRow} from "./evaluationTables.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const benchmarks = path.resolve(root, "..", "shared", "benchmarks");
const prototype = (name: string) => path.join(benchmarks, "prototype-outputs", `${name}.jsonl`);
const {values} = parseArgs({options: {"no-bench": {type: "boolean"}}});

interface LabelledRun extends RunFigures {
    label: string;
}

/** `iam-gen eval … --json`, as the README writes it; one run or several (--compare). */
function evaluate(args: string[]): LabelledRun[] {
    process.stderr.write(`iam-gen eval ${args.map((arg) => path.isAbsolute(arg) ? path.relative(root, arg) : arg).join(" ")}\n`);
    const output = JSON.parse(execFileSync(process.execPath, [path.join(root, "dist", "cli", "main.js"), "eval", ...args, "--json"], {cwd: root, encoding: "utf8", maxBuffer: 256 * 1024 * 1024})) as LabelledRun | {runs: LabelledRun[]};
    return "runs" in output ? output.runs : [output];
}

function evaluationRows(benchmark: string, withPrototype: boolean): string[] {
    const bench = path.join(benchmarks, `${benchmark}.jsonl`);
    const rows: string[] = [];
    if (withPrototype) {
        const [catalog, zeroShot, fewShot, fineTuned] = evaluate(["--bench", bench, "--engine", "catalog", "--no-managed",
            "--compare", prototype("zero-shot"), prototype("few-shot"), prototype("finetuned"), "--chart", path.join(root, "media", "eval.svg")]);
        rows.push(tableRow("prototype zero-shot", zeroShot!), tableRow("prototype few-shot", fewShot!), tableRow("prototype fine-tuned", fineTuned!), tableRow("catalog engine, `--no-managed`", catalog!));
    } else {
        rows.push(tableRow("catalog engine, `--no-managed`", evaluate(["--bench", bench, "--engine", "catalog", "--no-managed"])[0]!));
    }
    rows.push(tableRow("catalog engine, `--managed`", evaluate(["--bench", bench, "--engine", "catalog", "--managed"])[0]!));
    rows.push(tableRow("llama engine, random-weight test model", evaluate(["--bench", bench, "--engine", "llama", "--model", TEST_MODEL_PATH])[0]!));
    return [...TABLE_HEADER, ...rows];
}

if (!existsSync(path.join(benchmarks, "seed-test.jsonl"))) {
    process.stderr.write(`npm run media: the benchmarks are not at ${benchmarks}\n`);
    process.exit(2);
}
writeTestModels();
const readmeFile = path.join(root, "README.md");
const tables = {"seed-test": evaluationRows("seed-test", true), "seed-synthetic": evaluationRows("seed-synthetic", false)};
// Read just before writing: the runs take minutes, and the README may have been edited meanwhile.
let readme = readFileSync(readmeFile, "utf8");
for (const [benchmark, lines] of Object.entries(tables))
    readme = replaceBetweenMarkers(readme, `eval:${benchmark}`, lines);
writeFileSync(readmeFile, readme);
process.stderr.write("wrote the evaluation tables into README.md and media/eval.svg\n");

await writeScreenshots();
if (values["no-bench"] !== true)
    execFileSync("npm", ["run", "bench", "--", "--quick"], {cwd: root, stdio: "inherit"});
