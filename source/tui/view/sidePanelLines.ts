import chalk from "chalk";
import {sidePanelSections, type Section, type SidePanelInput} from "./sidePanelSections.js";
import {wrapParts, wrapText} from "./wrapText.js";

export type {SidePanelInput} from "./sidePanelSections.js";

/** A line of the panel, and whether a column may start with it (a title, or an item that is not its section's first). */
interface PanelLine {
    text: string;
    columnMayStart: boolean;
}

/** The side panel as at most `height` lines of `width` columns, items wrapped. */
export function sidePanelLines(input: SidePanelInput, height: number, width: number): string[] {
    return fit(sidePanelSections(input), height, width).map((line) => line.text);
}

/**
 * The side panel flowing through two columns of `height` lines. A column starts only with a section's
 * title or one of its items, never with a "… n more", the rest of a wrapped item, or an item whose
 * title would end the column before: the panel is fitted into fewer lines until such a break exists.
 */
export function sidePanelColumns(input: SidePanelInput, height: number, width: number): string[][] {
    const sections = sidePanelSections(input);
    for (let total = 2 * height; total > height; total--) {
        const lines = fit(sections, total, width);
        if (lines.length <= height)
            return [lines.map((line) => line.text)];
        for (let split = height; split >= lines.length - height; split--) {
            if (lines[split]!.columnMayStart)
                return [lines.slice(0, split), lines.slice(split)].map((column) => column.map((line) => line.text));
        }
    }
    return [sidePanelLines(input, height, width)];
}

/**
 * Leaves out the last items of sections until they fit in `height` lines. A section showing only some items ends with
 * "… n more"; one showing none puts that on its title line.
 */
function fit(sections: Section[], height: number, width: number): PanelLine[] {
    const wrapped = sections.map((section) => section.items.map((item) => wrapText(item, width, 4)));
    const shown = sections.map((section) => section.items.length);
    const render = (index: number, count: number) => sectionLines(sections[index]!, wrapped[index]!, count, width);
    const lineCount = () => sections.reduce((sum, _section, index) => sum + render(index, shown[index]!).length, 0);
    // First the longest sections down to their `keep`; then, below it, the least kept ones (keep says what matters).
    const phases = [
        {floor: (section: Section) => Math.min(section.keep, section.items.length), rank: (index: number) => [-render(index, shown[index]!).length]},
        {floor: () => 0, rank: (index: number) => [sections[index]!.keep, -render(index, shown[index]!).length, -index]}
    ];
    for (const {floor, rank} of phases) {
        while (lineCount() > height) {
            let chosen = -1;
            sections.forEach((section, index) => {
                // Only a section that gives lines back by going down to its floor: "… n more" may cost what an item saves.
                const spare = render(index, shown[index]!).length - render(index, floor(section)).length;
                if (shown[index]! > floor(section) && spare > 0 && (chosen === -1 || before(rank(index), rank(chosen))))
                    chosen = index;
            });
            if (chosen === -1)
                break;
            shown[chosen]!--;
        }
    }
    // Sections too many for the panel even at their smallest: the last lines go.
    return sections.flatMap((_section, index) => render(index, shown[index]!)).slice(0, height);
}

/** Lexicographic order of two ranks. */
function before(a: number[], b: number[]) {
    const index = a.findIndex((value, position) => value !== b[position]);
    return index !== -1 && a[index]! < b[index]!;
}

function sectionLines(section: Section, items: string[][], count: number, width: number): PanelLine[] {
    const hidden = section.items.length - count;
    if (count === 0 && hidden > 0)
        return wrapParts([chalk.underline(section.title), chalk.dim(`… ${hidden} more`)], width, 2, " ").map((text, index) => ({text, columnMayStart: index === 0}));
    return [
        ...wrapText(chalk.underline(section.title), width, 2).map((text, index) => ({text, columnMayStart: index === 0})),
        ...items.slice(0, count).flatMap((lines, item) => lines.map((text, index) => ({text, columnMayStart: index === 0 && item > 0}))),
        ...hidden > 0 ? [{text: chalk.dim(`… ${hidden} more`), columnMayStart: false}] : []
    ];
}
