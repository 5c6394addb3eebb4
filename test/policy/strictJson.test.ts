import {describe, expect, it} from "vitest";
import {JsonSyntaxError, MAX_JSON_DEPTH, parseJsonStrict} from "../../source/policy/index.js";

describe("parseJsonStrict", () => {
    it("reads what JSON.parse reads, to the same value", () => {
        for (const text of ["{}", "[]", "0", "-1.5e3", "\"a\\u0041\\n\\\"\"", "true", "null", " {\"a\": [1, {\"b\": null}], \"c\": \"\"} ", "[[[]], {}]"])
            expect(parseJsonStrict(text)).toEqual({value: JSON.parse(text), problems: []});
    });

    it("rejects what JSON.parse rejects, with a position", () => {
        for (const text of ["", "{", "[1,]", "{\"a\":1,}", "01", "\"\u0001\"", "tru", "{\"a\":1}x", "\"\\x\"", "{a:1}", "'a'", "[1 2]"]) {
            expect(() => JSON.parse(text)).toThrow();
            expect(() => parseJsonStrict(text)).toThrow(JsonSyntaxError);
        }
    });

    it("reports a duplicate key and keeps the last value, as JSON.parse does", () => {
        const {value, problems} = parseJsonStrict("{\"Statement\": [{\"Effect\": \"Deny\", \"Action\": \"*\", \"Effect\": \"Allow\"}]}");
        expect(value).toEqual({Statement: [{Effect: "Allow", Action: "*"}]});
        expect(problems).toEqual([{kind: "duplicate", key: "Effect", path: "$.Statement[0].Effect"}]);
    });

    it("reports prototype keys and leaves them out of the value", () => {
        const {value, problems} = parseJsonStrict("{\"__proto__\": {\"Action\": \"*\"}, \"constructor\": 1, \"prototype\": 2, \"Resource\": \"*\"}");
        expect(value).toEqual({Resource: "*"});
        expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
        expect((value as {Action?: unknown}).Action).toBeUndefined();
        expect(problems.map((problem) => problem.kind)).toEqual(["prototype", "prototype", "prototype"]);
    });

    it("refuses nesting past its bound instead of overflowing the stack", () => {
        expect(() => parseJsonStrict(`${"[".repeat(10_000)}${"]".repeat(10_000)}`)).toThrow(/nested deeper/);
        expect(() => parseJsonStrict(`${"[".repeat(MAX_JSON_DEPTH)}${"]".repeat(MAX_JSON_DEPTH)}`)).not.toThrow();
    });

    it("reads a megabyte quickly", () => {
        const text = JSON.stringify({Statement: [{Effect: "Allow", Action: "s3:GetObject", Resource: Array.from({length: 20_000}, (_, index) => `arn:aws:s3:::bucket-${index}/*`)}]});
        const started = performance.now();
        parseJsonStrict(text);
        expect(performance.now() - started).toBeLessThan(1000);
    });
});
