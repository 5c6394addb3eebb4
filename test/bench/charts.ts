import {mkdirSync, writeFileSync} from "node:fs";
import path from "node:path";
import {Resvg} from "@resvg/resvg-js";
import {parse as parseVega, View} from "vega";
import {compile, type TopLevelSpec} from "vega-lite";
import {packageRoot} from "./context.js";
import {machineLine} from "./machine.js";
import type {BenchResults, Series} from "./results.js";

const FONT = "DejaVu Sans";

/** Draws every series as media/bench-<id>.svg and a PNG of it. */
export async function renderCharts(results: BenchResults) {
    const media = path.join(packageRoot, "media");
    mkdirSync(media, {recursive: true});
    const subtitle = machineLine(results.machine);
    for (const series of results.series) {
        const svg = await renderSvg(chartSpec(series, subtitle));
        writeFileSync(path.join(media, `bench-${series.id}.svg`), svg);
        const png = new Resvg(svg, {
            background: "white",
            fitTo: {mode: "zoom", value: 2},
            font: {loadSystemFonts: true, defaultFontFamily: FONT}
        }).render().asPng();
        writeFileSync(path.join(media, `bench-${series.id}.png`), png);
    }
}

async function renderSvg(spec: TopLevelSpec) {
    const view = new View(parseVega(compile(spec).spec), {renderer: "none"});
    try {
        return await view.toSVG();
    } finally {
        view.finalize();
    }
}

function chartSpec(series: Series, subtitle: string): TopLevelSpec {
    const scale = (log: boolean | undefined) => log ? {type: "log" as const, nice: false} : {zero: true};
    const single = new Set(series.points.map((point) => point.series)).size === 1;
    const color = {field: "series", type: "nominal" as const, title: null, ...single ? {legend: null} : {legend: {orient: "bottom" as const, labelLimit: 400}}};
    // Bars side by side only where one x has several series; otherwise each bar keeps its slot.
    const grouped = new Set(series.points.map((point) => point.x)).size < series.points.length;
    const data = series.kind === "line"
        ? {
            mark: {type: "line" as const, point: true},
            encoding: {
                x: {field: "x", type: "quantitative" as const, title: series.x.label, scale: scale(series.x.log)},
                y: {field: "y", type: "quantitative" as const, title: series.y.label, scale: scale(series.y.log)},
                color
            }
        }
        : {
            mark: {type: "bar" as const},
            encoding: {
                // Long labels break after their commas ("whole-catalog grammar, guided").
                x: {field: "x", type: "nominal" as const, title: series.x.label, sort: null, axis: {labelAngle: 0, labelLimit: 220, labelExpr: "split(datum.label, ', ')"}},
                ...grouped ? {xOffset: {field: "series", type: "nominal" as const}} : {},
                y: {field: "y", type: "quantitative" as const, title: series.y.label},
                color
            }
        };
    const rules = (series.rules ?? []).map((rule) => ({y: rule.y, label: rule.label}));
    return {
        $schema: "https://vega.github.io/schema/vega-lite/v6.json",
        title: {text: series.title, subtitle},
        width: 520,
        height: 300,
        config: {font: FONT, background: "white"},
        layer: [
            {data: {values: series.points}, ...data},
            ...rules.length === 0 ? [] : [
                {
                    data: {values: rules},
                    mark: {type: "rule" as const, strokeDash: [6, 4], color: "#c0392b"},
                    encoding: {y: {field: "y", type: "quantitative" as const}}
                },
                {
                    data: {values: rules},
                    mark: {type: "text" as const, align: "right" as const, dy: -6, x: "width" as const, color: "#c0392b"},
                    encoding: {y: {field: "y", type: "quantitative" as const}, text: {field: "label", type: "nominal" as const}}
                }
            ]
        ]
    } as TopLevelSpec;
}
