import {Box, Text} from "ink";
import {sidePanelColumns, sidePanelLines, type SidePanelInput} from "../view/sidePanelLines.js";
import {Lines} from "./Lines.js";

/**
 * The retrieval context and the checker's findings. Beside the pane it is one column after a rule;
 * under the pane (narrow terminals) it is short, so it flows into two columns under a rule.
 */
export function SidePanel({input, width, height, wide}: {input: SidePanelInput; width: number; height: number; wide: boolean}) {
    if (height <= 1)
        return null;
    if (wide) {
        return (
            <Box width={width} height={height} flexShrink={0}>
                <Lines lines={new Array<string>(height).fill("│")} width={2} height={height}/>
                <Lines lines={sidePanelLines(input, height, width - 2)} width={width - 2} height={height}/>
            </Box>
        );
    }
    const bodyHeight = height - 1;
    const count = width >= 60 ? 2 : 1;
    // A space between the columns: a column's text never runs into the next.
    const columnWidth = Math.floor((width - (count - 1)) / count);
    const columns = count === 2 ? sidePanelColumns(input, bodyHeight, columnWidth) : [sidePanelLines(input, bodyHeight, columnWidth)];
    return (
        <Box flexDirection="column" width={width} height={height} flexShrink={0}>
            <Text dimColor wrap="truncate-end">{"─".repeat(width)}</Text>
            <Box columnGap={1}>
                {columns.map((lines, column) => <Lines key={column} lines={lines} width={columnWidth} height={bodyHeight}/>)}
            </Box>
        </Box>
    );
}
