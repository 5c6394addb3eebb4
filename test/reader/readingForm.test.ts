import {describe, expect, expectTypeOf, test} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {composePolicy} from "../../source/engine/catalog/composePolicy.js";
import {retrieve} from "../../source/retrieval/index.js";
import type {RequestReading, RetrievalContext} from "../../source/retrieval/types.js";

const catalog = loadCatalog();

/** The reading of a request with every trace of its text replaced by a trap that fails the test when read. */
function textless(context: RetrievalContext): RequestReading {
    const {request: _request, frames: _frames, ...reading} = context;
    for (const field of ["request", "frames", "text", "prompt"])
        Object.defineProperty(reading, field, {get: () => { throw new Error(`the engine read ${field} of the request`); }, enumerable: false});
    return reading;
}

describe("the catalog engine composes from the typed reading alone", () => {
    test("its input type has no field for the request's text", () => {
        expectTypeOf<Parameters<typeof composePolicy>[0]>().toEqualTypeOf<RequestReading>();
        expectTypeOf<RequestReading>().not.toHaveProperty("request");
        expectTypeOf<RequestReading>().not.toHaveProperty("frames");
    });

    test.each([
        "Allow reading objects in S3 bucket reports and writing logs to CloudWatch Logs",
        "Deny all actions outside us-east-1 except IAM and CloudFront",
        "Allow S3 reads only over SSL. Deny any unencrypted requests.",
        "Allow full access to S3 except deleting buckets",
        "Let the QA team start and stop canaries"
    ])("%s: the same policy without the text", (request) => {
        const context = retrieve(request, {catalog});
        expect(composePolicy(textless(context), catalog)).toEqual(composePolicy(context, catalog));
    });
});
