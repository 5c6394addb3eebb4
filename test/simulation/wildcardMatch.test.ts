import {describe, expect, it} from "vitest";
import {compileWildcard, matchWildcard, wildcardMatch} from "../../source/catalog/wildcardMatch.js";

describe("wildcardMatch", () => {
    it("matches * as any run and ? as one character", () => {
        expect(wildcardMatch("s3:Get*", "s3:GetObject")).toBe(true);
        expect(wildcardMatch("s3:Get*", "s3:Get")).toBe(true);
        expect(wildcardMatch("s3:Get?bject", "s3:GetObject")).toBe(true);
        expect(wildcardMatch("s3:Get?", "s3:Get")).toBe(false);
        expect(wildcardMatch("*", "")).toBe(true);
        expect(wildcardMatch("", "")).toBe(true);
        expect(wildcardMatch("", "a")).toBe(false);
        expect(wildcardMatch("a*b*c", "aXbYbZc")).toBe(true);
        expect(wildcardMatch("a*b*c", "aXbYbZ")).toBe(false);
    });

    it("is case-sensitive unless asked (action names compare case-insensitively, ARNs do not)", () => {
        expect(wildcardMatch("s3:get*", "s3:GetObject")).toBe(false);
        expect(wildcardMatch("s3:get*", "s3:GetObject", true)).toBe(true);
    });

    it("treats regular-expression characters as plain text", () => {
        expect(wildcardMatch("a.b", "axb")).toBe(false);
        expect(wildcardMatch("a.b(c)[d]+", "a.b(c)[d]+")).toBe(true);
    });

    it("keeps * and ? of literal parts (a variable's value) as plain characters", () => {
        const pattern = compileWildcard([{text: "reports/", literal: false}, {text: "*", literal: true}, {text: "/*", literal: false}]);
        expect(matchWildcard(pattern, "reports/*/x")).toBe(true);
        expect(matchWildcard(pattern, "reports/alice/x")).toBe(false);
    });

    it("answers the fuzzer's pattern at once instead of backtracking exponentially", () => {
        const started = performance.now();
        const text = `s3:${"GetObject".repeat(2000)}`;
        expect(wildcardMatch("s3:*?*?*?*?*?*?*?!", text, true)).toBe(false);
        expect(wildcardMatch(`${"*a".repeat(200)}!`, "a".repeat(5000))).toBe(false);
        expect(performance.now() - started).toBeLessThan(500);
    });
});
