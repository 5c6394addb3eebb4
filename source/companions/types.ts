import type {CompanionRule} from "../catalog/companionRules.js";

/**
 * catalog/companions.curated.json: what the build reads. A rule takes its actions from a managed
 * policy (`managedPolicy` and `services`, optionally only some `levels`, less `exclude`) or names
 * them with the `documentation` page that says so.
 */
export interface CuratedRule extends Omit<CompanionRule, "actions" | "source"> {
    managedPolicy?: string;
    services?: string[];
    levels?: string[];
    exclude?: string[];
    /** Only the actions whose names match this regular expression. */
    names?: string;
    /** Why an excluded action the source grants is not needed. */
    excludeWhy?: string;
    documentation?: {title: string; url: string};
    actions?: string[];
}

/** A console page's list calls: the List/Describe actions named after `nouns` in the service's read-only managed policy. */
export interface CuratedConsole {
    service: string;
    managedPolicy: string;
    nouns: string[];
    /** The actions whose page it is (`ec2:*Image*`); by default any of the service's (a service with one list page). */
    granted?: string[];
    /** Calls the page also needs that the read-only policy grants under other names, with the page that says so. */
    documented?: {actions: string[]; title: string; url: string};
}

export interface CuratedFile {
    $comment: string;
    /** What the request says to mean the console (`CompanionTrigger.words`). */
    consoleWords: string[][];
    rules: CuratedRule[];
    consoles: CuratedConsole[];
}
