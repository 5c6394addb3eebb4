import {Box} from "ink";
import {paneLayout, type PolicyPaneView} from "../view/policyPaneLines.js";
import {Lines} from "./Lines.js";

/** The policy (or the stream) under its header and notes; shows the tail while streaming, a scrolled window after. */
export function PolicyPane({view, width, height, scroll}: {view: PolicyPaneView; width: number; height: number; scroll: number | null}) {
    const {header, body, bodyHeight} = paneLayout(view, width, height, scroll);
    return (
        <Box flexDirection="column" width={width} height={height} flexShrink={0}>
            <Lines lines={header} width={width} height={header.length}/>
            <Lines lines={body} width={width} height={bodyHeight}/>
        </Box>
    );
}
