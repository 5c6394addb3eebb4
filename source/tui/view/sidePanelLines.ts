import chalk from "chalk";
import {sidePanelSections, type Section, type SidePanelInput} from "./sidePanelSections.js";
import {wrapText} from "./wrapText.js";

export type {SidePanelInput} from "./sidePanelSections.js";

/** The side panel as at most `height` lines of `width` columns, items wrapped. */
export function sidePanelLines(input: SidePanelInput, height: number, width: number): string[] {
    return fit(sidePanelSections(input), height, width).lines;
}

/**
 * The side panel in `columns` columns of `height` lines. Whole sections go to a column, so that a
 * section's "… n more" never lands at the top of the next one; the split that hides the fewest items wins.
 */
export function sidePanelColumns(input: SidePanelInput, columns: number, height: number, width: number): string[][] {
    const sections = sidePanelSections(input);
    if (columns < 2)
        return [fit(sections, height, width).lines];
    let best: {hidden: number; longest: number; columns: string[][]} | undefined;
    for (let split = 0; split <= sections.length; split++) {
        const left = fit(sections.slice(0, split), height, width);
        const right = fit(sections.slice(split), height, width);
        const hidden = left.hidden + right.hidden;
        const longest = Math.max(left.lines.length, right.lines.length);
        if (best == null || hidden < best.hidden || (hidden === best.hidden && longest < best.longest))
            best = {hidden, longest, columns: [left.lines, right.lines]};
    }
    return best!.columns;
}

/**
 * Drops the last items of the section that shows the most lines (down to its `keep` first) until the sections
 * fit, each with "… n more" for what it left out. Returns the lines and how many items were left out.
 */
function fit(sections: Section[], height: number, width: number): {lines: string[]; hidden: number} {
    const titles = sections.map((section) => wrapText(chalk.underline(section.title), width, 2));
    const wrapped = sections.map((section) => section.items.map((item) => wrapText(item, width, 4)));
    const shown = sections.map((section) => section.items.length);
    const linesOf = (index: number) => wrapped[index]!.slice(0, shown[index]).reduce((sum, item) => sum + item.length, 0);
    const lineCount = () => sections.reduce((sum, section, index) =>
        sum + titles[index]!.length + linesOf(index) + (shown[index]! < section.items.length ? 1 : 0), 0);
    // Lines a section can give by going down to `floor` items: none when "… n more" would take their place.
    const spare = (index: number, floor: number) => linesOf(index) - wrapped[index]!.slice(0, floor).reduce((sum, item) => sum + item.length, 0)
        - (shown[index] === sections[index]!.items.length ? 1 : 0);
    // First down to each section's `keep`, then below it, so that later titles still show rather than being cut.
    for (const floor of [(section: Section) => Math.min(section.keep, section.items.length), () => 0]) {
        while (lineCount() > height) {
            let longest = -1;
            sections.forEach((section, index) => {
                if (shown[index]! > floor(section) && spare(index, floor(section)) > 0 && (longest === -1 || linesOf(index) > linesOf(longest)))
                    longest = index;
            });
            if (longest === -1)
                break;
            shown[longest]!--;
        }
    }
    const lines: string[] = [];
    let hidden = 0;
    sections.forEach((section, index) => {
        lines.push(...titles[index]!);
        lines.push(...wrapped[index]!.slice(0, shown[index]).flat());
        const left = section.items.length - shown[index]!;
        hidden += left;
        if (left > 0)
            lines.push(chalk.dim(`… ${left} more`));
    });
    // Sections too many for the panel even at their minimum: the last lines go, and count as hidden.
    return {lines: lines.slice(0, height), hidden: hidden + Math.max(0, lines.length - height)};
}
