import {spawnSync} from "node:child_process";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";
import type {RetrievalContext} from "../../source/retrieval/types.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, ["dist/cli/main.js", "context", ...args], {cwd: root, encoding: "utf8", env: {...process.env, NO_COLOR: "1"}});

describe("iam-gen context", () => {
    it("prints the retrieval context as JSON", () => {
        const result = run("--json", "Allow a Lambda function to read from DynamoDB table users and write logs to CloudWatch");
        expect(result.status).toBe(0);
        const context = JSON.parse(result.stdout) as RetrievalContext;
        expect(context.services.filter((service) => service.role === "target").map((service) => service.prefix)).toEqual(["dynamodb", "logs"]);
        expect(context.services.find((service) => service.prefix === "lambda")).toMatchObject({role: "principal", matched: ["Lambda function"]});
        expect(context.candidates.map((candidate) => candidate.action)).toEqual(expect.arrayContaining([
            "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:BatchGetItem", "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"
        ]));
        expect(context.candidates.filter((candidate) => candidate.service === "dynamodb").every((candidate) => !candidate.accessLevels.includes("Write"))).toBe(true);
        expect(context.resources.map((resource) => resource.arn)).toContain("arn:aws:dynamodb:*:*:table/users");
        expect(context.effect).toBe("Allow");
    });

    it("lists excluded actions", () => {
        const context = JSON.parse(run("--json", "Allow a user to start and stop EC2 instances but not terminate them").stdout) as RetrievalContext;
        expect(context.candidates.map((candidate) => candidate.action)).toEqual(expect.arrayContaining(["ec2:StartInstances", "ec2:StopInstances"]));
        expect(context.excluded.map((entry) => entry.action)).toContain("ec2:TerminateInstances");
    });

    it("prints a readable table", () => {
        const result = run("Allow a user to start and stop EC2 instances but not terminate them");
        expect(result.status).toBe(0);
        expect(result.stdout).toMatch(/Services\n {2}ec2 +target/);
        expect(result.stdout).toMatch(/Candidate actions\n {2}ec2:StartInstances/);
        expect(result.stdout).toMatch(/Excluded\n {2}ec2:TerminateInstances/);
    });

    it("answers junk with a clear message and empty lists, exit 0", () => {
        const text = run("");
        expect(text.status).toBe(0);
        expect(text.stdout).toMatch(/nothing to grant/);
        const json = run("--json", "🙂 SELECT 1;");
        expect(json.status).toBe(0);
        expect(JSON.parse(json.stdout)).toMatchObject({services: [], candidates: [], excluded: [], resources: [], conditions: []});
    });
});
