import {Text} from "ink";
import type {SessionState} from "../state/sessionState.js";
import {statusLineText} from "../view/statusLine.js";

export function StatusLine({state, columns}: {state: SessionState; columns: number}) {
    const text = ` ${statusLineText(state)} `;
    return <Text inverse wrap="truncate-end">{text.padEnd(columns).slice(0, columns)}</Text>;
}
