import {describe, expect, it} from "vitest";
import {validateBytes} from "../../source/cli/commands/validate.js";
import {requestProblem} from "../../source/cli/requestText.js";
import {PolicyGenerator} from "../../source/generator/PolicyGenerator.js";
import {runCli} from "../cli/runCli.js";
import {Random} from "./random.js";

/** The reproductions that the other test files do not already run, in the issue's own words. */
describe("reproductions", () => {
    it("request text is never read as a regular expression", {timeout: 20_000}, async () => {
        const generator = await PolicyGenerator.create({engine: "catalog"});
        await generator.generate("Allow reading the secret prod/db"); // loads what the first request loads
        for (const request of ["Allow reading the a(b/c secret", "Allow reading the x|(.*){20}q/c secret"]) {
            const started = performance.now();
            await expect(generator.generate(request)).resolves.toBeDefined();
            expect(performance.now() - started).toBeLessThan(2000);
        }
    });

    it("none of 12 random 100 KB binary blobs is read as a request", () => {
        const random = new Random(12);
        for (let blob = 0; blob < 12; blob++)
            expect(requestProblem(new TextDecoder().decode(random.bytes(100_000)))).toBeDefined();
    });

    it("validate takes 20,000 ARNs (489 KB) in seconds, not 48 s", () => {
        const resources = Array.from({length: 20_000}, (_, index) => `arn:aws:s3:::bucket-${index}/*`);
        const bytes = Buffer.from(JSON.stringify({Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "s3:GetObject", Resource: resources}]}));
        const started = performance.now();
        expect(validateBytes(bytes, "many.json", {type: "managed"}).exitCode).toBe(1); // over the size quota
        expect(performance.now() - started).toBeLessThan(10_000);
    });

    it("a fast 200 KB pipe is read whole", () => {
        const resources = Array.from({length: 9000}, (_, index) => `arn:aws:s3:::b-${index}/*`);
        const text = JSON.stringify({Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "s3:GetObject", Resource: resources}]});
        expect(text.length).toBeGreaterThan(200_000);
        for (let run = 0; run < 3; run++) {
            const result = runCli(["validate", "-", "--json"], text);
            expect(result.stderr).toBe("");
            expect((JSON.parse(result.stdout) as {size: {characters: number}}).size.characters).toBeGreaterThan(200_000);
        }
    });
});
