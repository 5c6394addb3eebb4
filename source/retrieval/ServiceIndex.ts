import type {Catalog} from "../catalog/Catalog.js";
import {phraseNorms, singular} from "./text.js";
import {serviceVocabulary} from "./vocabulary.js";
import {lexiconWords} from "./words.js";
import {memoPerCatalog} from "../catalog/memoPerCatalog.js";

/** Where a service phrase comes from; earlier sources win when two services share a phrase. */
export type PhraseSource = "alias" | "prefix" | "name" | "acronym";
const SOURCE_RANK: Record<PhraseSource, number> = {alias: 0, prefix: 1, name: 2, acronym: 3};

export interface ServicePhrase {
    norms: string[];
    service: string;
    source: PhraseSource;
    /** Also a common English word: counts only after "AWS"/"Amazon" or written capitalised inside a sentence. */
    ambiguous: boolean;
    /** So generic that only "AWS …"/"Amazon …" counts. */
    requirePrefix: boolean;
    /** An acronym derived from the full name: counts only written in capitals (EFS, ELB). */
    uppercaseOnly: boolean;
    /** Written with a hyphen ("execute-api", "x-ray"): only then may the request's words be joined by one. */
    hyphenated: boolean;
}

const BRAND_WORDS = lexiconWords("brandWords");
const ACRONYM_SKIP = lexiconWords("acronymSkip");

/**
 * Every phrase that names a service, indexed by its words joined without spaces: prefixes, catalog
 * names (with and without "AWS"/"Amazon"), acronyms of the names, and the curated aliases. Built once
 * per catalog, on first use.
 */
export class ServiceIndex {
    private readonly byJoined = new Map<string, ServicePhrase[]>();
    private readonly byKey = new Map<string, ServicePhrase>();

    private constructor(catalog: Catalog) {
        const vocabulary = serviceVocabulary();
        const ambiguous = new Set(vocabulary.ambiguous.map((phrase) => phraseNorms(phrase).join(" ")));
        const requirePrefix = new Set(vocabulary.requirePrefix.map((phrase) => phraseNorms(phrase).join(" ")));
        const commonNouns = new Set(vocabulary.commonNouns.map((phrase) => phraseNorms(phrase).join(" ")));
        const prefixes = new Set(catalog.services.map((service) => service.prefix));
        const add = (text: string, service: string, source: PhraseSource) => {
            const norms = phraseNorms(text);
            if (norms.length === 0 || BRAND_WORDS.has(norms.join(" ")))
                return;
            const key = norms.join(" ");
            if (source !== "alias" && commonNouns.has(key))
                return;
            const phrase: ServicePhrase = {
                norms, service, source,
                ambiguous: ambiguous.has(key),
                requirePrefix: requirePrefix.has(key),
                uppercaseOnly: source === "acronym",
                hyphenated: text.includes("-")
            };
            const existing = this.byKey.get(key);
            if (existing != null && SOURCE_RANK[existing.source] <= SOURCE_RANK[source])
                return;
            this.byKey.set(key, phrase);
        };

        for (const [service, aliases] of Object.entries(vocabulary.services))
            for (const alias of aliases)
                add(alias, service, "alias");
        const acronymCounts = new Map<string, string[]>();
        for (const service of catalog.services) {
            add(service.prefix, service.prefix, "prefix");
            for (const name of nameVariants(service.name))
                add(name, service.prefix, "name");
            const acronym = acronymOf(service.name);
            if (acronym != null && !prefixes.has(acronym))
                acronymCounts.set(acronym, [...acronymCounts.get(acronym) ?? [], service.prefix]);
        }
        for (const [acronym, services] of acronymCounts)
            if (services.length === 1)
                add(acronym, services[0]!, "acronym");
        for (const [name, services] of familyShortNames(catalog))
            if (services.length === 1)
                add(name, services[0]!, "name");

        for (const phrase of this.byKey.values()) {
            // Joined, so that "Secrets Manager", "SecretsManager" and "Sage Maker" find the same phrase.
            for (const key of new Set([phrase.norms.join(""), singular(phrase.norms.join(""))])) {
                const list = this.byJoined.get(key) ?? [];
                list.push(phrase);
                this.byJoined.set(key, list);
            }
        }
        for (const list of this.byJoined.values())
            list.sort((a, b) => SOURCE_RANK[a.source] - SOURCE_RANK[b.source]);
    }

    static readonly for = memoPerCatalog((catalog) => new ServiceIndex(catalog));

    hasJoined(joined: string): boolean {
        return this.byJoined.has(joined);
    }

    /** Phrases whose words, joined without spaces, read `joined` (`secretsmanager`, `sagemaker`). */
    phrasesJoined(joined: string): readonly ServicePhrase[] {
        return this.byJoined.get(joined) ?? [];
    }
}

/** Words a name keeps after its family's name for people to write it alone ("Observability Access Manager"). */
const MIN_FAMILY_SHORT_WORDS = 3;

/**
 * "Amazon CloudWatch Observability Access Manager" → "Observability Access Manager": a name that begins with
 * another service's name (its family) is also written without it, when what remains is itself a name of
 * several capitalised words. Each short name with the services that have it (one is usable, two are not).
 */
function familyShortNames(catalog: Catalog): Map<string, string[]> {
    const names = catalog.services.map((service) => withoutBrand(withoutParentheses(service.name)).split(" "));
    const families = new Set(names.map((words) => words.join(" ")));
    const short = new Map<string, string[]>();
    catalog.services.forEach((service, k) => {
        const words = names[k]!;
        // Each run of the name's first words that is another service's name leaves the rest as a short name.
        for (let cut = 1; cut <= words.length - MIN_FAMILY_SHORT_WORDS; cut++) {
            const rest = words.slice(cut);
            if (families.has(words.slice(0, cut).join(" ")) && rest.every((word) => /^[A-Z0-9]/.test(word)))
                short.set(rest.join(" "), [...short.get(rest.join(" ")) ?? [], service.prefix]);
        }
    });
    return short;
}

/** "AWS Identity and Access Management (IAM)" → the name with and without the brand word, and "IAM". */
function nameVariants(name: string): string[] {
    const variants: string[] = [];
    const parenthesised = /\(([^)]+)\)/.exec(name)?.[1];
    const plain = withoutParentheses(name);
    variants.push(plain);
    const stripped = withoutBrand(plain);
    if (stripped !== plain && stripped.length > 0)
        variants.push(stripped);
    if (parenthesised != null)
        variants.push(parenthesised.replace(/^for\s+/i, ""));
    return variants;
}

function withoutParentheses(name: string): string {
    return name.replace(/\([^)]*\)/g, " ").replace(/\s+/g, " ").trim();
}

function withoutBrand(name: string): string {
    return name.replace(/^(AWS|Amazon)\s+/i, "");
}

/** "Amazon Elastic File System" → "efs": capitals of the name's words, three letters or more. */
function acronymOf(name: string): string | undefined {
    const words = name.replace(/\([^)]*\)/g, " ").replace(/^(AWS|Amazon)\s+/i, "").split(/\s+/)
        .filter((word) => word.length > 0 && !ACRONYM_SKIP.has(word.toLowerCase()));
    if (words.length < 2 || words.some((word) => !/^[A-Z]/.test(word)))
        return undefined;
    const acronym = words.map((word) => word.replace(/[^A-Z]/g, "")).join("").toLowerCase();
    return acronym.length >= 3 ? acronym : undefined;
}
