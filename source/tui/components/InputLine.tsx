import chalk from "chalk";
import {Text} from "ink";
import type {TextBuffer} from "../input/textBuffer.js";

/**
 * One line whatever the input holds: line breaks of a pasted request are shown as ↵, and a long input
 * is shown as the window around the cursor.
 */
export function InputLine({buffer, columns, placeholder}: {buffer: TextBuffer; columns: number; placeholder: string}) {
    const prompt = "› ";
    // Without colour (NO_COLOR) inverse video is gone too: the cursor is drawn as a bar instead.
    const plain = chalk.level === 0;
    if (buffer.value === "")
        return <Text wrap="truncate-end"><Text color="cyan">{prompt}</Text>{plain ? "▏" : <Text inverse> </Text>}<Text dimColor>{placeholder}</Text></Text>;
    const shown = buffer.value.replace(/\n/g, "↵");
    const room = Math.max(8, columns - prompt.length - 1);
    const start = Math.max(0, Math.min(buffer.cursor - Math.floor(room * 0.8), shown.length + 1 - room));
    const visible = shown.slice(start, start + room);
    const cursor = buffer.cursor - start;
    return (
        <Text wrap="truncate-end">
            <Text color="cyan">{prompt}</Text>
            {visible.slice(0, cursor)}
            {plain ? `▏${visible[cursor] ?? ""}` : <Text inverse>{visible[cursor] ?? " "}</Text>}
            {visible.slice(cursor + 1)}
        </Text>
    );
}
