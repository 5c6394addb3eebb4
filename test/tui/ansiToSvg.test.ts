import {describe, expect, it} from "vitest";
import {ansiToSvg, parseAnsi, THEME, xterm256} from "./screenshots/ansiToSvg.js";

describe("ansiToSvg", () => {
    it("splits lines into runs with their colours and attributes", () => {
        const [line] = parseAnsi("\u001b[1mPolicy\u001b[22m \u001b[0;32m✔ valid\u001b[0m \u001b[7m bar \u001b[27m\u001b[38;5;196mred\u001b[39m");
        expect(line).toEqual([
            expect.objectContaining({text: "Policy", bold: true, fg: THEME.foreground}),
            expect.objectContaining({text: " ", bold: false}),
            expect.objectContaining({text: "✔ valid", fg: THEME.ansi[2]}),
            expect.objectContaining({text: " "}),
            expect.objectContaining({text: " bar ", fg: THEME.background, bg: THEME.foreground}),
            expect.objectContaining({text: "red", fg: xterm256(196)})
        ]);
    });

    it("places text on the character grid and escapes it", () => {
        const svg = ansiToSvg("ab\u001b[31m<c>\u001b[0m\n", {columns: 10, rows: 2, fontSize: 10});
        expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
        expect(svg).toContain(`<text x="12.0" y="49" fill="${THEME.foreground}" textLength="12.0" lengthAdjust="spacingAndGlyphs">ab</text>`);
        expect(svg).toContain(`<text x="24.0" y="49" fill="${THEME.ansi[1]}" textLength="18.1" lengthAdjust="spacingAndGlyphs">&lt;c&gt;</text>`);
    });
});
