import type {EvaluationSummary} from "../../source/evaluation/index.js";

/** A run's figures as `iam-gen eval --json` prints them, and the README row it makes. */
export type RunFigures = Pick<EvaluationSummary, "jsonValid" | "jsonExtracted" | "schemaValid" | "serviceAccuracy" | "serviceAccuracyAll" | "effectAccuracy" | "actionF1Macro" | "hallucinationRate" | "exactMatch">;

export const TABLE_HEADER = [
    "| run | JSON valid | JSON extracted | schema valid | service acc. (extracted) | service acc. (all rows) | effect acc. (extracted) | action F1 macro | invented actions | exact match |",
    "|---|---|---|---|---|---|---|---|---|---|"
];

const percent = (value: number) => `${value.toFixed(1)}%`;

export function tableRow(label: string, run: RunFigures): string {
    const cells = [
        percent(run.jsonValid), percent(run.jsonExtracted), percent(run.schemaValid), percent(run.serviceAccuracy), percent(run.serviceAccuracyAll),
        percent(run.effectAccuracy), run.actionF1Macro.toFixed(3), percent(run.hallucinationRate), percent(run.exactMatch)
    ];
    return `| ${label} | ${cells.join(" | ")} |`;
}

/** The README with the lines between `<!-- media:NAME -->` and `<!-- /media:NAME -->` replaced; throws when the markers are missing. */
export function replaceBetweenMarkers(readme: string, name: string, lines: readonly string[]): string {
    const start = `<!-- media:${name} -->`;
    const end = `<!-- /media:${name} -->`;
    const from = readme.indexOf(start);
    const to = readme.indexOf(end);
    if (from < 0 || to < from)
        throw new Error(`README.md has no ${start} … ${end} block`);
    return `${readme.slice(0, from + start.length)}\n${lines.join("\n")}\n${readme.slice(to)}`;
}
