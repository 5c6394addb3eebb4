import type {GenerationResult} from "../../engine/types.js";
import {formatMs} from "./statusLine.js";

/** `/compare` as plain lines: two columns side by side when there is room, else one after the other. */
export function compareLines(withRag: GenerationResult, withoutRag: GenerationResult, columns: number): string[] {
    const left = columnLines("retrieval on", withRag);
    const right = columnLines("retrieval off", withoutRag);
    const title = `Compare: ${withRag.request.replace(/\s+/g, " ")}`;
    if (columns < 100)
        return [title, ...left, "", ...right];
    const width = Math.floor((columns - 3) / 2);
    const cell = (text: string) => (text.length > width ? text.slice(0, width - 1) + "…" : text).padEnd(width);
    const lines = [title];
    for (let index = 0; index < Math.max(left.length, right.length); index++)
        lines.push(`${cell(left[index] ?? "")} │ ${right[index] ?? ""}`.trimEnd());
    return lines;
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
