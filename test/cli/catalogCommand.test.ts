import {describe, expect, it} from "vitest";
import {runCli} from "./runCli.js";

describe("iam-gen catalog <service>", () => {
    it("suggests the service a mistyped prefix means", () => {
        const result = runCli(["catalog", "s4"]);
        expect(result.status).toBe(2);
        expect(result.stderr).toContain("did you mean s3?");
    });

    it("keeps the resource column aligned whatever the length of the action names", () => {
        const rows = runCli(["catalog", "ec2"]).stdout.split("\n").filter((line) => /^ {2}\S+ {2,}\S/.test(line));
        expect(rows.length).toBeGreaterThan(500);
        const columns = new Set(rows.map((row) => /^ {2}\S+ +/.exec(row)![0].length));
        expect([...columns]).toHaveLength(1);
    });
});
