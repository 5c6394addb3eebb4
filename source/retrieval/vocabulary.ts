import {readFileSync} from "node:fs";
import path from "node:path";
import {packageRoot} from "../catalog/paths.js";
import type {AccessLevel} from "../catalog/types.js";
import type {AccessIntent} from "./types.js";

/** catalog/aliases.json: curated service vocabulary. */
export interface ServiceVocabulary {
    services: Record<string, string[]>;
    ambiguous: string[];
    requirePrefix: string[];
    dataNouns: Record<string, string[]>;
    nounSynonyms: Record<string, Record<string, string>>;
    /** Nouns that imply a service when a permission request names none ("launch t3.micro instances" → ec2). */
    impliedBy: Record<string, string>;
    typeSynonyms: Record<string, Record<string, string>>;
    familyRedirects: Array<{from: string; to: string; when: string[]; unless: string[]; companions: string[]}>;
}

export interface VerbEntry {
    words: string[];
    access: AccessIntent[];
    /** First words of the action names the verb means (`Start` → StartInstances). */
    names?: string[];
    /** "read-only": everything but the asked access is ruled out. */
    only?: boolean;
}

/** catalog/verbs.json: curated intent vocabulary. */
export interface IntentVocabulary {
    access: Record<Exclude<AccessIntent, "full">, {levels: AccessLevel[]; prefer: string[]}>;
    verbs: VerbEntry[];
    full: {before: string[]; after: string[]};
    bundles: Record<string, Record<string, string[]>>;
    permissionNouns: string[];
    negations: string[];
    denyWords: string[];
    allowWords: string[];
    guardrailWords: string[];
}

let services: ServiceVocabulary | undefined;
let intents: IntentVocabulary | undefined;

function readCatalogJson<T>(file: string): T {
    return JSON.parse(readFileSync(path.join(packageRoot, "catalog", file), "utf8")) as T;
}

export function serviceVocabulary(): ServiceVocabulary {
    services ??= readCatalogJson<ServiceVocabulary>("aliases.json");
    return services;
}

export function intentVocabulary(): IntentVocabulary {
    intents ??= readCatalogJson<IntentVocabulary>("verbs.json");
    return intents;
}
