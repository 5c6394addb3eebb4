/** Below this width the side panel goes under the policy pane. */
export const WIDE_LAYOUT_MIN_COLUMNS = 100;

export interface Layout {
    columns: number;
    wide: boolean;
    /** Lines of the main area (pane + side panel, or an overlay). */
    mainHeight: number;
    paneWidth: number;
    /** Pane lines including its header line. */
    paneHeight: number;
    sideWidth: number;
    sideHeight: number;
}

/** Status, flash, input and hint lines around the main area. */
const CHROME_LINES = 4;

/**
 * Splits the terminal so that the live area is always at least one line shorter than the terminal:
 * Ink 6.8 reprints the whole screen on every frame once its live output reaches the terminal's height.
 */
export function computeLayout(columns: number, rows: number): Layout {
    const mainHeight = Math.max(2, rows - 1 - CHROME_LINES);
    if (columns >= WIDE_LAYOUT_MIN_COLUMNS) {
        const sideWidth = Math.min(64, Math.max(36, Math.floor(columns * 0.38)));
        return {columns, wide: true, mainHeight, paneWidth: columns - sideWidth, paneHeight: mainHeight, sideWidth, sideHeight: mainHeight};
    }
    const paneHeight = Math.max(1, Math.ceil(mainHeight * 0.6));
    return {columns, wide: false, mainHeight, paneWidth: columns, paneHeight, sideWidth: columns, sideHeight: mainHeight - paneHeight};
}

/** The first visible line of `total` lines in a window of `height`: the tail while following, else the clamped offset. */
export function scrollWindow(total: number, height: number, scroll: number | null, followTail: boolean) {
    const max = Math.max(0, total - height);
    const first = scroll == null ? (followTail ? max : 0) : Math.min(scroll, max);
    return {first, max};
}
