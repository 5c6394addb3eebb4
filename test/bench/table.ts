import type {Figure} from "./results.js";
import {formatTarget, formatValue} from "./results.js";

const HEADERS = ["Figure", "Median", "p95", "Runs", "Target", ""];

function cells(figure: Figure) {
    if (figure.skipped != null)
        return [`${figure.label}: skipped, ${figure.skipped}`, "", "", "", figure.target != null ? formatTarget(figure.target, figure.unit) : "", ""];
    return [
        figure.label + (figure.note != null ? ` (${figure.note})` : ""),
        formatValue(figure.median, figure.unit),
        formatValue(figure.p95, figure.unit),
        figure.runs != null ? String(figure.runs) : "",
        figure.target != null ? formatTarget(figure.target, figure.unit) : "",
        figure.met == null ? "" : figure.met ? "met" : "MISSED"
    ];
}

function groups(figures: readonly Figure[]) {
    const byGroup = new Map<string, Figure[]>();
    for (const figure of figures)
        byGroup.set(figure.group, [...byGroup.get(figure.group) ?? [], figure]);
    return byGroup;
}

/** The table printed on the terminal: one block per group, columns aligned. */
export function textTable(figures: readonly Figure[]) {
    const rows = figures.map(cells);
    const widths = HEADERS.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column]!.length)));
    const line = (row: string[]) => row.map((cell, column) => column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)).join("  ").trimEnd();
    const out = [line(HEADERS)];
    for (const [group, members] of groups(figures)) {
        out.push("", group);
        for (const figure of members)
            out.push(line(cells(figure)));
    }
    return out.join("\n");
}

/** The same table as Markdown, for the README. */
export function markdownTable(figures: readonly Figure[]) {
    const escape = (cell: string) => cell.replace(/\|/g, "\\|");
    const out = [`| ${HEADERS.slice(0, 5).join(" | ")} | Met |`, "|---|--:|--:|--:|--:|:-:|"];
    for (const [group, members] of groups(figures)) {
        out.push(`| **${group}** | | | | | |`);
        for (const figure of members) {
            const row = cells(figure);
            row[5] = figure.met == null ? "" : figure.met ? "✅" : "❌";
            out.push(`| ${row.map(escape).join(" | ")} |`);
        }
    }
    return out.join("\n");
}
