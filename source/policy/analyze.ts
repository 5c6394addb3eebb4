import {type CatalogAction} from "../catalog/types.js";
import {type CatalogLookups} from "./CatalogLookups.js";
import {type Located, type PolicyView, type StatementView} from "./PolicyView.js";
import {type FindingCode} from "./findingRules.js";
import {type Finding} from "./types.js";

export interface ActionEntry extends Located {
    /** The service prefix in lower case; empty for `*`. */
    service: string;
    /** Catalog actions the entry names or matches; empty for unknown ones and for `*`. */
    actions: CatalogAction[];
    /** `*`, a service wildcard (`s3:*`) or a pattern (`s3:Get*`). */
    wildcard: boolean;
    /** `*` or `service:*`: reported as a whole by the security checks, not action by action. */
    serviceWide: boolean;
}

export interface AnalyzedStatement extends StatementView {
    entries: ActionEntry[];
    /** An entry is `*`. */
    anyAction: boolean;
    /** A Resource entry is `*`. */
    anyResource: boolean;
    /** Entries by lower-case service prefix. */
    entriesByService: Map<string, ActionEntry[]>;
}

/** Everything a check needs, resolved once per policy. */
export interface CheckContext {
    view: PolicyView;
    statements: AnalyzedStatement[];
    lookups: CatalogLookups;
    /** Only codes of the table of rules can be reported. */
    report(finding: Finding & {code: FindingCode}): void;
}

export function analyzeStatements(view: PolicyView, lookups: CatalogLookups): AnalyzedStatement[] {
    return view.statements.map((statement) => {
        const entries = statement.actions.map((entry): ActionEntry => {
            const {value} = entry;
            const wildcard = value.includes("*") || value.includes("?");
            const separator = value.indexOf(":");
            const serviceWide = value === "*" || (separator === value.length - 2 && value.endsWith("*"));
            const actions = value === "*" || separator < 0 ? [] : lookups.expand(value);
            const service = actions.length > 0 ? actions[0]!.service : separator < 0 ? "" : value.slice(0, separator).toLowerCase();
            // Built field by field: object spread is slow here, and this runs for every action of every policy.
            return {value, path: entry.path, service, actions, wildcard, serviceWide};
        });
        const entriesByService = new Map<string, ActionEntry[]>();
        for (const entry of entries) {
            const group = entriesByService.get(entry.service);
            if (group == null)
                entriesByService.set(entry.service, [entry]);
            else
                group.push(entry);
        }
        return {
            ...statement,
            entries,
            entriesByService,
            anyAction: entries.some((entry) => entry.value === "*"),
            anyResource: statement.resources.some((resource) => resource.value === "*")
        };
    });
}

/** "a, b, c and 4 more" */
export function listNames(names: readonly string[], limit = 4): string {
    if (names.length <= limit)
        return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
    return `${names.slice(0, limit).join(", ")} and ${names.length - limit} more`;
}

export function qualifiedName(action: CatalogAction) {
    return `${action.service}:${action.name}`;
}
