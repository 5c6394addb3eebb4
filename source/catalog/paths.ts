import path from "node:path";
import {fileURLToPath} from "node:url";

/** The package root, found from this file whether it runs from source/ (tests) or dist/ (built). */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export function catalogIndexPath() {
    return path.join(packageRoot, "catalog", "index.json");
}

export function catalogDescriptionsPath() {
    return path.join(packageRoot, "catalog", "descriptions.json");
}

export function catalogLemmasPath() {
    return path.join(packageRoot, "catalog", "lemmas.json");
}
