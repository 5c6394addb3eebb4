import {spawn, spawnSync} from "node:child_process";
import {createHash} from "node:crypto";
import {closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readSync, rmSync, statSync, symlinkSync, writeFileSync, writeSync} from "node:fs";
import path from "node:path";
import {build} from "esbuild";
import {packageRoot} from "../context.js";
import {dependencyClosure, kitPath, readPackage} from "./dependencies.js";

export interface KitOptions {
    /** The folder that gets run.sh, MANIFEST and the parts. */
    out: string;
    /** Each part's size at most: one part plus the working tree must fit in one device call. */
    partBytes: number;
    /** xz's preset: 9 for the real kit (the CUDA build barely compresses, node does), 0 for a quick test kit. */
    xzPreset: number;
    /** false: the CPU build alone, a reduced kit that tests the mechanism where there is no GPU. */
    cuda: boolean;
    log(message: string): void;
}

export interface KitFile {
    name: string;
    bytes: number;
    sha256: string;
}

export interface Kit {
    archive: KitFile;
    parts: KitFile[];
}

const CPU_BUILD = "@node-llama-cpp/linux-x64";
const CUDA_BUILD = "@node-llama-cpp/linux-x64-cuda";

/** Left out of the archive: llama.cpp's sources for building from source, source maps, type declarations, bin links. */
const EXCLUDED = ["node-llama-cpp/llama/gitRelease.bundle", "*.map", "*.d.ts", ".bin"];

// The bench, its model worker and the smoke test as plain JavaScript, two folders under the kit's
// root like their sources, so that the package root (catalog/) resolves the same from the bundles.
// node-llama-cpp and resvg load native builds from their own folders: they stay packages.
const ENTRY_POINTS = {
    "test/bench/main": "test/bench/main.ts",
    "test/bench/worker": "test/bench/model/worker.ts",
    "test/bench/smoke": "test/bench/kit/smoke.ts"
};
const EXTERNAL = ["node-llama-cpp", "@resvg/resvg-js"];

/**
 * Packs what the GPU bench needs on a bare machine — this node, the bench bundled, the catalog, and
 * node-llama-cpp with its linux-x64 builds and resvg — into one tar.xz split into parts, with a
 * MANIFEST of sizes and sha256 sums and run.sh beside them.
 */
export async function packKit(options: KitOptions): Promise<Kit> {
    if (!existsSync(path.join(packageRoot, "catalog", "index.json")))
        throw new Error("catalog/index.json is missing: run npm run build first");
    mkdirSync(options.out, {recursive: true});
    clearKit(options.out);
    const stage = path.join(options.out, "stage");
    try {
        await stageKit(stage, options);
        const archive = path.join(options.out, "kit.tar.xz");
        await compress(stage, archive, options);
        const kit = split(archive, options);
        rmSync(archive);
        writeManifest(options.out, kit, options);
        copyFileSync(path.join(packageRoot, "test", "bench", "kit", "run.sh"), path.join(options.out, "run.sh"));
        return kit;
    } finally {
        rmSync(stage, {recursive: true, force: true});
    }
}

/** Only what an earlier kit wrote: the folder may hold other things. */
function clearKit(out: string) {
    for (const name of readdirSync(out))
        if (/^part-\d+-of-\d+$/.test(name) || ["MANIFEST", "run.sh", "stage", "kit.tar.xz"].includes(name))
            rmSync(path.join(out, name), {recursive: true, force: true});
}

/** The kit's tree, as links to what it packs (tar follows them) and the bundles themselves. */
async function stageKit(stage: string, options: KitOptions) {
    const link = (target: string, at: string) => {
        mkdirSync(path.dirname(path.join(stage, at)), {recursive: true});
        symlinkSync(target, path.join(stage, at));
    };
    link(process.execPath, "bin/node");
    link(path.join(packageRoot, "catalog"), "catalog");
    options.log("bundling the bench");
    await build({
        entryPoints: Object.fromEntries(Object.entries(ENTRY_POINTS).map(([out, source]) => [out, path.join(packageRoot, source)])),
        outdir: stage,
        outExtension: {".js": ".mjs"},
        bundle: true,
        format: "esm",
        platform: "node",
        target: "node20",
        external: EXTERNAL,
        // Bundled CommonJS dependencies call require(); ESM output has none of its own.
        banner: {js: "import {createRequire as __createRequire} from \"node:module\"; const require = __createRequire(import.meta.url);"},
        logLevel: "warning"
    });
    const builds = options.cuda ? [CPU_BUILD, CUDA_BUILD] : [CPU_BUILD];
    const located = new Map(options.cuda ? [[CUDA_BUILD, cudaBuildFolder(options.log)]] : []);
    const folders = dependencyClosure(packageRoot, [...EXTERNAL, ...builds], {filtered: {prefix: "@node-llama-cpp/", keep: builds}, located});
    for (const folder of folders)
        link(folder, kitPath(folder));
    options.log(`${folders.length} packages: node-llama-cpp with ${builds.join(" and ")}, resvg, and what they load`);
}

/**
 * node-llama-cpp's CUDA build for linux-x64: installed with it as an optional dependency, or else
 * fetched once with `npm pack` into node_modules/.cache (npm's registry, the exact version).
 */
function cudaBuildFolder(log: (message: string) => void) {
    const installed = path.join(packageRoot, "node_modules", CUDA_BUILD);
    if (existsSync(path.join(installed, "package.json")))
        return installed;
    const version = readPackage(path.join(packageRoot, "node_modules", "node-llama-cpp")).version;
    const cache = path.join(packageRoot, "node_modules", ".cache", "iam-gen-gpu-kit", `linux-x64-cuda-${version}`);
    if (!existsSync(path.join(cache, "package", "package.json"))) {
        log(`${CUDA_BUILD} is not installed: fetching ${CUDA_BUILD}@${version} with npm pack into ${path.relative(packageRoot, cache)}`);
        mkdirSync(cache, {recursive: true});
        run("npm", ["pack", `${CUDA_BUILD}@${version}`, "--pack-destination", cache, "--silent"]);
        const tarball = readdirSync(cache).find((name) => name.endsWith(".tgz"));
        if (tarball == null)
            throw new Error(`npm pack ${CUDA_BUILD}@${version} wrote no tarball`);
        run("tar", ["-xzf", path.join(cache, tarball), "-C", cache]);
        rmSync(path.join(cache, tarball));
    }
    return path.join(cache, "package");
}

function run(command: string, args: string[]) {
    const result = spawnSync(command, args, {encoding: "utf8"});
    if (result.status !== 0)
        throw new Error(`${command} ${args.join(" ")}: ${result.error?.message ?? result.stderr.trim().split("\n").at(-1)}`);
}

/** tar (following the links) into xz, on every core. */
async function compress(stage: string, archive: string, {xzPreset, log}: KitOptions) {
    log(`compressing with xz -${xzPreset}`);
    const excludes = EXCLUDED.map((pattern) => `--exclude=${pattern}`);
    const output = openSync(archive, "w");
    try {
        const pipeline = spawn("bash", ["-c", "set -o pipefail; tar -c -h -C \"$1\" \"${@:3}\" . | xz -T0 \"-$2\" -c", "bash", stage, String(xzPreset), ...excludes],
            {stdio: ["ignore", output, "pipe"]});
        let stderr = "";
        pipeline.stderr!.setEncoding("utf8").on("data", (chunk: string) => stderr += chunk);
        await new Promise<void>((resolve, reject) => {
            pipeline.on("error", reject);
            pipeline.on("close", (code) => code === 0 ? resolve() : reject(new Error(`tar | xz exited with ${code}: ${stderr.trim().split("\n").at(-1) ?? ""}`)));
        });
    } finally {
        closeSync(output);
    }
}

/** Cuts the archive into parts of at most partBytes, hashing each and the whole as it goes. */
function split(archive: string, {out, partBytes}: KitOptions): Kit {
    const total = statSync(archive).size;
    const count = Math.max(1, Math.ceil(total / partBytes));
    const whole = createHash("sha256");
    const buffer = Buffer.alloc(8 * 2 ** 20);
    const input = openSync(archive, "r");
    const parts: KitFile[] = [];
    try {
        for (let index = 0; index < count; index++) {
            const name = `part-${index + 1}-of-${count}`;
            const hash = createHash("sha256");
            const output = openSync(path.join(out, name), "w");
            let written = 0;
            try {
                const size = Math.min(partBytes, total - index * partBytes);
                while (written < size) {
                    const read = readSync(input, buffer, 0, Math.min(buffer.length, size - written), null);
                    const chunk = buffer.subarray(0, read);
                    writeSync(output, chunk);
                    hash.update(chunk);
                    whole.update(chunk);
                    written += read;
                }
            } finally {
                closeSync(output);
            }
            parts.push({name, bytes: written, sha256: hash.digest("hex")});
        }
    } finally {
        closeSync(input);
    }
    return {archive: {name: "archive", bytes: total, sha256: whole.digest("hex")}, parts};
}

/** One line per file, "name bytes sha256", which run.sh reads with awk; comments say what the kit holds. */
function writeManifest(out: string, kit: Kit, {cuda}: KitOptions) {
    const commit = spawnSync("git", ["-C", packageRoot, "rev-parse", "--short", "HEAD"], {encoding: "utf8"}).stdout?.trim() || "unknown";
    const nodeLlamaCpp = readPackage(path.join(packageRoot, "node_modules", "node-llama-cpp")).version;
    const lines = [
        `# iam-gen GPU kit, built ${new Date().toISOString()} at commit ${commit} (and the working tree's changes):`,
        `# node ${process.version}, node-llama-cpp ${nodeLlamaCpp} with ${cuda ? "its linux-x64 CPU and CUDA builds" : "its linux-x64 CPU build only (no CUDA)"}.`,
        "# name bytes sha256; the archive is the parts joined in order, a tar.xz.",
        ...[kit.archive, ...kit.parts].map((file) => `${file.name} ${file.bytes} ${file.sha256}`)
    ];
    writeFileSync(path.join(out, "MANIFEST"), lines.join("\n") + "\n");
}
