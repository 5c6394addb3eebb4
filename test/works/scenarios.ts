import {readFileSync} from "node:fs";
import type {RequestContext} from "../../source/simulation/index.js";

/** A call the job makes, and the managed policy or documentation page that says it needs it. */
export interface Need {
    action: string;
    resource: string;
    context?: RequestContext;
    /** An AWS managed policy's name, or the title of a page in documentation.json. */
    source: string;
}

/** A request, the calls its job needs, and calls the policy must not allow. */
export interface Scenario {
    id: string;
    request: string;
    needs: Need[];
    denied?: Array<Omit<Need, "source">>;
}

const here = (file: string) => new URL(file, import.meta.url);

export function loadScenarios(): Scenario[] {
    return readFileSync(here("scenarios.jsonl"), "utf8").split("\n").filter((line) => line.trim() !== "").map((line) => JSON.parse(line) as Scenario);
}

/** The documentation pages the scenarios cite: title → address. */
export function documentationPages(): Record<string, string> {
    return (JSON.parse(readFileSync(here("documentation.json"), "utf8")) as {pages: Record<string, string>}).pages;
}

export function serviceOf(action: string) {
    return action.slice(0, action.indexOf(":")).toLowerCase();
}
