import {Command} from "commander";
import chalk from "chalk";
import {type Catalog, loadCatalog} from "../../catalog/index.js";
import {ACCESS_LEVELS} from "../../catalog/types.js";
import {closestCandidates} from "../../policy/editDistance.js";
import {CliError} from "../CliError.js";

/** `iam-gen catalog [service] [--json]`: the catalog's size and data version, or one service's actions by access level. */
export function catalogCommand() {
    return new Command("catalog")
        .description("show the AWS action catalog's size and data version, or list a service's actions by access level")
        .argument("[service]", "a service prefix, e.g. s3")
        .option("--json", "print JSON")
        .action((prefix: string | undefined, options: {json?: boolean}) => {
            const catalog = loadCatalog();
            if (prefix == null) {
                const summary = {
                    services: catalog.services.length,
                    actions: catalog.actionCount,
                    resourceTypes: catalog.resourceTypeCount,
                    conditionKeys: catalog.conditionKeyCount,
                    globalConditionKeys: catalog.globalConditionKeys.length,
                    dataPackage: catalog.dataPackage,
                    dataVersion: catalog.dataVersion,
                    dataUpdatedAt: catalog.dataUpdatedAt
                };
                if (options.json)
                    console.log(JSON.stringify(summary, null, 2));
                else
                    console.log([
                        `${chalk.bold("AWS action catalog")} from ${summary.dataPackage}@${summary.dataVersion} (updated ${summary.dataUpdatedAt.slice(0, 10)})`,
                        `  services         ${summary.services}`,
                        `  actions          ${summary.actions}`,
                        `  resource types   ${summary.resourceTypes}`,
                        `  condition keys   ${summary.conditionKeys} (${summary.globalConditionKeys} global)`
                    ].join("\n"));
                return;
            }

            const service = catalog.service(prefix);
            if (service == null) {
                const close = similarServices(catalog, prefix);
                throw new CliError(`unknown service "${prefix}"` + (close.length > 0 ? `; did you mean ${close.join(", ")}?` : ""));
            }
            if (options.json) {
                console.log(JSON.stringify({
                    prefix: service.prefix,
                    name: service.name,
                    actions: service.actions,
                    resourceTypes: service.resourceTypes,
                    conditionKeys: service.conditionKeys
                }, null, 2));
                return;
            }
            console.log(`${chalk.bold(service.name)} (${service.prefix}): ${service.actions.length} actions, ${service.resourceTypes.length} resource types`);
            // One column for the whole service, as wide as its longest name: long names no longer push their row out of line.
            const nameWidth = Math.max(...service.actions.map((action) => action.name.length));
            for (const level of ACCESS_LEVELS) {
                const actions = service.actions.filter((action) => action.accessLevels[0] === level);
                if (actions.length === 0)
                    continue;
                console.log(`\n${chalk.bold(level)} (${actions.length})`);
                for (const action of actions) {
                    const resources = action.resourceTypes.map((resource) => resource.name + (resource.required ? "*" : "")).join(", ");
                    console.log(`  ${action.name.padEnd(nameWidth)}  ${chalk.dim(resources || "\"*\" only")}`);
                }
            }
        });
}

/** Services a mistyped or partial name may mean: the closest prefix by edit distance (`s4` → `s3`), then prefixes and names that contain it. */
function similarServices(catalog: Catalog, text: string): string[] {
    const lower = text.toLowerCase();
    const closest = closestCandidates(lower, catalog.services, (service) => service.prefix).map((service) => service.prefix);
    const containing = catalog.services
        .filter((service) => service.prefix.includes(lower) || service.name.toLowerCase().includes(lower))
        .map((service) => service.prefix);
    return [...new Set([...closest, ...containing])].slice(0, 5);
}
