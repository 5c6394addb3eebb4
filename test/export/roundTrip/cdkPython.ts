import {spawnSync} from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {exportPolicy} from "../../../source/export/index.js";
import {roundTripFailures} from "./canonical.js";
import type {RoundTripCase, RoundTripFailure} from "./cases.js";

/** True when a python3 runs here; the test says so plainly where it does not. */
export function havePython(): boolean {
    return spawnSync("python3", ["--version"]).status === 0;
}

/**
 * aws_cdk as far as the exported code touches it: `Aws`'s tokens as markers, and `aws_iam` classes
 * that take exactly the keyword arguments of the real ones (a misspelt one is a TypeError) and keep them.
 */
const STUB_CDK = `
class Aws:
    ACCOUNT_ID = "<<ACCOUNT>>"
    REGION = "<<REGION>>"
    PARTITION = "<<PARTITION>>"
`;
const STUB_IAM = `
import enum
class Effect(enum.Enum):
    ALLOW = "Allow"
    DENY = "Deny"
class PolicyStatement:
    def __init__(self, *, actions=None, conditions=None, effect=None, not_actions=None, not_principals=None, not_resources=None, principals=None, resources=None, sid=None):
        self.fields = {"Sid": sid, "Effect": effect.value if effect else "Allow", "Action": actions, "NotAction": not_actions,
                       "Resource": resources, "NotResource": not_resources, "Condition": conditions}
class PolicyDocument:
    def __init__(self, *, assign_sids=None, minimize=None, statements=None):
        self.statements = statements or []
`;
const RUNNER = `
import importlib, json, sys
documents = []
for name in sys.argv[1:]:
    module = importlib.import_module(name)
    [function] = [value for key, value in vars(module).items() if key.endswith("_policy_document")]
    documents.append([{key: value for key, value in statement.fields.items() if value is not None} for statement in function().statements])
print(json.dumps(documents))
`;

/** Each case exported as CDK Python and run in one python3 against the stub, its statements compared. */
export function cdkPythonRoundTrip(cases: readonly RoundTripCase[]): RoundTripFailure[] {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "iam-gen-cdk-py-"));
    try {
        fs.mkdirSync(path.join(folder, "aws_cdk"));
        fs.writeFileSync(path.join(folder, "aws_cdk", "__init__.py"), STUB_CDK);
        fs.writeFileSync(path.join(folder, "aws_cdk", "aws_iam.py"), STUB_IAM);
        fs.writeFileSync(path.join(folder, "runner.py"), RUNNER);
        const modules = cases.map((testCase, index) => {
            fs.writeFileSync(path.join(folder, `policy_${index}.py`), exportPolicy(testCase.policy, "cdk-py", testCase.context));
            return `policy_${index}`;
        });
        const run = spawnSync("python3", ["runner.py", ...modules], {cwd: folder, encoding: "utf8", maxBuffer: 256 << 20});
        if (run.status !== 0)
            return [{name: "(all)", format: "cdk-py", problem: run.stderr.trim().split("\n").slice(-3).join(" ")}];
        const documents = JSON.parse(run.stdout) as unknown[];
        return cases.flatMap((testCase, index) => {
            const markers: Record<string, string | undefined> = {ACCOUNT: testCase.context.account, REGION: testCase.context.region, PARTITION: "aws"};
            const statements = JSON.parse(JSON.stringify(documents[index]).replace(/<<(\w+)>>/g, (_match, name: string) => markers[name] ?? `<<unresolved ${name}>>`));
            return roundTripFailures(testCase, "cdk-py", () => ({Version: "2012-10-17", Statement: statements}));
        });
    } finally {
        fs.rmSync(folder, {recursive: true, force: true});
    }
}
