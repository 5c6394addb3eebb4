#!/usr/bin/env node
// `npm run verify:bench -- <benchmark.jsonl>… [--failures FILE]`: runs the catalog engine over each row
// and reports (1) the share of results whose own verification passes fully (probes from the request's
// typed form) and (2) the share that passes the probes derived from the row's reference policy. With
// --failures, writes each row's failing probes as JSON lines: the reader's work list.
import {writeFileSync} from "node:fs";
import {pathToFileURL} from "node:url";
import {loadCatalog} from "../catalog/loadCatalog.js";
import {CatalogEngine} from "../engine/catalog/CatalogEngine.js";
import {ConversationSession} from "../engine/ConversationSession.js";
import type {GenerationResult} from "../engine/types.js";
import type {PolicyDocument} from "../policy/types.js";
import {describeProbe, probesOfReference, runProbes, type Verification} from "../verification/index.js";
import {readBenchmark} from "./benchmarkFiles.js";

/** Failing probes written per row and side: enough to see the pattern; the count says how many more. */
const FAILURES_PER_ROW = 25;

export interface VerificationTally {
    rows: number;
    /** Probes derived; rows with none are counted apart, they verify nothing. */
    withProbes: number;
    fullyPassed: number;
    probes: number;
    passedProbes: number;
}

export interface BenchmarkVerification {
    file: string;
    rows: number;
    withPolicy: number;
    withVerification: number;
    request: VerificationTally;
    reference: VerificationTally;
    /** Rows with a failing probe; `managedPolicy` names the AWS managed policy the request named, whose services the engine composed from. */
    failures: Array<{id: string; prompt: string; managedPolicy?: string; request: RowFailures; reference: RowFailures}>;
}

interface RowFailures {
    probes: number;
    failed: number;
    shown: string[];
}

export async function verifyBenchmark(file: string): Promise<BenchmarkVerification> {
    const rows = await readBenchmark(file);
    const catalog = loadCatalog();
    const engine = new CatalogEngine({catalog});
    const report: BenchmarkVerification = {file, rows: rows.length, withPolicy: 0, withVerification: 0, request: emptyTally(), reference: emptyTally(), failures: []};
    for (const row of rows) {
        const result = await generate(engine, row.prompt);
        if (result.policy == null)
            continue;
        report.withPolicy++;
        if (result.verification != null)
            report.withVerification++;
        const own = result.verification ?? {probes: 0, passed: 0, failed: []};
        const reference = runProbes(result.policy, probesOfReference(row.reference as unknown as PolicyDocument, catalog));
        tally(report.request, own);
        tally(report.reference, reference);
        if (own.failed.length > 0 || reference.failed.length > 0)
            report.failures.push({
                id: row.id, prompt: row.prompt, ...(result.managedPolicy != null ? {managedPolicy: result.managedPolicy.name} : {}),
                request: rowFailures(own), reference: rowFailures(reference)
            });
    }
    return report;
}

async function generate(engine: CatalogEngine, request: string): Promise<GenerationResult> {
    const events = engine.generate(request, new ConversationSession());
    let next = await events.next();
    while (!next.done)
        next = await events.next();
    return next.value;
}

function emptyTally(): VerificationTally {
    return {rows: 0, withProbes: 0, fullyPassed: 0, probes: 0, passedProbes: 0};
}

function tally(into: VerificationTally, verification: Verification) {
    into.rows++;
    into.probes += verification.probes;
    into.passedProbes += verification.passed;
    if (verification.probes > 0) {
        into.withProbes++;
        if (verification.failed.length === 0)
            into.fullyPassed++;
    }
}

function rowFailures(verification: Verification): RowFailures {
    return {probes: verification.probes, failed: verification.failed.length, shown: verification.failed.slice(0, FAILURES_PER_ROW).map(describeProbe)};
}

function percent(part: number, whole: number) {
    return whole === 0 ? "n/a" : `${(100 * part / whole).toFixed(1)}%`;
}

export function formatTally(name: string, tally: VerificationTally): string {
    return `${name}: ${tally.fullyPassed}/${tally.withProbes} rows pass every probe (${percent(tally.fullyPassed, tally.withProbes)}; ${tally.rows - tally.withProbes} rows without probes), ` +
        `${tally.passedProbes}/${tally.probes} probes pass (${percent(tally.passedProbes, tally.probes)})`;
}

async function main(args: string[]) {
    const failuresIndex = args.indexOf("--failures");
    const failuresFile = failuresIndex >= 0 ? args[failuresIndex + 1] : undefined;
    const files = args.filter((_, index) => failuresIndex < 0 || (index !== failuresIndex && index !== failuresIndex + 1));
    if (files.length === 0 || (failuresIndex >= 0 && failuresFile == null)) {
        process.stderr.write("usage: npm run verify:bench -- <benchmark.jsonl>… [--failures FILE]\n");
        process.exitCode = 2;
        return;
    }
    const lines: string[] = [];
    for (const file of files) {
        const report = await verifyBenchmark(file);
        process.stdout.write(`${file}: ${report.rows} rows, ${report.withPolicy} with a policy, ${report.withVerification} of them with a verification\n`);
        process.stdout.write(`  ${formatTally("request's own probes", report.request)}\n`);
        process.stdout.write(`  ${formatTally("reference probes", report.reference)}\n`);
        lines.push(...report.failures.map((failure) => JSON.stringify({file, ...failure})));
    }
    if (failuresFile != null) {
        writeFileSync(failuresFile, lines.length > 0 ? `${lines.join("\n")}\n` : "");
        process.stdout.write(`wrote ${lines.length} rows with failing probes to ${failuresFile}\n`);
    }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href)
    await main(process.argv.slice(2));
