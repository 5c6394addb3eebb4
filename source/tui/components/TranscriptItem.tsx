import {Box, Text} from "ink";
import type {GenerationResult} from "../../engine/types.js";
import {terminalText} from "../../text/printable.js";
import type {NoticeLevel, TranscriptEntry} from "../state/sessionState.js";
import {compareLines} from "../view/compareLines.js";
import {highlightJson} from "../view/highlightJson.js";
import {formatMs} from "../view/statusLine.js";

const NOTICE_STYLE: Record<NoticeLevel, {color: string; symbol: string}> = {
    info: {color: "blue", symbol: "ℹ"},
    success: {color: "green", symbol: "✔"},
    warning: {color: "yellow", symbol: "▲"},
    error: {color: "red", symbol: "✖"}
};

/** One finished piece of the conversation, printed once above the live area, control characters escaped. */
export function TranscriptItem({entry, columns}: {entry: TranscriptEntry; columns: number}) {
    switch (entry.kind) {
        case "request":
            return <Text><Text color="cyan" bold>› </Text><Text bold>{terminalText(entry.text)}</Text></Text>;
        case "turn":
            return <TurnSummary result={entry.result} revision={entry.revision} allows={entry.allows}/>;
        case "notice": {
            const style = NOTICE_STYLE[entry.level];
            return <Text color={style.color}>{`${style.symbol} ${terminalText(entry.text)}`}</Text>;
        }
        case "block":
            return (
                <Box flexDirection="column">
                    {entry.title !== "" && <Text bold underline>{terminalText(entry.title)}</Text>}
                    <Text>{terminalText(entry.text)}</Text>
                </Box>
            );
        case "compare":
            return <Text>{terminalText(compareLines(entry.withRag, entry.withoutRag, columns).join("\n"))}</Text>;
    }
}

function TurnSummary({result, revision, allows}: {result: GenerationResult; revision?: number; allows?: string[]}) {
    const parts = [revision != null ? `revision ${revision}` : "no policy", result.engine, formatMs(result.timings.totalMs), `RAG ${result.rag ? "on" : "off"}`];
    if (result.timings.tokens != null)
        parts.push(`${result.timings.tokens} tokens`);
    const color = result.aborted || result.truncated ? "red" : result.policy == null ? "yellow" : "green";
    const state = result.aborted ? "■ aborted" : result.truncated ? "■ truncated" : result.policy == null ? "▲" : "✔";
    return (
        <Box flexDirection="column">
            <Text><Text color={color}>{state}</Text> <Text dimColor>{parts.join(" · ")}</Text>{result.changeSummary != null && <Text color="cyan">{` · ${terminalText(result.changeSummary)}`}</Text>}</Text>
            {result.message != null && <Text color="yellow">{`  ${terminalText(result.message)}`}</Text>}
            {allows != null && <Text>{terminalText(allows.map((line) => `  ${line}`).join("\n"))}</Text>}
            {result.text !== "" && <Text>{terminalText(highlightJson(result.text))}</Text>}
        </Box>
    );
}
