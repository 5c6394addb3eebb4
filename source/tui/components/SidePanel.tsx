import {Box, Text} from "ink";
import {sidePanelLines, type SidePanelInput} from "../view/sidePanelLines.js";
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
                <Lines lines={sidePanelLines(input, height)} width={width - 2} height={height}/>
            </Box>
        );
    }
    const bodyHeight = height - 1;
    const columns = width >= 60 ? 2 : 1;
    const lines = sidePanelLines(input, bodyHeight * columns);
    const columnWidth = Math.floor(width / columns);
    return (
        <Box flexDirection="column" width={width} height={height} flexShrink={0}>
            <Text dimColor wrap="truncate-end">{"─".repeat(width)}</Text>
            <Box>
                {Array.from({length: columns}, (_, column) => (
                    <Lines key={column} lines={lines.slice(column * bodyHeight, (column + 1) * bodyHeight)} width={columnWidth - (column < columns - 1 ? 1 : 0)} height={bodyHeight}/>
                ))}
            </Box>
        </Box>
    );
}
