import {Box} from "ink";
import {Lines} from "./Lines.js";

/** The retrieval context and the checker's findings; a left border beside the pane, a top border under it. */
export function SidePanel({lines, width, height, wide}: {lines: readonly string[]; width: number; height: number; wide: boolean}) {
    if (height <= 0)
        return null;
    return (
        <Box
            width={width} height={height} flexShrink={0} paddingLeft={wide ? 1 : 0}
            borderStyle="single" borderColor="gray" borderTop={!wide} borderLeft={wide} borderRight={false} borderBottom={false}
        >
            <Lines lines={lines} width={width - (wide ? 2 : 0)} height={height - (wide ? 0 : 1)}/>
        </Box>
    );
}
