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
    /** Prefixes and names that stay ordinary nouns after "AWS" ("the same AWS account"): only aliases name the service. */
    commonNouns: string[];
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
    /** Why the access differs from what the catalog's actions named after the word mostly have. */
    why?: string;
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

/** How a field of a vocabulary file must look; a file that breaks it fails at load with the file and field named. */
type FieldShape = "words" | "wordMap" | "object" | "list";

const SHAPES: Record<string, Record<string, FieldShape>> = {
    "aliases.json": {
        services: "wordMap", ambiguous: "words", requirePrefix: "words", commonNouns: "words", dataNouns: "wordMap", nounSynonyms: "object",
        impliedBy: "object", typeSynonyms: "object", familyRedirects: "list"
    },
    "verbs.json": {
        access: "object", verbs: "list", full: "object", bundles: "object", permissionNouns: "words", negations: "words",
        denyWords: "words", allowWords: "words", guardrailWords: "words"
    }
};

function isWords(value: unknown): boolean {
    return Array.isArray(value) && value.every((word) => typeof word === "string" && word.trim() !== "");
}

function fits(value: unknown, shape: FieldShape): boolean {
    const isObject = value != null && typeof value === "object" && !Array.isArray(value);
    switch (shape) {
    case "words":
        return isWords(value);
    case "wordMap":
        return isObject && Object.values(value as object).every(isWords);
    case "object":
        return isObject;
    case "list":
        return Array.isArray(value);
    }
}

function readCatalogJson<T>(file: string): T {
    const location = path.join(packageRoot, "catalog", file);
    const data = JSON.parse(readFileSync(location, "utf8")) as Record<string, unknown>;
    for (const [field, shape] of Object.entries(SHAPES[file] ?? {})) {
        if (!fits(data[field], shape))
            throw new Error(`${location}: "${field}" is missing or is not ${shape === "words" ? "a list of words" : shape === "wordMap" ? "an object of word lists" : `a${shape === "object" ? "n object" : " list"}`}`);
    }
    return data as T;
}

export function serviceVocabulary(): ServiceVocabulary {
    services ??= readCatalogJson<ServiceVocabulary>("aliases.json");
    return services;
}

export function intentVocabulary(): IntentVocabulary {
    intents ??= readCatalogJson<IntentVocabulary>("verbs.json");
    for (const entry of intents.verbs) {
        if (!isWords(entry.words) || !isWords(entry.access))
            throw new Error(`catalog/verbs.json: every verb needs "words" and "access" lists (${JSON.stringify(entry).slice(0, 80)})`);
    }
    return intents;
}

let verbWordSet: ReadonlySet<string> | undefined;

/** Every word of the lexicon's verbs (verbs.json), as one set built once. */
export function verbWords(): ReadonlySet<string> {
    verbWordSet ??= new Set(intentVocabulary().verbs.flatMap((verb) => verb.words));
    return verbWordSet;
}
