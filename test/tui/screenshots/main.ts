// Screenshots of a real iam-gen-tui session for the README: `npm run build && npx tsx test/tui/screenshots/main.ts`.
// Drives the built binary in tmux, captures the screen with its colours, and renders it to PNG.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {Resvg} from "@resvg/resvg-js";
import {TmuxSession} from "../TmuxSession.js";
import {ansiToSvg} from "./ansiToSvg.js";

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const REQUEST = "Allow a Lambda function to read from DynamoDB table users and write logs to CloudWatch";
const FOLLOW_UP = "restrict it to us-east-1";

export async function screenshot(columns: number, rows: number) {
    const workDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "iam-gen-screenshot-"));
    const session = TmuxSession.start({
        command: [process.execPath, path.join(packageRoot, "dist", "tui", "main.js")],
        columns,
        rows,
        cwd: workDirectory,
        env: {IAM_GEN_CONFIG_DIR: path.join(workDirectory, "config"), COLORTERM: "truecolor"}
    });
    try {
        await session.waitFor((screen) => screen.includes("catalog engine"), "the engine", 60_000);
        session.type(REQUEST);
        session.keys("Enter");
        await session.waitFor((screen) => screen.includes("revision 1/1"), "the policy", 60_000);
        session.type(FOLLOW_UP);
        session.keys("Enter");
        await session.waitFor((screen) => screen.includes("revision 2/2"), "the refined policy", 60_000);
        // Let the last frame settle before capturing it.
        await new Promise((resolve) => setTimeout(resolve, 500));
        const screen = session.capture({escapes: true});
        const svg = ansiToSvg(screen, {columns, rows, title: `iam-gen-tui — ${columns}×${rows}`});
        const png = new Resvg(svg, {font: {loadSystemFonts: true, defaultFontFamily: "DejaVu Sans Mono"}, fitTo: {mode: "zoom", value: 1.5}}).render().asPng();
        const file = path.join(packageRoot, "media", `tui-${columns}x${rows}.png`);
        fs.mkdirSync(path.dirname(file), {recursive: true});
        fs.writeFileSync(file, png);
        console.log(`wrote ${path.relative(packageRoot, file)} (${png.length} bytes)`);
    } finally {
        session.kill();
        fs.rmSync(workDirectory, {recursive: true, force: true});
    }
}

/** The README's two screenshots. */
export async function writeScreenshots() {
    await screenshot(80, 24);
    await screenshot(160, 48);
}

if (process.argv[1] === fileURLToPath(import.meta.url))
    await writeScreenshots();
