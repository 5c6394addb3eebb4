import {readFileSync, writeFileSync} from "node:fs";
import path from "node:path";
import {packageRoot} from "./context.js";
import {machineLine} from "./machine.js";
import {type BenchResults, loadLine} from "./results.js";
import {markdownTable} from "./table.js";

const START = "<!-- bench:results:start -->";
const END = "<!-- bench:results:end -->";

/** Rewrites the README's measured table (between the bench:results markers) from a run's results. */
export function updateReadme(results: BenchResults) {
    const readmePath = path.join(packageRoot, "README.md");
    const readme = readFileSync(readmePath, "utf8");
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    if (start < 0 || end < start)
        return false;
    const block = [
        START,
        `Measured by \`${results.command}\` on ${results.generatedAt.slice(0, 10)} (${results.durationS} s), ` +
        `on ${machineLine(results.machine)}${results.quick ? "; quick mode: fewer runs and smaller inputs" : ""}; ` +
        `1-minute load average ${loadLine(results)}.`,
        "",
        markdownTable(results.figures),
        END
    ].join("\n");
    writeFileSync(readmePath, readme.slice(0, start) + block + readme.slice(end + END.length));
    return true;
}
