import {describe, expect, it} from "vitest";
import {retryAfterMs} from "../../source/llm/remote/ServerClient.js";

describe("retryAfterMs", () => {
    it("reads Retry-After in seconds or as an HTTP date, and retry-after-ms first", () => {
        expect(retryAfterMs(new Headers({"retry-after": "2"}))).toBe(2000);
        expect(retryAfterMs(new Headers({"retry-after": "0.5", "retry-after-ms": "120"}))).toBe(120);
        const inFiveSeconds = new Date(Date.now() + 5_000).toUTCString();
        expect(retryAfterMs(new Headers({"retry-after": inFiveSeconds}))).toBeGreaterThan(3_000);
        expect(retryAfterMs(new Headers({"retry-after": new Date(0).toUTCString()}))).toBe(0);
    });

    it("leaves the backoff to the client when the header is absent or unreadable", () => {
        expect(retryAfterMs(new Headers())).toBeUndefined();
        expect(retryAfterMs(new Headers({"retry-after": "soon"}))).toBeUndefined();
        expect(retryAfterMs(undefined)).toBeUndefined();
    });
});
