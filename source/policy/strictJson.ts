import {childPath} from "./jsonPath.js";

/** A key the text has that its parsed value does not faithfully hold. */
export interface JsonKeyProblem {
    kind: "duplicate" | "prototype";
    key: string;
    /** JSON path of the key, e.g. `$.Statement[0].Effect`. */
    path: string;
}

export interface StrictJson {
    value: unknown;
    problems: JsonKeyProblem[];
}

export class JsonSyntaxError extends Error {
    constructor(message: string, readonly position: number) {
        super(message);
        this.name = "JsonSyntaxError";
    }
}

/** A policy is six levels deep; anything far deeper is not one, and deeper values overflow recursive code (JSON.stringify included). */
export const MAX_JSON_DEPTH = 64;

/** Keys that would reach an object's prototype when assigned: reported, never put in the value. */
const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

interface Frame {
    container: Record<string, unknown> | unknown[];
    path: string;
    /** The key whose value comes next, for objects; undefined when the next value is dropped. */
    key?: string;
    keys?: Set<string>;
    drop?: boolean;
}

/**
 * Parses JSON as JSON.parse does, but sees what JSON.parse hides: duplicate keys (the last value is
 * kept, as JSON.parse keeps it, and AWS rejects the policy) and prototype keys (`__proto__`, `constructor`,
 * `prototype`, left out of the value). Iterative, and nesting is bounded: no input overflows the stack.
 */
export function parseJsonStrict(text: string): StrictJson {
    const scanner = new Scanner(text);
    const problems: JsonKeyProblem[] = [];
    const stack: Frame[] = [];
    let result: unknown;
    scanner.skipSpace();
    for (;;) {
        let value: unknown;
        let opened = false;
        const char = scanner.peek();
        if (char === "{" || char === "[") {
            scanner.position++;
            if (stack.length >= MAX_JSON_DEPTH)
                throw new JsonSyntaxError(`nested deeper than ${MAX_JSON_DEPTH} levels at position ${scanner.position - 1}`, scanner.position - 1);
            const parent = stack.at(-1);
            const path = parent == null ? "$" : Array.isArray(parent.container) ? childPath(parent.path, parent.container.length) : childPath(parent.path, parent.key ?? "");
            stack.push(char === "{" ? {container: {}, path, keys: new Set()} : {container: [], path});
            opened = true;
            scanner.skipSpace();
            if (scanner.peek() === (char === "{" ? "}" : "]")) {
                scanner.position++;
                value = stack.pop()!.container;
                opened = false;
            } else if (char === "{") {
                readKey(scanner, stack.at(-1)!, problems);
            }
        } else {
            value = scanner.scalar();
        }
        if (opened)
            continue;
        // Place the finished value, then close every container that ends here.
        for (;;) {
            const frame = stack.at(-1);
            if (frame == null) {
                result = value;
                break;
            }
            if (Array.isArray(frame.container))
                frame.container.push(value);
            else if (!frame.drop)
                frame.container[frame.key!] = value;
            scanner.skipSpace();
            const next = scanner.next();
            if (next === ",") {
                scanner.skipSpace();
                if (!(Array.isArray(frame.container)))
                    readKey(scanner, frame, problems);
                break;
            }
            if (next !== (Array.isArray(frame.container) ? "]" : "}"))
                throw scanner.unexpected(next, -1);
            value = stack.pop()!.container;
        }
        if (stack.length === 0)
            break;
    }
    scanner.skipSpace();
    if (scanner.position < text.length)
        throw scanner.unexpected(scanner.peek(), 0);
    return {value: result, problems};
}

function readKey(scanner: Scanner, frame: Frame, problems: JsonKeyProblem[]) {
    if (scanner.peek() !== "\"")
        throw scanner.unexpected(scanner.peek(), 0, "a key in double quotes");
    const key = scanner.string();
    scanner.skipSpace();
    if (scanner.next() !== ":")
        throw scanner.unexpected(scanner.peek(-1), -1, "\":\"");
    scanner.skipSpace();
    const path = childPath(frame.path, key);
    frame.key = key;
    frame.drop = PROTOTYPE_KEYS.has(key);
    if (frame.drop)
        problems.push({kind: "prototype", key, path});
    else if (frame.keys!.has(key))
        problems.push({kind: "duplicate", key, path});
    frame.keys!.add(key);
}

const ESCAPES: Record<string, string> = {"\"": "\"", "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t"};
const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

class Scanner {
    position = 0;

    constructor(private readonly text: string) {}

    peek(offset = 0): string {
        return this.text.charAt(this.position + offset);
    }

    next(): string {
        return this.text.charAt(this.position++);
    }

    skipSpace() {
        for (let code = this.text.charCodeAt(this.position); code === 32 || code === 10 || code === 13 || code === 9; code = this.text.charCodeAt(++this.position))
            ;
    }

    scalar(): unknown {
        const char = this.peek();
        if (char === "\"")
            return this.string();
        for (const [word, value] of [["true", true], ["false", false], ["null", null]] as const) {
            if (this.text.startsWith(word, this.position)) {
                this.position += word.length;
                return value;
            }
        }
        NUMBER.lastIndex = this.position;
        const match = NUMBER.exec(this.text);
        if (match == null)
            throw this.unexpected(char, 0, "a value");
        this.position += match[0].length;
        return Number(match[0]);
    }

    /** A string at the current `"`, escapes decoded; raw control characters are errors, as in JSON.parse. */
    string(): string {
        let result = "";
        let start = ++this.position;
        for (;;) {
            const code = this.text.charCodeAt(this.position);
            if (Number.isNaN(code))
                throw new JsonSyntaxError(`unterminated string at position ${start - 1}`, start - 1);
            if (code < 0x20)
                throw this.unexpected(this.text.charAt(this.position), 0, "a character (control characters must be escaped)");
            if (code === 0x22) {
                result += this.text.slice(start, this.position++);
                return result;
            }
            if (code !== 0x5c) {
                this.position++;
                continue;
            }
            result += this.text.slice(start, this.position);
            const escape = this.text.charAt(this.position + 1);
            if (escape === "u" && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.position + 2, this.position + 6))) {
                result += String.fromCharCode(parseInt(this.text.slice(this.position + 2, this.position + 6), 16));
                this.position += 6;
            } else if (ESCAPES[escape] != null) {
                result += ESCAPES[escape];
                this.position += 2;
            } else {
                throw this.unexpected(escape, 1, "an escape (\\n, \\\", \\u0041, ...)");
            }
            start = this.position;
        }
    }

    unexpected(char: string, offset: number, expected?: string): JsonSyntaxError {
        const at = this.position + offset;
        const what = char === "" ? "end of input" : `${JSON.stringify(char)}`;
        return new JsonSyntaxError(`unexpected ${what} at position ${at}${expected != null ? `, expected ${expected}` : ""}`, at);
    }
}
