import type {MachineDescription} from "./machine.js";
import type {Sample} from "./measure.js";

/** A goal from the issues, reported against the median, never asserted. */
export interface Target {
    op: "<" | "≤" | "≥";
    value: number;
}

export interface Figure {
    id: string;
    group: string;
    label: string;
    unit: string;
    /** Absent when the figure was skipped. */
    median?: number;
    /** The slow end: the 95th-percentile time, or for a rate, the rate at that time. */
    p95?: number;
    runs?: number;
    target?: Target;
    met?: boolean;
    note?: string;
    skipped?: string;
}

export interface SeriesPoint {
    /** A number on a line chart, a category on a bar chart. */
    x: number | string;
    y: number;
    series: string;
}

/** How a cost grows with its input (a line chart) or a comparison (bars): drawn in media/bench-<id>.svg|png. */
export interface Series {
    id: string;
    title: string;
    kind: "line" | "bar";
    x: {label: string; log?: boolean};
    y: {label: string; log?: boolean};
    points: SeriesPoint[];
    /** Horizontal reference lines, such as the bandwidth ceiling. */
    rules?: Array<{y: number; label: string}>;
}

export interface BenchResults {
    generatedAt: string;
    command: string;
    quick: boolean;
    /** The sections a partial run measured (`--only`); absent for a whole run. */
    only?: string;
    /** False in the copy written after each section, and when a run stopped part-way; absent in runs before it existed. */
    complete?: boolean;
    gpu: {requested: boolean; available: boolean; device?: string; note?: string};
    machine: MachineDescription;
    durationS: number;
    /** The 1-minute load average when the run started and ended: above the core count, other work shared the CPU and the timings are noisy. */
    loadAverage: {atStart: number; atEnd: number};
    figures: Figure[];
    series: Series[];
}

export function meets(value: number, target: Target) {
    switch (target.op) {
        case "<": return value < target.value;
        case "≤": return value <= target.value;
        case "≥": return value >= target.value;
    }
}

/** Collects figures and series as the suites produce them. */
export class ResultSet {
    readonly figures: Figure[] = [];
    readonly series: Series[] = [];

    /** A timing in milliseconds. */
    timing(id: string, group: string, label: string, sample: Sample, extra: {target?: Target; note?: string} = {}) {
        return this.add({id, group, label, unit: "ms", median: sample.median, p95: sample.p95, runs: sample.runs, ...extra});
    }

    /** A rate or an amount; `sample` (optional) gives the slow end and the run count. */
    value(id: string, group: string, label: string, unit: string, median: number, extra: {p95?: number; runs?: number; target?: Target; note?: string} = {}) {
        return this.add({id, group, label, unit, median, ...extra});
    }

    skip(id: string, group: string, label: string, unit: string, reason: string) {
        return this.add({id, group, label, unit, skipped: reason});
    }

    addSeries(series: Series) {
        this.series.push(series);
    }

    get(id: string): Figure | undefined {
        return this.figures.find((figure) => figure.id === id);
    }

    private add(figure: Figure) {
        if (figure.target != null && figure.median != null)
            figure.met = meets(figure.median, figure.target);
        this.figures.push(figure);
        return figure;
    }
}

export function formatNumber(value: number) {
    const magnitude = Math.abs(value);
    if (magnitude >= 100)
        return Math.round(value).toLocaleString("en-US");
    if (magnitude >= 10)
        return value.toFixed(1);
    if (magnitude >= 1)
        return value.toFixed(2);
    return value.toPrecision(2);
}

export function formatTarget(target: Target, unit: string) {
    return `${target.op} ${formatNumber(target.value)}${unit === "%" ? "%" : ` ${unit}`}`;
}

export function formatValue(value: number | undefined, unit: string) {
    if (value == null)
        return "";
    return unit === "%" ? `${formatNumber(value)}%` : `${formatNumber(value)} ${unit}`;
}

export function loadLine(results: BenchResults) {
    return `${results.loadAverage.atStart} at the start, ${results.loadAverage.atEnd} at the end (${results.machine.cores} cores)`;
}
