import path from "node:path";
import {packageRoot} from "../catalog/paths.js";

/** The curated input of the companion rules. */
export function curatedCompanionsPath() {
    return path.join(packageRoot, "catalog", "companions.curated.json");
}
