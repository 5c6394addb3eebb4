/** Terminal text with ANSI colours (tmux `capture-pane -e`) drawn as SVG text on a character grid. */

export interface Cell {
    text: string;
    fg: string;
    bg: string | null;
    bold: boolean;
    dim: boolean;
    italic: boolean;
    underline: boolean;
}

interface Style {
    fg: string | null;
    bg: string | null;
    bold: boolean;
    dim: boolean;
    italic: boolean;
    underline: boolean;
    inverse: boolean;
}

export const THEME = {
    background: "#1b1d23",
    foreground: "#d7dae0",
    // The 16 ANSI colours (a muted dark palette).
    ansi: [
        "#3f4451", "#e06c75", "#98c379", "#e5c07b", "#61afef", "#c678dd", "#56b6c2", "#d7dae0",
        "#6b7280", "#ff7b86", "#b5e890", "#ffd68a", "#82c4ff", "#dc8ef0", "#6fd3e0", "#ffffff"
    ]
};

const PLAIN: Style = {fg: null, bg: null, bold: false, dim: false, italic: false, underline: false, inverse: false};

/** Splits each line into runs of one style. */
export function parseAnsi(text: string): Cell[][] {
    return text.replace(/\n$/, "").split("\n").map((line) => {
        const cells: Cell[] = [];
        let style = {...PLAIN};
        // eslint-disable-next-line no-control-regex
        const pattern = /\u001b\[([0-9;:]*)m|\u001b\[[0-9;?]*[A-Za-z]|([^\u001b]+)/g;
        for (const match of line.matchAll(pattern)) {
            if (match[2] != null)
                cells.push(cellOf(match[2], style));
            else if (match[1] != null)
                style = applySgr(style, match[1]);
        }
        return cells;
    });
}

function cellOf(text: string, style: Style): Cell {
    const fg = style.fg ?? THEME.foreground;
    const bg = style.bg;
    return {
        text,
        fg: style.inverse ? bg ?? THEME.background : fg,
        bg: style.inverse ? fg : bg,
        bold: style.bold,
        dim: style.dim,
        italic: style.italic,
        underline: style.underline
    };
}

function applySgr(style: Style, parameters: string): Style {
    const codes = parameters === "" ? [0] : parameters.split(/[;:]/).map(Number);
    const next = {...style};
    for (let index = 0; index < codes.length; index++) {
        const code = codes[index]!;
        if (code === 0)
            Object.assign(next, PLAIN);
        else if (code === 1)
            next.bold = true;
        else if (code === 2)
            next.dim = true;
        else if (code === 3)
            next.italic = true;
        else if (code === 4)
            next.underline = true;
        else if (code === 7)
            next.inverse = true;
        else if (code === 22)
            next.bold = next.dim = false;
        else if (code === 23)
            next.italic = false;
        else if (code === 24)
            next.underline = false;
        else if (code === 27)
            next.inverse = false;
        else if (code >= 30 && code <= 37)
            next.fg = THEME.ansi[code - 30]!;
        else if (code >= 90 && code <= 97)
            next.fg = THEME.ansi[code - 90 + 8]!;
        else if (code === 39)
            next.fg = null;
        else if (code >= 40 && code <= 47)
            next.bg = THEME.ansi[code - 40]!;
        else if (code >= 100 && code <= 107)
            next.bg = THEME.ansi[code - 100 + 8]!;
        else if (code === 49)
            next.bg = null;
        else if ((code === 38 || code === 48) && codes[index + 1] === 5) {
            const colour = xterm256(codes[index + 2] ?? 0);
            if (code === 38)
                next.fg = colour;
            else
                next.bg = colour;
            index += 2;
        } else if ((code === 38 || code === 48) && codes[index + 1] === 2) {
            const colour = `rgb(${codes[index + 2] ?? 0},${codes[index + 3] ?? 0},${codes[index + 4] ?? 0})`;
            if (code === 38)
                next.fg = colour;
            else
                next.bg = colour;
            index += 4;
        }
    }
    return next;
}

export function xterm256(index: number): string {
    if (index < 16)
        return THEME.ansi[index]!;
    if (index >= 232) {
        const level = 8 + (index - 232) * 10;
        return `rgb(${level},${level},${level})`;
    }
    const cube = index - 16;
    const component = (value: number) => (value === 0 ? 0 : 55 + value * 40);
    return `rgb(${component(Math.floor(cube / 36))},${component(Math.floor(cube / 6) % 6)},${component(cube % 6)})`;
}

export interface SvgOptions {
    columns: number;
    rows: number;
    fontSize?: number;
    fontFamily?: string;
    title?: string;
}

/** The screen as an SVG: a window frame, then every run of text placed on the character grid. */
export function ansiToSvg(text: string, {columns, rows, fontSize = 14, fontFamily = "DejaVu Sans Mono", title}: SvgOptions): string {
    const cellWidth = fontSize * 0.602;
    const lineHeight = Math.round(fontSize * 1.3);
    const padding = 12;
    const titleBar = 28;
    const width = Math.ceil(columns * cellWidth + padding * 2);
    const height = titleBar + rows * lineHeight + padding * 2;
    const parts: string[] = [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
        `<rect width="${width}" height="${height}" rx="8" fill="${THEME.background}"/>`,
        `<rect width="${width}" height="${titleBar}" rx="8" fill="#2a2d35"/>`,
        `<rect y="${titleBar - 8}" width="${width}" height="8" fill="#2a2d35"/>`,
        ...["#ff5f57", "#febc2e", "#28c840"].map((colour, index) => `<circle cx="${18 + index * 20}" cy="${titleBar / 2}" r="6" fill="${colour}"/>`),
        title == null ? "" : `<text x="${width / 2}" y="${titleBar / 2 + 5}" fill="#9aa0aa" font-family="${fontFamily}" font-size="13" text-anchor="middle">${escapeXml(title)}</text>`,
        `<g font-family="${fontFamily}" font-size="${fontSize}" xml:space="preserve">`
    ];
    parseAnsi(text).slice(0, rows).forEach((cells, row) => {
        const top = titleBar + padding + row * lineHeight;
        let column = 0;
        for (const cell of cells) {
            const characters = [...cell.text];
            const x = padding + column * cellWidth;
            if (cell.bg != null)
                parts.push(`<rect x="${x.toFixed(1)}" y="${top}" width="${(characters.length * cellWidth).toFixed(1)}" height="${lineHeight}" fill="${cell.bg}"/>`);
            if (cell.text.trim() !== "") {
                const attributes = [
                    `x="${x.toFixed(1)}"`, `y="${top + lineHeight - Math.round(fontSize * 0.35)}"`, `fill="${cell.fg}"`,
                    // The grid stays exact whatever the font's advance is.
                    `textLength="${(characters.length * cellWidth).toFixed(1)}"`, `lengthAdjust="spacingAndGlyphs"`,
                    cell.bold ? `font-weight="bold"` : "", cell.dim ? `opacity="0.6"` : "",
                    cell.italic ? `font-style="italic"` : "", cell.underline ? `text-decoration="underline"` : ""
                ].filter((attribute) => attribute !== "");
                parts.push(`<text ${attributes.join(" ")}>${escapeXml(cell.text)}</text>`);
            }
            column += characters.length;
        }
    });
    parts.push("</g>", "</svg>");
    return parts.join("\n");
}

function escapeXml(text: string) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
