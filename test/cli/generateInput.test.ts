import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import path from "node:path";
import {describe, expect, it} from "vitest";
import {requestProblem} from "../../source/cli/requestText.js";
import {policySize, type PolicyDocument} from "../../source/policy/index.js";
import {seededBytes} from "../fuzz/random.js";
import {runCli, runCliWithSlowPipe} from "./runCli.js";

const directory = mkdtempSync(path.join(tmpdir(), "iam-gen-generate-input-"));
/** Settings of their own: the user's configured model must not change these runs. */
const isolated = {IAM_GEN_CONFIG_DIR: directory};

describe("iam-gen - (the request on standard input)", () => {
    it("reads a pipe that stays empty for a second (no EAGAIN)", async () => {
        const result = await runCliWithSlowPipe(["--engine", "catalog", "-"], "read-only access to DynamoDB table orders\n", 1000, isolated);
        expect(result.stderr).not.toMatch(/EAGAIN/);
        expect(result.status).toBe(0);
        expect(result.stdout).toContain("dynamodb:GetItem");
    });

    it("answers binary data with nothing to grant, exit 1", () => {
        for (let seed = 1; seed <= 3; seed++) {
            const result = runCli(["--engine", "catalog", "-"], seededBytes(seed, 100_000), isolated);
            expect(result.status).toBe(1);
            expect(result.stdout).toBe("");
            expect(result.stderr).toMatch(/Nothing to grant: standard input is (binary data|mostly not text)/);
        }
    });

    it("prints a policy over the size limit as the managed policies it was packed into, each under the limit", () => {
        const services = "S3, EC2, Lambda, DynamoDB, SQS, SNS, KMS, RDS, ECS, EKS, Glue, Athena, CloudWatch, CloudWatch Logs, Secrets Manager, SSM, Route 53, CloudFront, Kinesis, Step Functions, API Gateway, ECR, EFS, ElastiCache, Redshift, SageMaker, CodeBuild, CodePipeline";
        const result = runCli(["--engine", "catalog", `Allow reading and writing in ${services}`], undefined, isolated);
        expect(result.stderr).toMatch(/ERROR \$: the policy has \d+ characters/);
        expect(result.stderr).toMatch(/split into \d managed policies \(\d,\d{3} \+ /);
        const parts = result.stdout.trim().split(/\n(?=\{)/).map((text) => JSON.parse(text) as PolicyDocument);
        expect(parts.length).toBeGreaterThan(1);
        expect(parts.every((part) => policySize(part).withinLimit)).toBe(true);
        expect(result.status).toBe(0);
    });
});

describe("requestProblem", () => {
    it("takes text, with its odd tab or emoji, as a request", () => {
        expect(requestProblem("Allow reading\tthe S3 bucket reports 🔥")).toBeUndefined();
    });

    it("refuses binary data: a NUL byte, or mostly undecodable bytes and control characters", () => {
        expect(requestProblem("Allow S3\u0000")).toBeDefined();
        expect(requestProblem(new TextDecoder().decode(seededBytes(7, 10_000)))).toBeDefined();
    });
});

describe("iam-gen batch", () => {
    const prompts = [
        {id: "a", prompt: "Allow sending messages to SQS queue orders"},
        {id: "b", prompt: "Allow reading objects in S3 bucket reports"},
        {id: "c", prompt: "read-only access to DynamoDB table orders"}
    ].map((row) => JSON.stringify(row)).join("\n");

    it("reads a file that starts with a UTF-8 BOM", () => {
        const input = path.join(directory, "bom.jsonl");
        writeFileSync(input, `\uFEFF${prompts}\n`);
        const result = runCli(["batch", "--engine", "catalog", "--in", input, "--out", path.join(directory, "bom-out.jsonl")], undefined, isolated);
        expect(result.stderr).not.toContain("line 1");
        expect(result.status).toBe(0);
    });

    it("reads --in - from a slow pipe", async () => {
        const result = await runCliWithSlowPipe(["batch", "--engine", "catalog", "--in", "-", "--out", path.join(directory, "pipe-out.jsonl")], prompts, 1000, isolated);
        expect(result.status).toBe(0);
        expect(readFileSync(path.join(directory, "pipe-out.jsonl"), "utf8").trim().split("\n")).toHaveLength(3);
    });

    it("resumes a killed run: keeps its complete rows, drops the cut one, writes the rest", () => {
        const input = path.join(directory, "resume.jsonl");
        const output = path.join(directory, "resume-out.jsonl");
        writeFileSync(input, prompts);
        writeFileSync(output, `${JSON.stringify({id: "a", output: "kept", ms: 1})}\n{"id": "b", "outp`);
        const refused = runCli(["batch", "--engine", "catalog", "--in", input, "--out", output], undefined, isolated);
        expect(refused.status).toBe(2);
        expect(refused.stderr).toContain("--resume");
        const resumed = runCli(["batch", "--engine", "catalog", "--in", input, "--out", output, "--resume"], undefined, isolated);
        expect(resumed.status).toBe(0);
        const rows = readFileSync(output, "utf8").trim().split("\n").map((line) => JSON.parse(line) as {id: string; output: string});
        expect(rows.map((row) => row.id)).toEqual(["a", "b", "c"]);
        expect(rows[0]!.output).toBe("kept");
    });
});
