import type {GenerationResult} from "../../engine/types.js";
import {formatMs} from "./statusLine.js";
import {textWidth, wrapIndented, wrapText} from "./wrapText.js";

/** `/compare` as plain lines: two columns side by side when there is room, else one after the other. */
export function compareLines(withRag: GenerationResult, withoutRag: GenerationResult, columns: number): string[] {
    const left = columnLines("retrieval on", withRag);
    const right = columnLines("retrieval off", withoutRag);
    const title = wrapText(`Compare: ${withRag.request.replace(/\s+/g, " ")}`, columns, 2);
    if (columns < 100)
        return [...title, ...wrapColumn(left, columns), "", ...wrapColumn(right, columns)];
    const width = Math.floor((columns - 3) / 2);
    const leftLines = wrapColumn(left, width);
    const rightLines = wrapColumn(right, width);
    const lines = [...title];
    for (let index = 0; index < Math.max(leftLines.length, rightLines.length); index++) {
        const cell = leftLines[index] ?? "";
        lines.push(`${cell}${" ".repeat(Math.max(0, width - textWidth(cell)))} │ ${rightLines[index] ?? ""}`.trimEnd());
    }
    return lines;
}

/** A column's lines wrapped, not cut: the note and long ARNs are read whole. */
function wrapColumn(lines: string[], width: number) {
    return lines.flatMap((line) => wrapIndented(line, width, line.startsWith("note: ") ? 6 : 4));
}

function columnLines(title: string, result: GenerationResult) {
    const services = result.context?.services.filter((service) => service.role === "target").map((service) => service.prefix) ?? [];
    const findings = result.check?.findings ?? [];
    const verdict = result.check == null ? "not checked" : result.check.valid ? "valid" : "NOT valid";
    const cost = [result.timings.tokens != null ? `${result.timings.tokens} tokens` : null, formatMs(result.timings.totalMs)].filter((part) => part != null);
    return [
        `── ${title} ──`,
        `services: ${services.join(", ") || "none"}`,
        `${verdict}, ${findings.length} finding${findings.length === 1 ? "" : "s"} · ${cost.join(" · ")}`,
        ...(result.message != null && result.text !== "" ? [`note: ${result.message}`] : []),
        ...(result.text || result.message || "nothing generated").split("\n")
    ];
}
