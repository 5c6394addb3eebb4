import {Box, Text} from "ink";
import {scrollWindow} from "../view/layout.js";
import type {PolicyPaneView} from "../view/policyPaneLines.js";
import {Lines} from "./Lines.js";

/** The policy (or the stream) with a title line; shows the tail while streaming, a scrolled window after. */
export function PolicyPane({view, width, height, scroll}: {view: PolicyPaneView; width: number; height: number; scroll: number | null}) {
    const bodyHeight = Math.max(0, height - 1);
    const {first} = scrollWindow(view.lines.length, bodyHeight, scroll, view.streaming);
    const more = view.lines.length > bodyHeight ? ` · lines ${first + 1}–${Math.min(view.lines.length, first + bodyHeight)} of ${view.lines.length}` : "";
    return (
        <Box flexDirection="column" width={width} height={height} flexShrink={0}>
            <Text wrap="truncate-end">{view.title}<Text dimColor>{more}</Text></Text>
            <Lines lines={view.lines.slice(first, first + bodyHeight)} width={width} height={bodyHeight}/>
        </Box>
    );
}
