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
import {readFileSync, rmSync} from "node:fs";
import path from "node:path";
import {build, type Plugin} from "esbuild";
import {packageRoot} from "../../catalog/paths.js";

/**
 * Ink's layout engine (yoga-layout) embeds its WebAssembly as a data: URL and, wherever `fetch`
 * exists, loads it with `fetch`: on Node that loads undici and its web streams first, ~50 ms of
 * the first frame. Its own fallback decodes the base64 in place; this makes it take that path.
 */
const yogaWithoutFetch: Plugin = {
    name: "yoga-without-fetch",
    setup(build) {
        build.onLoad({filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, ({path: file}) => {
            const source = readFileSync(file, "utf8");
            const patched = source.replaceAll("\"function\"!=typeof fetch", "true");
            // A new yoga-layout release that loads differently must not slip through unpatched.
            if (patched === source)
                throw new Error(`yoga-without-fetch: no fetch check found in ${file}; review the plugin for this yoga-layout version`);
            return {contents: patched, loader: "js"};
        });
    }
};

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
    plugins: [yogaWithoutFetch],
    logLevel: "warning"
});

