import {existsSync, readFileSync} from "node:fs";
import path from "node:path";

interface PackageJson {
    name: string;
    version: string;
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
}

export function readPackage(folder: string) {
    return JSON.parse(readFileSync(path.join(folder, "package.json"), "utf8")) as PackageJson;
}

/** Where Node's resolution finds `name` from inside `folder`: the nearest node_modules/<name> up the tree. */
function findPackage(name: string, folder: string) {
    for (let at = folder; ; at = path.dirname(at)) {
        const candidate = path.join(at, "node_modules", name);
        if (existsSync(path.join(candidate, "package.json")))
            return candidate;
        if (path.dirname(at) === at)
            return undefined;
    }
}

export interface ClosureOptions {
    /** Optional dependencies with these prefixes are taken only when listed in `keep` (node-llama-cpp's per-platform builds). */
    filtered: {prefix: string; keep: readonly string[]};
    /** Packages found elsewhere than in node_modules (a build fetched with `npm pack`). */
    located?: ReadonlyMap<string, string>;
}

/**
 * The installed package folders that `roots` load at run time: their dependencies and the optional
 * ones that are installed, transitively, as Node resolves them from `packageRoot`. A folder nested
 * in another (node_modules/a/node_modules/b) is left out: it comes with its parent.
 */
export function dependencyClosure(packageRoot: string, roots: readonly string[], {filtered, located}: ClosureOptions) {
    const folders = new Set<string>();
    const visit = (folder: string) => {
        if (folders.has(folder))
            return;
        folders.add(folder);
        const manifest = readPackage(folder);
        for (const [dependency, optional] of [
            ...Object.keys(manifest.dependencies ?? {}).map((name) => [name, false] as const),
            ...Object.keys(manifest.optionalDependencies ?? {}).map((name) => [name, true] as const)
        ]) {
            if (dependency.startsWith(filtered.prefix) && !filtered.keep.includes(dependency))
                continue;
            const found = located?.get(dependency) ?? findPackage(dependency, folder);
            if (found != null)
                visit(found);
            else if (!optional)
                throw new Error(`${manifest.name} needs ${dependency}, which is not installed: run npm ci`);
        }
    };
    for (const root of roots) {
        const found = located?.get(root) ?? findPackage(root, packageRoot);
        if (found == null)
            throw new Error(`${root} is not installed: run npm ci`);
        visit(found);
    }
    const all = [...folders];
    return all.filter((folder) => !all.some((other) => other !== folder && folder.startsWith(other + path.sep)));
}

/** The path a package folder takes in the kit: node_modules/<name>, whatever node_modules it came from. */
export function kitPath(folder: string) {
    return path.join("node_modules", readPackage(folder).name);
}
