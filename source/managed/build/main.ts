#!/usr/bin/env node
/** Part of `npm run build`: writes catalog/managed-policies.json, the latest version of each AWS managed policy. */
import {renameSync, writeFileSync} from "node:fs";
import {buildManagedPolicies} from "./buildManagedPolicies.js";
import {managedPoliciesPath} from "../paths.js";

const file = buildManagedPolicies();
const target = managedPoliciesPath();
const temp = `${target}.${process.pid}.tmp`;
writeFileSync(temp, JSON.stringify(file));
renameSync(temp, target);
console.log(`managed policies: ${file.policies.length} from ${file.dataPackage}@${file.dataVersion}`);
