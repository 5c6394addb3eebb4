/**
 * A reader for the part of HCL (Terraform's language) that a policy file uses: blocks, attributes,
 * strings with `${…}` interpolations, numbers, booleans, references, lists and objects. Function
 * calls, heredocs and operators are refused with the line they are on, never guessed at.
 */

/** A string's pieces: literal text, and the expressions of its `${…}` interpolations as written. */
export type HclTemplate = ({text: string} | {interpolation: string})[];

export type HclValue =
    | {kind: "string"; parts: HclTemplate; line: number}
    | {kind: "number" | "reference"; text: string; line: number}
    | {kind: "list"; items: HclValue[]; line: number}
    | {kind: "object"; entries: [string, HclValue][]; line: number};

export interface HclBlock {
    type: string;
    labels: string[];
    body: HclBody;
    line: number;
}

export interface HclBody {
    attributes: Map<string, HclValue>;
    blocks: HclBlock[];
}

import {ImportError} from "./importErrors.js";

type Token =
    | {kind: "word" | "number" | "punctuation"; text: string; line: number}
    | {kind: "string"; parts: HclTemplate; line: number};

export function parseHcl(text: string): HclBody {
    const parser = new Parser(tokenize(text));
    const body = parser.body();
    parser.expectEnd();
    return body;
}

function tokenize(text: string): Token[] {
    const tokens: Token[] = [];
    let line = 1;
    let index = 0;
    while (index < text.length) {
        const character = text[index]!;
        if (character === "\n") {
            line++;
            index++;
        } else if (/\s/.test(character)) {
            index++;
        } else if (character === "#" || text.startsWith("//", index)) {
            index = lineEnd(text, index);
        } else if (text.startsWith("/*", index)) {
            const end = text.indexOf("*/", index + 2);
            if (end < 0)
                throw new ImportError(`line ${line}: a /* comment is never closed`);
            line += countLines(text.slice(index, end));
            index = end + 2;
        } else if (text.startsWith("<<", index)) {
            throw new ImportError(`line ${line}: heredoc strings are not read; write the values as quoted strings`);
        } else if (character === "\"") {
            const {parts, end} = readString(text, index + 1, line);
            tokens.push({kind: "string", parts, line});
            index = end;
        } else if ("={}[],:".includes(character)) {
            tokens.push({kind: "punctuation", text: character, line});
            index++;
        } else {
            const match = /^(-?\d+(\.\d+)?([eE][-+]?\d+)?)|^[A-Za-z_][\w.\-*]*(\[\d+\][\w.\-*]*)*/.exec(text.slice(index, index + 1000));
            if (match == null)
                throw new ImportError(`line ${line}: unexpected "${character}"`);
            tokens.push({kind: match[1] != null ? "number" : "word", text: match[0], line});
            index += match[0].length;
        }
    }
    return tokens;
}

function lineEnd(text: string, from: number) {
    const end = text.indexOf("\n", from);
    return end < 0 ? text.length : end;
}

function countLines(text: string) {
    return text.split("\n").length - 1;
}

const ESCAPES: Record<string, string> = {"n": "\n", "r": "\r", "t": "\t", "\"": "\"", "\\": "\\"};

/** A quoted string from after its opening quote: `$${` and `%%{` are literal, `${…}` an interpolation. */
function readString(text: string, from: number, line: number): {parts: HclTemplate; end: number} {
    const parts: HclTemplate = [];
    let literal = "";
    let index = from;
    while (index < text.length) {
        const character = text[index]!;
        if (character === "\"") {
            if (literal !== "")
                parts.push({text: literal});
            return {parts, end: index + 1};
        }
        if (character === "\n")
            break;
        if (character === "\\") {
            const next = text[index + 1] ?? "";
            if (next === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6))) {
                literal += String.fromCharCode(parseInt(text.slice(index + 2, index + 6), 16));
                index += 6;
                continue;
            }
            if (ESCAPES[next] == null)
                throw new ImportError(`line ${line}: unknown escape \\${next} in a string`);
            literal += ESCAPES[next];
            index += 2;
        } else if (text.startsWith("$${", index) || text.startsWith("%%{", index)) {
            literal += `${character}{`;
            index += 3;
        } else if (text.startsWith("${", index) || text.startsWith("%{", index)) {
            if (character === "%")
                throw new ImportError(`line ${line}: template directives (%{…}) are not read`);
            const end = text.indexOf("}", index);
            if (end < 0)
                throw new ImportError(`line ${line}: an interpolation is never closed`);
            if (literal !== "")
                parts.push({text: literal});
            literal = "";
            parts.push({interpolation: text.slice(index + 2, end).trim()});
            index = end + 1;
        } else {
            literal += character;
            index++;
        }
    }
    throw new ImportError(`line ${line}: a string is never closed`);
}

/** A policy document is three blocks deep; far deeper is not one, and would overflow the recursion. */
const MAX_DEPTH = 32;

class Parser {
    private index = 0;
    private depth = 0;

    constructor(private readonly tokens: Token[]) {}

    body(closing?: string): HclBody {
        const body: HclBody = {attributes: new Map(), blocks: []};
        for (;;) {
            const token = this.tokens[this.index];
            if (token == null || (closing != null && token.kind === "punctuation" && token.text === closing))
                return body;
            if (token.kind !== "word")
                throw new ImportError(`line ${token.line}: expected a name, found ${describe(token)}`);
            this.index++;
            const next = this.peek();
            if (next?.kind === "punctuation" && next.text === "=") {
                this.index++;
                if (body.attributes.has(token.text))
                    throw new ImportError(`line ${token.line}: "${token.text}" is set twice`);
                body.attributes.set(token.text, this.value());
            } else {
                body.blocks.push(this.block(token.text, token.line));
            }
        }
    }

    expectEnd() {
        const token = this.peek();
        if (token != null)
            throw new ImportError(`line ${token.line}: unexpected ${describe(token)}`);
    }

    private block(type: string, line: number): HclBlock {
        if (++this.depth > MAX_DEPTH)
            throw new ImportError(`line ${line}: blocks nested deeper than ${MAX_DEPTH}`);
        const labels: string[] = [];
        for (let token = this.peek(); token != null && (token.kind === "string" || token.kind === "word"); token = this.peek()) {
            labels.push(token.kind === "string" ? literalText(token.parts, token.line) : token.text);
            this.index++;
        }
        this.expect("{");
        const body = this.body("}");
        this.expect("}");
        this.depth--;
        return {type, labels, body, line};
    }

    private value(): HclValue {
        const token = this.tokens[this.index++];
        if (token == null)
            throw new ImportError("the file ends where a value was expected");
        if (token.kind === "string")
            return {kind: "string", parts: token.parts, line: token.line};
        if (token.kind === "number")
            return {kind: "number", text: token.text, line: token.line};
        if (token.kind === "word") {
            if (this.peek()?.kind === "punctuation" || this.peek() == null || this.peek()?.line !== token.line)
                return {kind: "reference", text: token.text, line: token.line};
            throw new ImportError(`line ${token.line}: expressions other than values and references are not read (after ${token.text})`);
        }
        if ((token.text === "[" || token.text === "{") && ++this.depth > MAX_DEPTH)
            throw new ImportError(`line ${token.line}: values nested deeper than ${MAX_DEPTH}`);
        if (token.text === "[")
            return {kind: "list", items: this.nested(this.sequence("]", () => this.value())), line: token.line};
        if (token.text === "{")
            return {kind: "object", entries: this.nested(this.sequence("}", () => this.entry())), line: token.line};
        throw new ImportError(`line ${token.line}: unexpected ${describe(token)}`);
    }

    /** Leaves a nested list or object. */
    private nested<T>(value: T): T {
        this.depth--;
        return value;
    }

    private entry(): [string, HclValue] {
        const key = this.tokens[this.index++];
        if (key == null || (key.kind !== "word" && key.kind !== "string"))
            throw new ImportError(`line ${key?.line ?? "?"}: expected an object key`);
        const separator = this.tokens[this.index++];
        if (separator?.kind !== "punctuation" || (separator.text !== "=" && separator.text !== ":"))
            throw new ImportError(`line ${key.line}: expected = after an object key`);
        return [key.kind === "string" ? literalText(key.parts, key.line) : key.text, this.value()];
    }

    private sequence<T>(closing: string, item: () => T): T[] {
        const items: T[] = [];
        for (;;) {
            const token = this.peek();
            if (token?.kind === "punctuation" && token.text === closing) {
                this.index++;
                return items;
            }
            items.push(item());
            const after = this.peek();
            if (after?.kind === "punctuation" && after.text === ",")
                this.index++;
            else if (!(after?.kind === "punctuation" && after.text === closing) && closing === "]")
                throw new ImportError(`line ${after?.line ?? "?"}: expected , or ] in a list`);
        }
    }

    private expect(text: string) {
        const token = this.tokens[this.index++];
        if (token?.kind !== "punctuation" || token.text !== text)
            throw new ImportError(`line ${token?.line ?? "end"}: expected ${text}${token != null ? `, found ${describe(token)}` : ""}`);
    }

    private peek(): Token | undefined {
        return this.tokens[this.index];
    }
}

function literalText(parts: HclTemplate, line: number): string {
    if (parts.some((part) => "interpolation" in part))
        throw new ImportError(`line ${line}: a label cannot hold an interpolation`);
    return parts.map((part) => "text" in part ? part.text : "").join("");
}

function describe(token: Token) {
    return token.kind === "string" ? "a string" : `"${token.text}"`;
}
