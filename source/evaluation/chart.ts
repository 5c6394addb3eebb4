import type {TopLevelSpec} from "vega-lite";
import type {EvaluationReport} from "./evaluate.js";
import type {EvaluationSummary} from "./summarize.js";

/** The figures the chart shows, as percentages (F1 scaled to 0–100 so that one axis fits all). */
const CHART_METRICS: ReadonlyArray<[label: string, value: (summary: EvaluationSummary) => number]> = [
    ["JSON valid", (summary) => summary.jsonValid],
    ["Schema valid", (summary) => summary.schemaValid],
    ["Services (all rows)", (summary) => summary.serviceAccuracyAll],
    ["Effect (all rows)", (summary) => summary.effectAccuracyAll],
    ["Action F1 macro ×100", (summary) => summary.actionF1Macro * 100],
    ["Invented actions", (summary) => summary.hallucinationRate]
];
const COMPLEXITY_METRICS = new Set(["Schema valid", "Services (all rows)", "Action F1 macro ×100"]);

/** A Vega-Lite spec: the main metrics of each run side by side, then three of them by complexity. */
export function evaluationChartSpec(reports: EvaluationReport[], title: string): TopLevelSpec {
    const runs = reports.map((report) => report.label);
    const main = reports.flatMap((report) => CHART_METRICS.map(([metric, value]) => ({run: report.label, metric, value: round(value(report))})));
    const byComplexity = reports.flatMap((report) => Object.entries(report.byComplexity).flatMap(([complexity, summary]) => CHART_METRICS
        .filter(([metric]) => COMPLEXITY_METRICS.has(metric))
        .map(([metric, value]) => ({run: report.label, metric, complexity: `${complexity} (${summary.total})`, value: round(value(summary))}))));
    const complexities = [...new Set(byComplexity.map((entry) => entry.complexity))];
    const color = {field: "run", type: "nominal", title: null, sort: runs, legend: {orient: "top", labelLimit: 400}} as const;
    const percentAxis = {field: "value", type: "quantitative" as const, title: "%", scale: {domain: [0, 100]}};

    return {
        $schema: "https://vega.github.io/schema/vega-lite/v6.json",
        title: {text: title, anchor: "start", fontSize: 15},
        background: "white",
        padding: 12,
        config: {font: "DejaVu Sans", axis: {labelFontSize: 11, titleFontSize: 11}, view: {stroke: null}},
        // Each chart has its own band width, so each needs its own offset scale for the grouped bars.
        resolve: {scale: {xOffset: "independent"}},
        vconcat: [
            {
                title: {text: "Main metrics", subtitle: "Percent of all rows; action F1 scaled to 100; for invented actions, lower is better", anchor: "start", fontSize: 13},
                data: {values: main},
                width: 900,
                height: 220,
                mark: {type: "bar", tooltip: true},
                encoding: {
                    x: {field: "metric", type: "nominal", title: null, sort: CHART_METRICS.map(([label]) => label), axis: {labelAngle: 0, labelLimit: 200}},
                    xOffset: {field: "run", type: "nominal", sort: runs},
                    y: percentAxis,
                    color
                }
            },
            {
                data: {values: byComplexity},
                resolve: {scale: {xOffset: "independent"}},
                hconcat: [...COMPLEXITY_METRICS].map((metric) => ({
                    title: {text: `${metric} by complexity`, anchor: "start", fontSize: 12},
                    transform: [{filter: {field: "metric", equal: metric}}],
                    width: 230,
                    height: 160,
                    mark: {type: "bar", tooltip: true},
                    encoding: {
                        x: {field: "complexity", type: "nominal", title: null, sort: complexities, axis: {labelAngle: 0, labelExpr: "split(datum.label, ' ')"}},
                        xOffset: {field: "run", type: "nominal", sort: runs},
                        y: percentAxis,
                        color
                    }
                }))
            }
        ]
    };
}

/** Renders the chart as SVG (Vega's own renderer) or PNG (that SVG rasterised at twice the size). */
export async function renderEvaluationChart(reports: EvaluationReport[], title: string, format: "svg" | "png"): Promise<string | Buffer> {
    // Loaded on demand: Vega and resvg would add to the start-up time of everything that imports this module.
    const [{parse, View}, {compile}, {Resvg}] = await Promise.all([import("vega"), import("vega-lite"), import("@resvg/resvg-js")]);
    const view = new View(parse(compile(evaluationChartSpec(reports, title)).spec), {renderer: "none"});
    try {
        const svg = await view.toSVG();
        if (format === "svg")
            return svg;
        return new Resvg(svg, {fitTo: {mode: "zoom", value: 2}, font: {loadSystemFonts: true, defaultFontFamily: "DejaVu Sans"}}).render().asPng();
    } finally {
        view.finalize();
    }
}

function round(value: number) {
    return Math.round(value * 10) / 10;
}
