#!/usr/bin/env node
/**
 * `npm run companions`: writes catalog/companions.json from catalog/companions.curated.json and the
 * AWS managed policies (catalog/managed-policies.json, written by `npm run build`).
 */
import {readFileSync} from "node:fs";
import {loadCatalog} from "../../catalog/index.js";
import {writeFileAtomic} from "../../files/writeFileAtomic.js";
import {loadManagedPolicies, managedPoliciesVersion} from "../../managed/index.js";
import {companionRulesPath} from "../../catalog/companionRules.js";
import {curatedCompanionsPath} from "../paths.js";
import type {CuratedFile} from "../types.js";
import {buildCompanionRules, formatRulesFile} from "./buildCompanionRules.js";

const curated = JSON.parse(readFileSync(curatedCompanionsPath(), "utf8")) as CuratedFile;
const file = buildCompanionRules(curated, loadManagedPolicies(), loadCatalog(), managedPoliciesVersion());
writeFileAtomic(companionRulesPath(), formatRulesFile(file));
console.log(`companion rules: ${file.rules.length}, ${file.rules.reduce((sum, rule) => sum + rule.actions.length, 0)} actions, from ${file.rules.filter((rule) => rule.source.kind === "managed policy").length} managed-policy rules`);
