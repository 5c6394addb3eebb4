import {type Random} from "./random.js";
import {followUpText, requestText} from "./requestInputs.js";
import {settingsChange} from "./settingsInputs.js";

const ESC = "\u001b";
/** Keys as a terminal sends them: arrows, PgUp/PgDn, Home/End, Esc, Backspace, Tab and the Ctrl keys the TUI reads. */
const KEYS = [
    `${ESC}[A`, `${ESC}[B`, `${ESC}[C`, `${ESC}[D`, `${ESC}[5~`, `${ESC}[6~`, `${ESC}[H`, `${ESC}[F`, ESC, "\u007f", "\b", "\t",
    "\u0001", "\u0005", "\u0017", "\u0015", "\u000c", "\u0013", "\u0003", `${ESC}[3~`, `${ESC}[1;5C`, `${ESC}OA`
];
const PASTE_START = `${ESC}[200~`;
const PASTE_END = `${ESC}[201~`;
/** Arguments that broke or could break a command: places that cannot be written, junk, escapes, huge text. */
const ARGUMENTS = [
    "", "on", "off", "catalog", "llama", "1", "-1", "99999", "/proc/nope/x.json", "/sys/x.json", ".", "a-file/x.json", "~", "models/missing.gguf",
    "s3:GetObject", "s3:GetObject arn:aws:s3:::reports/x", "s3:* region=us-east-1", `${ESC}]0;renamed\u0007`, "\u009b2J", "x".repeat(3000), "../../../../etc/passwd"
];
/** The commands a person types, and a few that do not exist. */
const COMMANDS = [
    "/new", "/undo", "/redo", "/history", "/diff", "/rag", "/companions", "/compare", "/save", "/validate", "/test", "/explain", "/engine",
    "/model", "/copy", "/settings", "/help", "/quit", "/", "/nope", "//", "/NEW", "/save  "
];

function command(random: Random): string {
    const name = random.pick(COMMANDS);
    if (name === "/settings") {
        const [key, value] = settingsChange(random);
        return `/settings ${key} ${value}`;
    }
    return `${name} ${random.pick(ARGUMENTS)}`.trimEnd();
}

/** Any characters, controls (C0, DEL, C1) and escapes included: what a stray key or a binary paste sends. */
function rawCharacters(random: Random, length: number): string {
    return Array.from({length}, () => random.chance(0.3) ? String.fromCharCode(random.below(0xa0)) : String.fromCodePoint(random.below(0x2fff))).join("");
}

/**
 * What reaches the TUI in one read of the terminal: a typed line (Enter is CR), several lines with
 * no pause between them, a command with a hostile argument, keys, a bracketed paste (sometimes never
 * closed, or holding controls), a y/n answer, or raw characters.
 */
export function tuiInput(random: Random): string {
    switch (random.below(10)) {
        case 0:
        case 1: return `${random.chance(0.5) ? requestText(random) : followUpText(random)}\r`;
        case 2: return `${Array.from({length: 1 + random.below(5)}, () => random.chance(0.5) ? command(random) : followUpText(random)).join("\r")}\r`;
        case 3:
        case 4: return `${command(random)}\r`;
        case 5: return Array.from({length: 1 + random.below(6)}, () => random.pick(KEYS)).join("");
        case 6: return `${PASTE_START}${requestText(random).replace(/\n/g, "\r")}\r${rawCharacters(random, random.below(20))}${random.chance(0.8) ? PASTE_END : ""}${random.chance(0.5) ? "\r" : ""}`;
        case 7: return random.pick(["y", "n", "Y\r", "yes\r", "no\r", "\r"]);
        default: return rawCharacters(random, 1 + random.below(40));
    }
}
