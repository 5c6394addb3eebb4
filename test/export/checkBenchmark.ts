/**
 * `npm run export:check -- --bench ../shared/benchmarks/<file>.jsonl [--bench …]`: the export round trips
 * of the tests on the catalog engine's policy for every prompt of a benchmark. Exit 1 on any failure.
 */
import {parseArgs} from "node:util";
import {readBenchmark} from "../../source/evaluation/benchmarkFiles.js";
import {exportPolicy, readPolicyFile, type ExportFormat} from "../../source/export/index.js";
import type {PolicyDocument} from "../../source/policy/types.js";
import {canonicalPolicy, difference} from "./roundTrip/canonical.js";
import {engineCases, type RoundTripCase, type RoundTripFailure} from "./roundTrip/cases.js";
import {cdkPythonRoundTrip, havePython} from "./roundTrip/cdkPython.js";
import {cdkTypeScriptRoundTrip} from "./roundTrip/cdkTypeScript.js";
import {cloudFormationRoundTrip} from "./roundTrip/cloudformation.js";
import {terraformRoundTrip} from "./roundTrip/terraform.js";

const {values} = parseArgs({options: {bench: {type: "string", multiple: true}}});
if (values.bench == null || values.bench.length === 0) {
    process.stderr.write("usage: npm run export:check -- --bench <benchmark.jsonl> [--bench …]\n");
    process.exit(2);
}

/**
 * iam-gen reading its own Terraform, CloudFormation, YAML and JSON back. A policy the checker refuses
 * as JSON (a reference with "account-id" placeholders, or over the size limit) must be refused in every format.
 */
function readBackRoundTrip(cases: readonly RoundTripCase[]): RoundTripFailure[] {
    const formats: ExportFormat[] = ["json", "yaml", "terraform", "cloudformation"];
    return cases.flatMap((testCase) => {
        const refused = refusalOf(testCase.policy) != null;
        return formats.flatMap((format) => {
            const failure = (problem: string) => [{name: testCase.name, format: `read ${format}`, problem}];
            let read: PolicyDocument;
            try {
                read = readPolicyFile(exportPolicy(testCase.policy, format, testCase.context));
            } catch (error) {
                return refused ? [] : failure((error as Error).message);
            }
            if (refused)
                return failure("read, though the same policy as JSON is refused");
            const problem = difference(canonicalPolicy(testCase.policy), canonicalPolicy(read));
            return problem == null ? [] : failure(problem);
        });
    });
}

function refusalOf(policy: PolicyDocument): string | undefined {
    try {
        readPolicyFile(JSON.stringify(policy));
        return undefined;
    } catch (error) {
        return (error as Error).message;
    }
}

/** The benchmark's reference policies that are identity policies: written by people, in shapes the engine never makes. */
function referenceCases(rows: Awaited<ReturnType<typeof readBenchmark>>): RoundTripCase[] {
    const hasPrincipal = (statement: unknown) => typeof statement === "object" && statement != null && ("Principal" in statement || "NotPrincipal" in statement);
    return rows.filter((row) => ![row.reference.Statement].flat().some(hasPrincipal))
        .map((row) => ({name: `${row.id} (reference)`, policy: row.reference as unknown as PolicyDocument, context: {request: row.prompt}}));
}

async function roundTrips(cases: RoundTripCase[]): Promise<[string, RoundTripFailure[]][]> {
    return [
        ["terraform (hcl2json)", await terraformRoundTrip(cases)],
        ["cloudformation (yaml)", cloudFormationRoundTrip(cases)],
        ["cdk-ts (aws-cdk-lib synth)", cdkTypeScriptRoundTrip(cases)],
        ...(havePython() ? [["cdk-py (python3)", cdkPythonRoundTrip(cases)] as [string, RoundTripFailure[]]] : []),
        ["iam-gen reads its exports back", readBackRoundTrip(cases)]
    ];
}

let failed = false;
for (const file of values.bench) {
    const rows = await readBenchmark(file);
    const started = performance.now();
    const generated = await engineCases(rows.map((row) => ({name: row.id, request: row.prompt})));
    const references = referenceCases(rows);
    const cases = [...generated, ...references];
    const checks = await roundTrips(cases);
    process.stdout.write(`${file}: ${rows.length} prompts: ${generated.length} generated policies (${rows.length - generated.length} with nothing to grant) and ${references.length} reference identity policies, ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    for (const [name, failures] of checks) {
        process.stdout.write(`  ${name}: ${cases.length - new Set(failures.map((failure) => failure.name)).size}/${cases.length} equal\n`);
        for (const failure of failures.slice(0, 5))
            process.stdout.write(`    ${failure.format} ${failure.name}: ${failure.problem.split("\n")[0]}\n`);
        failed ||= failures.length > 0;
    }
    if (!havePython())
        process.stdout.write("  cdk-py: skipped, python3 is not installed\n");
}
process.exitCode = failed ? 1 : 0;
