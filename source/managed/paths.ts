import path from "node:path";
import {packageRoot} from "../catalog/paths.js";

export function managedPoliciesPath() {
    return path.join(packageRoot, "catalog", "managed-policies.json");
}

export function managedPolicyNamesPath() {
    return path.join(packageRoot, "catalog", "managed-policy-names.json");
}

export function serviceUsagePath() {
    return path.join(packageRoot, "catalog", "service-usage.json");
}
