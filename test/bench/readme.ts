import {existsSync, readFileSync, writeFileSync} from "node:fs";
import path from "node:path";
import {packageRoot, resultsPath} from "./context.js";
import {machineLine} from "./machine.js";
import {type BenchResults, loadLine} from "./results.js";
import {markdownTable} from "./table.js";

/** The README's two measured tables, each between its markers and filled from its results file. */
const TABLES = [
    {start: "<!-- bench:results:start -->", end: "<!-- bench:results:end -->", gpu: false, missing: "Not measured yet: run `npm run bench`."},
    {
        start: "<!-- bench:gpu:start -->", end: "<!-- bench:gpu:end -->", gpu: true,
        missing: "Not measured yet: no GPU run has been brought back. [test/bench/README.md](test/bench/README.md) says how to run the GPU kit on a lent GPU machine."
    }
];

/** Rewrites the README's measured tables from test/bench/results.json and results-gpu.json; false where there is no README (the GPU kit). */
export function updateReadme() {
    const readmePath = path.join(packageRoot, "README.md");
    if (!existsSync(readmePath))
        return false;
    let readme = readFileSync(readmePath, "utf8");
    for (const table of TABLES) {
        const start = readme.indexOf(table.start);
        const end = readme.indexOf(table.end);
        if (start < 0 || end < start)
            continue;
        const file = resultsPath({gpu: table.gpu});
        const body = existsSync(file)
            ? measuredBlock(JSON.parse(readFileSync(file, "utf8")) as BenchResults)
            : table.missing;
        readme = readme.slice(0, start) + [table.start, body, table.end].join("\n") + readme.slice(end + table.end.length);
    }
    writeFileSync(readmePath, readme);
    return true;
}

function measuredBlock(results: BenchResults) {
    const stopped = results.complete === false ? " It stopped part-way: only the rows below were measured." : "";
    const charts = results.gpu.requested ? results.series.map((series) => `![${series.title}](media/bench-${series.id}.png)`) : [];
    return [
        `Measured by \`${results.command}\` on ${results.generatedAt.slice(0, 10)} (${results.durationS} s), ` +
        `on ${machineLine(results.machine)}${results.quick ? "; quick mode: fewer runs and smaller inputs" : ""}; ` +
        `1-minute load average ${loadLine(results)}.${stopped}`,
        "",
        markdownTable(results.figures),
        ...charts.length > 0 ? ["", ...charts] : []
    ].join("\n");
}
