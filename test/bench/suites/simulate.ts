import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import os from "node:os";
import path from "node:path";
import {loadManagedPolicies} from "../../../source/managed/index.js";
import {policyStatements} from "../../../source/policy/index.js";
import type {PolicyStatement} from "../../../source/policy/types.js";
import {type BenchContext, packageRoot, runsFor} from "../context.js";
import {repeat, timeProcess} from "../measure.js";

const REQUESTS = 10_000;
const STATEMENTS = 100;
const cli = path.join(packageRoot, "dist", "cli", "main.js");

/**
 * `iam-gen simulate --requests`: 10,000 requests against a 100-statement policy, spawn to exit, as a
 * user runs it. The statements are the first hundred with actions and resources among the AWS
 * managed policies; the requests ask for their actions on resources they name and on others.
 */
export async function measureSimulate(context: BenchContext) {
    const statements = loadManagedPolicies().flatMap((policy) => policyStatements(policy.document))
        .filter((statement) => statement.Action != null && statement.Resource != null).slice(0, STATEMENTS);
    const actions = [...new Set(statements.flatMap((statement) => [statement.Action!].flat()))].filter((action) => !action.includes("*"));
    const folder = mkdtempSync(path.join(os.tmpdir(), "iam-gen-simulate-"));
    try {
        const policyFile = path.join(folder, "policy.json");
        const requestsFile = path.join(folder, "requests.jsonl");
        writeFileSync(policyFile, JSON.stringify({Version: "2012-10-17", Statement: statements.map(({Sid: _sid, ...statement}): PolicyStatement => statement)}));
        const lines = Array.from({length: REQUESTS}, (_, index) => JSON.stringify({
            action: actions[index % actions.length],
            resource: index % 3 === 0 ? "*" : `arn:aws:s3:::bucket-${index % 97}/key-${index}`,
            ...(index % 5 === 0 ? {context: {"aws:MultiFactorAuthPresent": "true", "aws:RequestedRegion": "us-east-1"}} : {})
        }));
        writeFileSync(requestsFile, `${lines.join("\n")}\n`);
        const args = [cli, "simulate", policyFile, "--requests", requestsFile];
        const probe = await timeProcess(process.execPath, args);
        if (probe.exitCode !== 0) {
            context.results.skip("simulate.requests", "Core paths", "iam-gen simulate, 10,000 requests", "ms", `exit ${probe.exitCode}`);
            return;
        }
        const sample = await repeat(async () => (await timeProcess(process.execPath, args)).ms, runsFor(context, 5, 2));
        context.results.timing("simulate.requests", "Core paths", `iam-gen simulate: ${REQUESTS.toLocaleString("en")} requests, ${statements.length}-statement policy (spawn to exit)`, sample,
            {target: {op: "<", value: 2000}});
    } finally {
        rmSync(folder, {recursive: true, force: true});
    }
}
