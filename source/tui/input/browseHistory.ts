/** Where ↑/↓ are in the submitted lines: `index` null = not browsing; `draft` = what was typed before. */
export interface HistoryCursor {
    index: number | null;
    draft: string;
}

/** ↑/↓ through submitted lines; the text being typed is kept as the draft below the newest. */
export function browseHistory(lines: readonly string[], cursor: HistoryCursor, current: string, step: -1 | 1): string | undefined {
    if (lines.length === 0)
        return undefined;
    if (cursor.index == null) {
        if (step === 1)
            return undefined;
        cursor.draft = current;
        cursor.index = lines.length - 1;
        return lines[cursor.index];
    }
    const index = cursor.index + step;
    if (index < 0)
        return undefined;
    if (index >= lines.length) {
        cursor.index = null;
        return cursor.draft;
    }
    cursor.index = index;
    return lines[index];
}
