import {Box, Text} from "ink";
import {terminalText} from "../../text/printable.js";

/** Exactly `height` lines of `width` columns, each cut at the edge: the layout's heights stay exact. Control characters are shown escaped. */
export function Lines({lines, width, height}: {lines: readonly string[]; width: number; height: number}) {
    const padded = [...lines.slice(0, height), ...new Array<string>(Math.max(0, height - lines.length)).fill("")];
    return (
        <Box flexDirection="column" width={width} height={height} flexShrink={0}>
            {padded.map((line, index) => <Text key={index} wrap="truncate-end">{line === "" ? " " : terminalText(line)}</Text>)}
        </Box>
    );
}
