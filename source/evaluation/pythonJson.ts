/**
 * `json.loads` as the Python prototype called it, so that its "JSON valid" and "JSON extracted" rates
 * come out the same here. It is standard JSON with two differences from `JSON.parse`: the literals
 * `NaN`, `Infinity` and `-Infinity` are accepted, and only space, tab, CR and LF count as whitespace
 * (as in `JSON.parse`). Control characters inside strings are rejected (Python's `strict=True`).
 */
export function parsePythonJson(text: string): {ok: true, value: unknown} | {ok: false} {
    try {
        const parser = new PythonJsonParser(text);
        const value = parser.document();
        return {ok: true, value};
    } catch (error) {
        if (error instanceof PythonJsonSyntaxError)
            return {ok: false};
        throw error;
    }
}

class PythonJsonSyntaxError extends Error {}

const escapes: Record<string, string> = {"\"": "\"", "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t"};
const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;

class PythonJsonParser {
    private position = 0;

    constructor(private readonly text: string) {}

    document(): unknown {
        this.skipWhitespace();
        const value = this.value();
        this.skipWhitespace();
        if (this.position !== this.text.length)
            this.fail();
        return value;
    }

    private value(): unknown {
        const char = this.text[this.position];
        if (char === "{")
            return this.object();
        if (char === "[")
            return this.array();
        if (char === "\"")
            return this.string();
        for (const [literal, value] of literals) {
            if (this.text.startsWith(literal, this.position)) {
                this.position += literal.length;
                return value;
            }
        }
        numberPattern.lastIndex = this.position;
        const match = numberPattern.exec(this.text);
        if (match == null)
            this.fail();
        this.position += match[0].length;
        return Number(match[0]);
    }

    private object(): Record<string, unknown> {
        const object: Record<string, unknown> = {};
        this.position++;
        this.skipWhitespace();
        if (this.text[this.position] === "}") {
            this.position++;
            return object;
        }
        for (;;) {
            if (this.text[this.position] !== "\"")
                this.fail();
            const key = this.string();
            this.skipWhitespace();
            this.expect(":");
            this.skipWhitespace();
            // defineProperty, so that a "__proto__" key is data as it is for JSON.parse.
            Object.defineProperty(object, key, {value: this.value(), enumerable: true, writable: true, configurable: true});
            this.skipWhitespace();
            if (this.text[this.position] === "}") {
                this.position++;
                return object;
            }
            this.expect(",");
            this.skipWhitespace();
        }
    }

    private array(): unknown[] {
        const array: unknown[] = [];
        this.position++;
        this.skipWhitespace();
        if (this.text[this.position] === "]") {
            this.position++;
            return array;
        }
        for (;;) {
            array.push(this.value());
            this.skipWhitespace();
            if (this.text[this.position] === "]") {
                this.position++;
                return array;
            }
            this.expect(",");
            this.skipWhitespace();
        }
    }

    private string(): string {
        this.position++;
        let result = "";
        for (;;) {
            const char = this.text[this.position];
            if (char == null || char < " ")
                this.fail();
            this.position++;
            if (char === "\"")
                return result;
            if (char !== "\\") {
                result += char;
                continue;
            }
            const escape = this.text[this.position];
            if (escape === "u") {
                const hex = this.text.slice(this.position + 1, this.position + 5);
                if (!/^[0-9a-fA-F]{4}$/.test(hex))
                    this.fail();
                result += String.fromCharCode(parseInt(hex, 16));
                this.position += 5;
            } else if (escape != null && Object.hasOwn(escapes, escape)) {
                result += escapes[escape];
                this.position++;
            } else
                this.fail();
        }
    }

    private skipWhitespace() {
        while (this.position < this.text.length && " \t\n\r".includes(this.text[this.position]!))
            this.position++;
    }

    private expect(char: string) {
        if (this.text[this.position] !== char)
            this.fail();
        this.position++;
    }

    private fail(): never {
        throw new PythonJsonSyntaxError(`invalid JSON at ${this.position}`);
    }
}

const literals: ReadonlyArray<[string, unknown]> = [
    ["null", null], ["true", true], ["false", false], ["NaN", NaN], ["Infinity", Infinity], ["-Infinity", -Infinity]
];
