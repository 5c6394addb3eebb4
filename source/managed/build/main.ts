#!/usr/bin/env node
/**
 * Part of `npm run build`: writes catalog/managed-policies.json, the latest version of each AWS
 * managed policy, and catalog/managed-policy-names.json, their names alone for matching requests.
 */
import {renameSync, writeFileSync} from "node:fs";
import {buildManagedPolicies} from "./buildManagedPolicies.js";
import {managedPoliciesPath, managedPolicyNamesPath} from "../paths.js";
import type {ManagedPolicyNamesFile} from "../types.js";

function writeAtomically(target: string, value: unknown) {
    const temp = `${target}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(value));
    renameSync(temp, target);
}

const file = buildManagedPolicies();
const names: ManagedPolicyNamesFile = {dataVersion: file.dataVersion, policies: file.policies.map(({name, arn}) => ({name, arn}))};
writeAtomically(managedPoliciesPath(), file);
writeAtomically(managedPolicyNamesPath(), names);
console.log(`managed policies: ${file.policies.length} from ${file.dataPackage}@${file.dataVersion}`);
