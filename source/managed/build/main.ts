#!/usr/bin/env node
/**
 * Part of `npm run build`: writes catalog/managed-policies.json, the latest version of each AWS
 * managed policy, catalog/managed-policy-names.json, their names alone for matching requests, and
 * catalog/service-usage.json, how many of them grant each service (how common a service is, for reading).
 */
import {buildManagedPolicies} from "./buildManagedPolicies.js";
import {managedPoliciesPath, managedPolicyNamesPath, serviceUsagePath} from "../paths.js";
import type {ManagedPolicyNamesFile} from "../types.js";
import {countServiceUsage} from "./countServiceUsage.js";
import {writeFileAtomic} from "../../files/writeFileAtomic.js";

const file = buildManagedPolicies();
const names: ManagedPolicyNamesFile = {dataVersion: file.dataVersion, policies: file.policies.map(({name, arn}) => ({name, arn}))};
writeFileAtomic(managedPoliciesPath(), JSON.stringify(file));
writeFileAtomic(managedPolicyNamesPath(), JSON.stringify(names));
writeFileAtomic(serviceUsagePath(), JSON.stringify(countServiceUsage(file.policies)));
console.log(`managed policies: ${file.policies.length} from ${file.dataPackage}@${file.dataVersion}`);
