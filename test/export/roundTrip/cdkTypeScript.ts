import {createRequire} from "node:module";
import ts from "typescript";
import {App, Stack} from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import {exportPolicy} from "../../../source/export/index.js";
import type {PolicyDocument} from "../../../source/policy/types.js";
import {roundTripFailures} from "./canonical.js";
import {resolveCloudFormation} from "./resolveCloudFormation.js";
import type {RoundTripCase, RoundTripFailure} from "./cases.js";

const require = createRequire(import.meta.url);

/**
 * Each case exported as CDK TypeScript, compiled with the TypeScript compiler (a syntax error fails it),
 * run, and its document made a ManagedPolicy of one stack; the app is synthesised once and each
 * policy's synthesised document, its tokens resolved in the case's account and region, compared.
 */
export function cdkTypeScriptRoundTrip(cases: readonly RoundTripCase[]): RoundTripFailure[] {
    const failures: RoundTripFailure[] = [];
    const app = new App();
    const stack = new Stack(app, "ExportRoundTrip");
    const logicalIds = new Map<RoundTripCase, string>();
    cases.forEach((testCase, index) => {
        try {
            const code = exportPolicy(testCase.policy, "cdk-ts", testCase.context);
            const document = runModule(code);
            const policy = new iam.ManagedPolicy(stack, `Policy${index}`, {document});
            logicalIds.set(testCase, stack.getLogicalId(policy.node.defaultChild as never));
        } catch (error) {
            failures.push({name: testCase.name, format: "cdk-ts", problem: (error as Error).message});
        }
    });
    const template = app.synth().getStackByName(stack.stackName).template as {Resources: Record<string, {Properties: {PolicyDocument: unknown}}>};
    for (const [testCase, logicalId] of logicalIds)
        failures.push(...roundTripFailures(testCase, "cdk-ts", () => resolveCloudFormation(template.Resources[logicalId]!.Properties.PolicyDocument, testCase.context) as PolicyDocument));
    return failures;
}

/** Compiles one exported module (failing on syntax errors) and returns what its one exported function makes. */
function runModule(code: string): iam.PolicyDocument {
    const output = ts.transpileModule(code, {reportDiagnostics: true, compilerOptions: {module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true}});
    if ((output.diagnostics ?? []).length > 0)
        throw new Error(ts.flattenDiagnosticMessageText(output.diagnostics![0]!.messageText, "\n"));
    const exports: Record<string, unknown> = {};
    new Function("require", "exports", output.outputText)(require, exports);
    const functions = Object.values(exports).filter((value) => typeof value === "function") as (() => iam.PolicyDocument)[];
    if (functions.length !== 1)
        throw new Error(`expected one exported function, found ${functions.length}`);
    return functions[0]!();
}
