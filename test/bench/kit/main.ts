// `npm run gpu-kit [-- --out DIR] [--part-mib N] [--level N]`: packs the GPU kit (pack.ts) and prints
// the device calls that carry and run it (test/bench/README.md explains them).
import path from "node:path";
import {parseArgs} from "node:util";
import {packageRoot} from "../context.js";
import {type Kit, packKit} from "./pack.js";

/** The most one device call carries is 64 MiB, the working tree included. */
const MAX_PART_MIB = 56;

try {
    const {values} = parseArgs({
        options: {
            out: {type: "string", default: ".gpu-kit"},
            "part-mib": {type: "string", default: String(MAX_PART_MIB)},
            level: {type: "string", default: "9"}
        }
    });
    const partMiB = Number(values["part-mib"]);
    const level = Number(values.level);
    if (!Number.isInteger(partMiB) || partMiB < 1 || partMiB > MAX_PART_MIB)
        throw new Error(`--part-mib must be a whole number from 1 to ${MAX_PART_MIB}, got "${values["part-mib"]}"`);
    if (!Number.isInteger(level) || level < 0 || level > 9)
        throw new Error(`--level must be an xz preset from 0 to 9, got "${values.level}"`);
    const out = path.resolve(values.out);
    const started = performance.now();
    const kit = await packKit({
        out,
        partBytes: partMiB * 2 ** 20,
        xzPreset: level,
        cuda: true,
        log: (message) => process.stderr.write(`gpu-kit: ${message}\n`)
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    console.log(`${path.relative(process.cwd(), out) || "."}: ${kit.parts.length} parts, ${mib(kit.archive.bytes)} in all (${seconds} s); MANIFEST, run.sh`);
    for (const part of kit.parts)
        console.log(`  ${part.name}  ${mib(part.bytes)}  ${part.sha256}`);
    console.log(deviceCalls(kit, path.relative(packageRoot, out)));
} catch (error) {
    console.error(`gpu-kit: ${(error as Error).message}`);
    process.exitCode = 2;
}

function mib(bytes: number) {
    return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** The device tool's calls, back to back (a warm machine goes back after 30 s idle). */
function deviceCalls(kit: Kit, folder: string) {
    if (folder.startsWith(".."))
        return `\nThe kit is outside the repository: the device tool carries only the repository's paths. Pack it with --out inside it.`;
    const count = kit.parts.length;
    const calls = kit.parts.map((part, index) => {
        const store = `bash ${folder}/run.sh store ${index + 1} ${count}`;
        const command = index + 1 === count ? `${store} && bash ${folder}/run.sh bench` : store;
        const carry = JSON.stringify([`${folder}/run.sh`, `${folder}/MANIFEST`, `${folder}/${part.name}`]);
        return `  ${index + 1}. command: ${command}\n     carry: ${carry}${index + 1 === count ? "\n     timeout_s: 540" : "\n     timeout_s: 120"}`;
    });
    return `\nDevice calls, one after another without a pause:\n${calls.join("\n")}`;
}
