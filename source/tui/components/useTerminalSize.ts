import {useStdout} from "ink";
import {useEffect, useState} from "react";

export interface TerminalSize {
    columns: number;
    rows: number;
}

/** The terminal's size, following resizes; `onResize` runs after each change. */
export function useTerminalSize(onResize: () => void): TerminalSize {
    const {stdout} = useStdout();
    const read = () => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
    const [size, setSize] = useState(read);
    useEffect(() => {
        const handle = () => {
            setSize(read());
            onResize();
        };
        stdout.on("resize", handle);
        return () => void stdout.off("resize", handle);
    }, [stdout, onResize]);
    return size;
}
