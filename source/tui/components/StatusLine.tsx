import {Text} from "ink";
import {terminalText} from "../../text/printable.js";
import type {SessionState} from "../state/sessionState.js";
import {statusLineParts, statusLineVerification} from "../view/statusLine.js";
import {fitParts, textWidth} from "../view/wrapText.js";

export function StatusLine({state, columns}: {state: SessionState; columns: number}) {
    // The verification ends the line, in up to half of it; the other parts fit in what is left.
    const verification = statusLineVerification(state, Math.floor(columns / 2));
    const verificationWidth = verification == null ? 0 : textWidth(verification.text) + 1;
    const text = ` ${fitParts(statusLineParts(state), columns - 2 - verificationWidth)} `;
    return (
        <Text wrap="truncate-end">
            <Text inverse>{terminalText(text.padEnd(columns - verificationWidth))}</Text>
            {verification != null && <Text inverse color={verification.failing ? "red" : undefined}>{`${verification.text} `}</Text>}
        </Text>
    );
}
