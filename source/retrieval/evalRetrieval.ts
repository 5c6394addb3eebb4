#!/usr/bin/env node
// `npm run eval:retrieval -- <benchmark.jsonl> [--json] [--misses]`: service detection of retrieval against
// the services of each row's reference policy (micro and macro precision/recall), plus retrieval time.
import {readFileSync} from "node:fs";
import {performance} from "node:perf_hooks";
import {pathToFileURL} from "node:url";
import {loadCatalog} from "../catalog/loadCatalog.js";
import {retrieve} from "./retrieve.js";

interface BenchmarkRow {
    id: string;
    prompt: string;
    reference?: unknown;
    services?: string[];
}

export interface ServiceDetectionReport {
    file: string;
    rows: number;
    microPrecision: number;
    microRecall: number;
    microF1: number;
    macroPrecision: number;
    macroRecall: number;
    exactRows: number;
    medianMs: number;
    p95Ms: number;
    misses: Array<{id: string; prompt: string; expected: string[]; detected: string[]}>;
}

/** Service prefixes of a policy's actions (Action and NotAction). */
export function referenceServices(policy: unknown): string[] {
    const services = new Set<string>();
    const statements = (policy as {Statement?: unknown})?.Statement;
    for (const statement of Array.isArray(statements) ? statements : statements != null ? [statements] : []) {
        for (const field of ["Action", "NotAction"]) {
            const value = (statement as Record<string, unknown>)[field];
            for (const action of Array.isArray(value) ? value : value != null ? [value] : [])
                if (typeof action === "string" && action.includes(":"))
                    services.add(action.slice(0, action.indexOf(":")).toLowerCase());
        }
    }
    return [...services].sort();
}

export function evaluateServiceDetection(file: string): ServiceDetectionReport {
    const rows = readFileSync(file, "utf8").split("\n").filter((line) => line.trim() !== "").map((line) => JSON.parse(line) as BenchmarkRow);
    const catalog = loadCatalog();
    // Time warm requests: each service's index is built on its first use, once per process.
    for (const row of rows)
        retrieve(row.prompt, {catalog});
    let truePositives = 0;
    let detectedCount = 0;
    let expectedCount = 0;
    let precisionSum = 0;
    let recallSum = 0;
    let exactRows = 0;
    const times: number[] = [];
    const misses: ServiceDetectionReport["misses"] = [];
    for (const row of rows) {
        const expected = new Set(row.services ?? referenceServices(row.reference));
        const started = performance.now();
        const context = retrieve(row.prompt, {catalog});
        times.push(performance.now() - started);
        const detected = new Set(context.services.filter((service) => service.role === "target").map((service) => service.prefix));
        const hits = [...detected].filter((service) => expected.has(service)).length;
        truePositives += hits;
        detectedCount += detected.size;
        expectedCount += expected.size;
        precisionSum += detected.size === 0 ? (expected.size === 0 ? 1 : 0) : hits / detected.size;
        recallSum += expected.size === 0 ? 1 : hits / expected.size;
        if (hits === expected.size && hits === detected.size)
            exactRows++;
        else
            misses.push({id: row.id, prompt: row.prompt, expected: [...expected].sort(), detected: [...detected].sort()});
    }
    const microPrecision = detectedCount === 0 ? 0 : truePositives / detectedCount;
    const microRecall = expectedCount === 0 ? 0 : truePositives / expectedCount;
    times.sort((a, b) => a - b);
    return {
        file,
        rows: rows.length,
        microPrecision,
        microRecall,
        microF1: microPrecision + microRecall === 0 ? 0 : 2 * microPrecision * microRecall / (microPrecision + microRecall),
        macroPrecision: rows.length === 0 ? 0 : precisionSum / rows.length,
        macroRecall: rows.length === 0 ? 0 : recallSum / rows.length,
        exactRows,
        medianMs: times[Math.floor(times.length / 2)] ?? 0,
        p95Ms: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] ?? 0,
        misses
    };
}

function main(argv: string[]) {
    const files = argv.filter((argument) => !argument.startsWith("--"));
    if (files.length === 0) {
        process.stderr.write("usage: npm run eval:retrieval -- <benchmark.jsonl>... [--json] [--misses]\n");
        process.exitCode = 2;
        return;
    }
    const reports = files.map((file) => {
        try {
            return evaluateServiceDetection(file);
        } catch (error) {
            process.stderr.write(`eval:retrieval: cannot read ${file}: ${(error as Error).message}\n`);
            process.exit(2);
        }
    });
    if (argv.includes("--json")) {
        console.log(JSON.stringify(argv.includes("--misses") ? reports : reports.map(({misses: _misses, ...report}) => report), null, 2));
        return;
    }
    const percent = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(7);
    console.log(`${"benchmark".padEnd(28)} ${"rows".padStart(5)} ${"P micro".padStart(7)} ${"R micro".padStart(7)} ${"F1".padStart(7)} ${"P macro".padStart(7)} ${"R macro".padStart(7)} ${"exact".padStart(7)} ${"median".padStart(8)} ${"p95".padStart(8)}`);
    for (const report of reports) {
        const name = report.file.split("/").pop()!;
        console.log(`${name.padEnd(28)} ${String(report.rows).padStart(5)} ${percent(report.microPrecision)} ${percent(report.microRecall)} ${percent(report.microF1)} ${percent(report.macroPrecision)} ${percent(report.macroRecall)} ${percent(report.exactRows / Math.max(1, report.rows))} ${`${report.medianMs.toFixed(2)} ms`.padStart(8)} ${`${report.p95Ms.toFixed(2)} ms`.padStart(8)}`);
        if (argv.includes("--misses"))
            for (const miss of report.misses)
                console.log(`  ${miss.id}: expected [${miss.expected.join(", ")}] detected [${miss.detected.join(", ")}]  ${miss.prompt.slice(0, 110)}`);
    }
}

if (process.argv[1] != null && import.meta.url === pathToFileURL(process.argv[1]).href)
    main(process.argv.slice(2));
