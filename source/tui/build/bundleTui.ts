#!/usr/bin/env node
/**
 * Bundles iam-gen-tui into dist/bundle/ (run by `npm run build` after tsc).
 *
 * Why: loading Ink from node_modules means resolving and compiling hundreds of small modules
 * (es-toolkit alone is ~240 ms here), which put the first frame near a second on a 2-core machine.
 * One tree-shaken bundle, with the parts loaded after the first frame split into their own chunks,
 * paints in well under half that. node-llama-cpp and the chart libraries stay external: they are
 * native or large and are imported only when used.
 */
import {rmSync} from "node:fs";
import path from "node:path";
import {build} from "esbuild";
import {packageRoot} from "../../catalog/paths.js";

const outdir = path.join(packageRoot, "dist", "bundle");
// Chunk names carry content hashes: clear the last build's.
rmSync(outdir, {recursive: true, force: true});
await build({
    // dist/bundle/ sits two levels under the package root like every dist/<domain>/ file, so that
    // packageRoot (catalog/, models/, package.json) resolves the same from bundled code.
    entryPoints: {tui: path.join(packageRoot, "dist", "tui", "main.js")},
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // cli-highlight is CommonJS imported after the first frame: Node's own interop gives its named exports.
    external: ["node-llama-cpp", "@resvg/resvg-js", "vega", "vega-lite", "cli-highlight",
        // Ink's React DevTools bridge, imported only when DEV=true.
        "./devtools.js"],
    // Bundled CommonJS dependencies call require(); ESM output has none of its own.
    banner: {js: "import {createRequire as __createRequire} from \"node:module\"; const require = __createRequire(import.meta.url);"},
    // React's production build, as the unbundled app gets when NODE_ENV=production: the development
    // build checks every render and is several times slower.
    define: {"process.env.NODE_ENV": "\"production\""},
    logLevel: "warning"
});
