import chalk from "chalk";

type Highlighter = (code: string) => string;

let highlighter: Highlighter | null = null;

/**
 * cli-highlight pulls in highlight.js, which costs more than the whole first frame: it is loaded after
 * the first paint, and text is shown plain until then.
 */
export async function loadHighlighter() {
    if (highlighter != null)
        return;
    const {highlight} = await import("cli-highlight");
    highlighter = (code) => highlight(code, {language: "json", ignoreIllegals: true});
}

/** JSON (complete or still streaming) with syntax colours, or as is when colour is off (`NO_COLOR`, not a terminal). */
export function highlightJson(text: string) {
    if (highlighter == null || chalk.level === 0 || text === "")
        return text;
    return highlighter(text);
}
