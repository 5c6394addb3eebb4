import {Text} from "ink";
import type {SessionState} from "../state/sessionState.js";
import {statusLineParts} from "../view/statusLine.js";
import {fitParts} from "../view/wrapText.js";

export function StatusLine({state, columns}: {state: SessionState; columns: number}) {
    const text = ` ${fitParts(statusLineParts(state), columns - 2)} `;
    return <Text inverse wrap="truncate-end">{text.padEnd(columns).slice(0, columns)}</Text>;
}
