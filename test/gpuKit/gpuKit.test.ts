import {spawnSync} from "node:child_process";
import {createHash} from "node:crypto";
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import os from "node:os";
import path from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {type Kit, packKit} from "../bench/kit/pack.js";
import type {BenchResults} from "../bench/results.js";

// The GPU kit's whole path where there is no GPU, on a reduced kit: the CPU build instead of the
// CUDA one (which alone takes minutes to compress), xz's fastest preset, and parts of 16 MiB so that
// there are several. `npm run gpu-kit` packs the real one the same way (test/bench/README.md).
const PART_BYTES = 16 * 2 ** 20;

let folder: string;
let kit: Kit;
/** The device machine's repo root: the kit's files carried into .gpu-kit/, the store beside it. */
let device: string;

beforeAll(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), "iam-gen-gpu-kit-"));
    kit = await packKit({out: path.join(folder, "kit"), partBytes: PART_BYTES, xzPreset: 0, cuda: false, log: () => undefined});
    device = path.join(folder, "device");
    mkdirSync(path.join(device, ".gpu-kit"), {recursive: true});
    for (const file of ["run.sh", "MANIFEST"])
        copyFileSync(path.join(folder, "kit", file), path.join(device, ".gpu-kit", file));
}, 120_000);

afterAll(() => rmSync(folder, {recursive: true, force: true}));

function runSh(...args: string[]) {
    return spawnSync("bash", [".gpu-kit/run.sh", ...args], {cwd: device, encoding: "utf8", env: {...process.env, OUT: path.join(folder, "out")}});
}

/** Carries part `index` into .gpu-kit/ as a device call would, and stores it. */
function carryAndStore(index: number) {
    const part = kit.parts[index - 1]!;
    copyFileSync(path.join(folder, "kit", part.name), path.join(device, ".gpu-kit", part.name));
    return runSh("store", String(index), String(kit.parts.length));
}

function sha256(data: Buffer) {
    return createHash("sha256").update(data).digest("hex");
}

describe("the GPU kit", {timeout: 300_000}, () => {
    it("is split into parts of at most 60 MiB whose sums and total match the manifest", () => {
        expect(kit.parts.length).toBeGreaterThan(1);
        const manifest = readFileSync(path.join(folder, "kit", "MANIFEST"), "utf8");
        const joined: Buffer[] = [];
        for (const part of kit.parts) {
            const data = readFileSync(path.join(folder, "kit", part.name));
            joined.push(data);
            expect(data.length).toBeLessThanOrEqual(Math.min(PART_BYTES, 60 * 2 ** 20));
            expect(manifest).toContain(`${part.name} ${data.length} ${sha256(data)}`);
        }
        const archive = Buffer.concat(joined);
        expect(manifest).toContain(`archive ${archive.length} ${sha256(archive)}`);
    });

    it("refuses a part that does not match its sum, and a bench with a part missing", () => {
        const part = kit.parts[0]!;
        writeFileSync(path.join(device, ".gpu-kit", part.name), Buffer.concat([readFileSync(path.join(folder, "kit", part.name)), Buffer.from("x")]));
        const corrupt = runSh("store", "1", String(kit.parts.length));
        expect(corrupt.status).toBe(1);
        expect(corrupt.stderr).toContain(`${part.name}: sha256`);

        for (let index = 1; index < kit.parts.length; index++)
            expect(carryAndStore(index).status).toBe(0);
        const early = runSh("bench", "--no-gpu");
        expect(early.status).toBe(1);
        expect(early.stdout).toContain(`missing from ${path.join(device, ".gpu-kit-store")}: ${kit.parts.at(-1)!.name}`);
    });

    it("stores every part, unpacks and runs the bench with the carried node only, writing results.json", () => {
        const last = carryAndStore(kit.parts.length);
        expect(last.stdout).toContain(`${kit.parts.length} of ${kit.parts.length} stored`);
        // The 1B CPU rows take minutes on 2 cores; the grammar section loads node-llama-cpp from the kit in seconds.
        const run = runSh("bench", "--no-gpu", "--", "--only", "grammar", "--quick");
        expect(run.status, run.stdout).toBe(0);
        expect(run.stdout).toMatch(/smoke: Llama-3\.2-1B shape, Q4_0 on the CPU: \d+ tokens in \d+ ms/);
        const results = JSON.parse(readFileSync(path.join(folder, "out", "results.json"), "utf8")) as BenchResults;
        expect(results.complete).toBe(true);
        expect(results.command).toBe("the GPU kit's node test/bench/main.mjs --quick --only grammar");
        expect(results.figures.find((figure) => figure.id === "grammar.catalog")?.median).toBeGreaterThan(0);
        expect(existsSync(path.join(folder, "out", "run.log"))).toBe(true);
    });
});
