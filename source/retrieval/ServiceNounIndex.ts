import MiniSearch from "minisearch";
import type {Catalog} from "../catalog/Catalog.js";
import type {CatalogService} from "../catalog/types.js";
import {managedServiceUsage} from "../managed/index.js";
import {groupBy, hyphenedToNext, lemmas, nameWords, singular, STOPWORDS, typeWords, type Token} from "./text.js";
import type {ComposedName} from "./bareActionNames.js";
import {lexicon} from "./lexicon.js";
import {lexiconWords} from "./words.js";
import {intentVocabulary, serviceVocabulary} from "./vocabulary.js";
import {memoPerCatalog} from "../catalog/memoPerCatalog.js";

/** A service a request's nouns point to, with the words that did. */
export interface ServiceByNouns {
    service: string;
    score: number;
    matched: string[];
    /** Services whose nouns the request uses almost as much: the reading is a best guess among them. */
    rivals: string[];
}

interface ServiceDocument {
    id: string;
    /** Resource type names whole, one word or run together ("key", "datacatalog", "keypair"): the service's own things. */
    typeNames: string;
    /** The types a good share of its actions act on, whole ("function" of Lambda, not of CloudFront). */
    mainTypes: string;
    /** The last word of each resource type's name ("pair" of key pair). */
    typeHeads: string;
    /** The other words of resource types' names ("key" of key pair): they only qualify the type. */
    typeModifiers: string;
    /** The nouns of its action names ("CreateNamedQuery" → named, query, namedquery). */
    nouns: string;
}

/** A noun shared by more services than this names none of them (tag, policy, resource…). */
const MAX_SERVICES_PER_NOUN = 80;
/** The best service must lead the next by this factor to be implied without naming rivals. */
const LEAD = 1.25;
/**
 * What each field weighs: a type's whole name most, then the head of a type's name; a word that only
 * qualifies a type ("key" of EC2's key pair, "wildcard" of Connect's wildcard queue) no more than an
 * action name's noun. A service's main type weighs more again ("function": Lambda, not CloudFront).
 */
const FIELD_BOOSTS = {typeNames: 6, mainTypes: 2, typeHeads: 2, typeModifiers: 1, nouns: 1};
/** The share of a service's actions that must act on a type for it to be a main type. */
const MAIN_TYPE_SHARE = 0.25;
/** Two request words that run together into one catalog noun ("data catalog") say more than either alone. */
const JOINED_BOOST = 2;
/** What a spelling with a synonym of the verb weighs where another service spells the verb as written. */
const SYNONYM_SHARE = 0.5;
/** The least weight of an action name the request spells, when no noun scored. */
const COMPOSED_BONUS = 100;

/**
 * The catalog's own nouns, indexed per service with BM25 (MiniSearch): resource type names and the
 * nouns of action names. A request that names no service ("create a branch in a repository",
 * "list all workgroups") still implies the one whose things it talks about. Built once per catalog.
 */
export class ServiceNounIndex {
    private readonly documents: ServiceDocument[];
    private searchIndex: MiniSearch<ServiceDocument> | undefined;
    private readonly nounServices = new Map<string, Set<string>>();
    /** Resource type names of two or more words, run together ("vpclink"), with the services that have them. */
    private readonly compoundTypes = new Map<string, Set<string>>();
    /** The last word of each resource type's name, per service ("stack", "topic"). */
    private readonly typeHeads = new Map<string, Set<string>>();
    /** Every service's resource type names whole, one word or run together ("datacatalog", "keypair"). */
    private readonly typeNames = new Set<string>();
    /** The services that begin an action name with each first word ("update": most, "pass": few). */
    private readonly firstWordServices = new Map<string, Set<string>>();
    private readonly serviceCount: number;

    static readonly for = memoPerCatalog((catalog) => new ServiceNounIndex(catalog));

    private constructor(catalog: Catalog) {
        this.serviceCount = catalog.services.length;
        for (const service of catalog.services)
            for (const action of service.actions) {
                const word = nameWords(action.name)[0]!;
                this.firstWordServices.set(word, (this.firstWordServices.get(word) ?? new Set<string>()).add(service.prefix));
            }
        this.documents = catalog.services.map((service) => this.document(service));
        this.addOwnFirstWords(this.documents);
    }

    /** The BM25 index, built on first search: most requests name their services and only ask the word maps. */
    private get search(): MiniSearch<ServiceDocument> {
        if (this.searchIndex == null) {
            this.searchIndex = new MiniSearch<ServiceDocument>({
                fields: ["typeNames", "mainTypes", "typeHeads", "typeModifiers", "nouns"],
                tokenize: (text) => text.split(" "),
                processTerm: (term) => term === "" || (this.nounServices.get(term)?.size ?? 0) > MAX_SERVICES_PER_NOUN ? null : term,
                searchOptions: {boost: FIELD_BOOSTS, bm25: {k: 1.2, b: 0, d: 0.5}}
            });
            this.searchIndex.addAll(this.documents);
        }
        return this.searchIndex;
    }

    private document(catalogService: CatalogService): ServiceDocument {
        const service = catalogService.prefix;
        const typeNames = catalogService.resourceTypes.map((type) => type.name);
        this.typeHeads.set(service, new Set(typeNames.map((name) => typeWords(name).at(-1)).filter((word) => word != null)));
        const wholeNames = new Set<string>();
        const heads = new Set<string>();
        const modifiers = new Set<string>();
        for (const name of typeNames) {
            const words = typeWords(name);
            wholeNames.add(words.join(""));
            this.typeNames.add(words.join(""));
            heads.add(words.at(-1)!);
            words.slice(0, -1).forEach((word) => modifiers.add(word));
            if (words.length > 1) {
                // As the catalog abbreviates it and as people write it ("code signing config(uration)").
                const synonyms = serviceVocabulary().nounSynonyms["*"] ?? {};
                for (const joined of new Set([words.join(""), words.map((word) => synonyms[word] ?? word).join("")]))
                    this.compoundTypes.set(joined, (this.compoundTypes.get(joined) ?? new Set<string>()).add(service));
            }
        }
        const nouns = new Set<string>();
        for (const {name} of catalogService.actions) {
            const words = objectWords(name);
            words.forEach((word) => nouns.add(word));
            for (let k = 0; k + 1 < words.length; k++)
                nouns.add(words[k]! + words[k + 1]!);
        }
        for (const word of new Set([...wholeNames, ...heads, ...modifiers, ...nouns])) {
            let services = this.nounServices.get(word);
            if (services == null)
                this.nounServices.set(word, services = new Set());
            services.add(service);
        }
        return {id: service, typeNames: [...wholeNames].join(" "), typeHeads: [...heads].join(" "), typeModifiers: [...modifiers].join(" "), mainTypes: mainTypes(catalogService).map((name) => typeWords(name).join("")).join(" "), nouns: [...nouns].join(" ")};
    }

    /**
     * A word the catalog uses as a noun that begins the action names of one service only names that
     * service's thing there too (CodeCommit's GitPull, GitPush: git, as in GitHub), though the first word
     * of an action name is mostly its verb. A verb of the lexicon stays a verb.
     */
    private addOwnFirstWords(documents: ServiceDocument[]) {
        const verbs = lexiconVerbs();
        for (const [word, services] of this.firstWordServices) {
            const [service] = services;
            if (services.size !== 1 || verbs.has(word) || !this.nounServices.has(word) || this.nounServices.get(word)!.has(service!))
                continue;
            this.nounServices.get(word)!.add(service!);
            const document = documents.find((entry) => entry.id === service)!;
            document.nouns = `${document.nouns} ${word}`.trim();
        }
    }

    /** Of `services`, the one whose nouns the request uses most (undefined when none of them scores). */
    bestAmong(tokens: readonly Token[], services: readonly string[], skip: (index: number) => boolean = () => false): string | undefined {
        const {words, joined} = requestTerms(tokens, skip, (term) => this.nounServices.has(term), (term) => this.typeNames.has(term));
        const terms = [...words, ...joined].filter((term) => this.nounServices.has(term));
        if (terms.length === 0)
            return undefined;
        const among = new Set(services);
        const [best] = this.search.search(terms.join(" "), {
            combineWith: "OR", filter: (result) => among.has(result.id as string),
            boostTerm: (term) => joined.includes(term) ? JOINED_BOOST : 1, boostDocument: (id) => Math.log(2 + managedServiceUsage(id as string))
        });
        return best?.id as string | undefined;
    }

    /** The services with a resource type of several words spelt by these run together ("vpclink": API Gateway). */
    compoundTypeOwners(joined: string): string[] {
        return [...this.compoundTypes.get(joined) ?? []];
    }

    /** Whether one of this service's resource types ends with this word ("stack": CloudFormation's stack). */
    endsTypeOf(service: string, word: string): boolean {
        return this.typeHeads.get(service)?.has(word) === true;
    }

    /** Whether this service's resource types or action names use this noun (singular, lower case). */
    serviceHasNoun(service: string, word: string): boolean {
        return this.nounServices.get(word)?.has(service) === true;
    }

    /** Whether some service's resource types or action names use this noun (singular, lower case). */
    isCatalogNoun(word: string): boolean {
        return this.nounServices.has(word);
    }

    /**
     * The service the request's nouns point to, with the services that come close when none clearly
     * leads ("list all workgroups": Athena, rival Redshift Serverless); `skip` marks tokens that say
     * nothing about the target (framing, conditions, names).
     */
    impliedBy(tokens: readonly Token[], skip: (index: number) => boolean = () => false, composed: readonly ComposedName[] = []): ServiceByNouns | undefined {
        const {words, joined} = requestTerms(tokens, skip, (term) => this.nounServices.has(term), (term) => this.typeNames.has(term));
        const terms = [...words, ...joined].filter((term) => this.nounServices.has(term));
        const joinedTerms = new Set(joined);
        // A common service is the likelier reading of a shared noun ("data catalog": Athena, not QLDB).
        const usage = (service: string) => Math.log(2 + managedServiceUsage(service));
        const results = terms.length === 0 ? [] : this.search.search(terms.join(" "), {combineWith: "OR", boostTerm: (term) => joinedTerms.has(term) ? JOINED_BOOST : 1, boostDocument: (id) => usage(id as string)});
        const scores = new Map(results.map((result) => [result.id as string, {score: result.score, matched: result.terms}]));
        // An action the request spells ("pass the role" → PassRole) outweighs nouns the service merely shares.
        const top = LEAD * Math.max(COMPOSED_BONUS, ...results.map((result) => result.score));
        // The request's nouns a service explains: its own, and the words qualifying a spelt action's object where
        // it has that thing ("modify the dev branch": dev, for every service with branches). A service whose
        // explained nouns another's strictly contain spells a generic verb in vain ("update a branch in all
        // repositories": Amplify's UpdateBranch explains branch, CodeCommit branch and repository); a verb few
        // services spell explains one thing more, the verb ("pass the execution role": PassRole), so it is
        // outweighed only by two nouns more ("run prepared statements … and workgroup": Glue's RunStatement
        // explains prepared, Athena prepared, workgroup and prepared statement).
        const explained = (service: string) => new Set(terms.filter((term) => this.serviceHasNoun(service, term)
            || composed.some((entry) => entry.object.includes(term) && (entry.services.includes(service) || this.serviceHasNoun(service, entry.object.at(-1)!)))));
        const candidates = new Set([...scores.keys(), ...composed.flatMap((entry) => entry.services)]);
        const explainedBy = new Map([...candidates].map((service) => [service, explained(service)]));
        const outexplained = (service: string, by: number) => {
            const own = explainedBy.get(service)!;
            return [...explainedBy.values()].some((other) => other.size > own.size + by && [...own].every((term) => other.has(term)));
        };
        // A verb most services begin action names with ("update", "create", "list") says little of whose the action is.
        const generic = (entry: ComposedName) => (this.firstWordServices.get(nameWords(entry.verbName)[0]!)?.size ?? 0) > this.serviceCount / 2;
        // Each verb of the request counts once for a service, however many spellings it has ("run queries":
        // RunQuery, StartQuery, ExecuteQuery), so a service with more of the verbs' actions explains more of
        // the request ("create, cancel, get and update the capacity reservation": Athena has all four); of
        // those with the same, the common one is likelier ("CopySnapshot": EC2).
        // The verb as written outweighs its synonyms ("run queries": Athena's RunQuery before the StartQuery of Logs).
        for (const spellings of groupBy(composed, (entry) => entry.verb).values()) {
            const services = new Set(spellings.flatMap((entry) => entry.services).filter((service) =>
                !outexplained(service, spellings.some((entry) => entry.services.includes(service) && !generic(entry)) ? 1 : 0)));
            const most = Math.max(...[...services].map(usage));
            const anyLiteral = spellings.some((spelling) => spelling.literal);
            for (const service of services) {
                const entry = scores.get(service) ?? {score: 0, matched: []};
                const own = spellings.filter((spelling) => spelling.services.includes(service));
                const share = !anyLiteral || own.some((spelling) => spelling.literal) ? 1 : SYNONYM_SHARE;
                scores.set(service, {score: entry.score + share * top * (1 + usage(service) / most) / 2, matched: [...entry.matched, ...own.map((spelling) => spelling.name)]});
            }
        }
        const ranked = [...scores].sort(([, a], [, b]) => b.score - a.score);
        const [best] = ranked;
        if (best == null)
            return undefined;
        const rivals = ranked.slice(1).filter(([, entry]) => best[1].score < entry.score * LEAD).map(([service]) => service);
        return {service: best[0], score: best[1].score, matched: best[1].matched, rivals};
    }
}

/**
 * The words of an action name after its verb: after the first word, and after the second too where only
 * that one is a verb of the lexicon ("BatchGetQueryExecution": query, execution; not "get query").
 */
function objectWords(name: string): string[] {
    const words = nameWords(name);
    const verbs = lexiconVerbs();
    return words.slice(!verbs.has(words[0]!) && words.length > 2 && verbs.has(words[1]!) ? 2 : 1);
}

/** The resource types a good share of the service's actions act on: what the service is mostly about. */
function mainTypes(service: CatalogService): string[] {
    const counts = new Map<string, number>();
    for (const action of service.actions)
        for (const type of action.resourceTypes)
            counts.set(type.name, (counts.get(type.name) ?? 0) + 1);
    return [...counts].filter(([, count]) => count >= MAIN_TYPE_SHARE * service.actions.length).map(([name]) => name);
}

let verbWords: Set<string> | undefined;

/** The lexicon's verbs, permission cues and document nouns: what a request does, not what it does it to. */
function lexiconVerbs(): Set<string> {
    if (verbWords == null) {
        const {verbs, allowWords, denyWords, guardrailWords, permissionNouns} = intentVocabulary();
        // The policy's own nouns ("an IAM policy for …", "this statement") name the document, not a service's things.
        const documentNouns = lexicon().framing.heads.filter((words) => words.length === 1).map(([word]) => word!);
        verbWords = new Set([...verbs.flatMap((verb) => verb.words), ...allowWords, ...denyWords, ...guardrailWords, ...permissionNouns, ...documentNouns]);
    }
    return verbWords;
}

const RELATIVE_PRONOUNS = lexiconWords("relativePronouns");
const ARTICLES = lexiconWords("articles");

/**
 * Words for what a policy grants ("deny actions on data catalogs", "API calls") and for a thing's name
 * or id ("canary names"): every service has them, so they say nothing of whose the thing is.
 */
const NO_SERVICES_NOUNS = new Set([...lexiconWords("allOfAService"), ...lexiconWords("nameIntroducers")]);

/**
 * The clause's verb, not a noun: the word between a relative pronoun and an article ("a policy that
 * uses a wildcard": uses).
 */
function isRelativeClauseVerb(tokens: readonly Token[], index: number): boolean {
    const [before, after] = [tokens[index - 1], tokens[index + 1]];
    return before != null && after != null && RELATIVE_PRONOUNS.has(before.lower) && ARTICLES.has(after.lower) && before.clause === after.clause;
}

/**
 * "VPC-connected functions", "key-value pair": words hyphened together before a noun describe that
 * noun; they are not what is acted on. A run that is, or with that noun makes, a resource type's name
 * ("key-pair" names, "auto-scaling group") is still that type.
 */
function inHyphenedModifier(tokens: readonly Token[], index: number, isTypeName: (term: string) => boolean): boolean {
    let [first, last] = [index, index];
    while (hyphenedToNext(tokens, first - 1))
        first--;
    while (hyphenedToNext(tokens, last))
        last++;
    const after = tokens[last + 1];
    if (last === first || after == null || after.compound || after.clause !== tokens[index]!.clause || !/^[a-z]+$/.test(after.text) || STOPWORDS.has(after.lower))
        return false;
    const run = tokens.slice(first, last + 1).map((token) => token.lower).join("");
    return !isTypeName(run) && !isTypeName(run + after.norm);
}

/** Nouns of the request as the index spells them: singular words, and adjacent pairs run together. */
function requestTerms(tokens: readonly Token[], skip: (index: number) => boolean, isNoun: (term: string) => boolean, isTypeName: (term: string) => boolean): {words: string[]; joined: string[]} {
    const verbs = lexiconVerbs();
    const isVerb = (token: Token, index: number) => lemmas(token.lower).some((lemma) => verbs.has(lemma)) || isRelativeClauseVerb(tokens, index);
    const isWord = (token: Token, index: number) => !skip(index) && /^[a-z]+$/.test(token.lower) && !isVerb(token, index);
    const joined: string[] = [];
    // "data catalog" → datacatalog, the way the catalog runs type names together (either word may be common).
    tokens.forEach((token, index) => {
        const next = tokens[index + 1];
        if (next == null || next.sentence !== token.sentence || skip(index) || skip(index + 1) || STOPWORDS.has(next.lower))
            return;
        const term = token.lower + singular(next.lower);
        // A verb's form may begin a catalog noun ("named queries" → namedquery); otherwise verbs join nothing.
        if ((!isWord(token, index) || !isWord(next, index + 1)) && !isNoun(term))
            return;
        // A short function word ("for", "the") starts no noun; "data" of "data catalog" does.
        if (STOPWORDS.has(token.lower) && token.lower.length < 4)
            return;
        joined.push(term);
    });
    const words = tokens.filter((token, index) => isWord(token, index) && !STOPWORDS.has(token.lower) && !NO_SERVICES_NOUNS.has(token.norm)
        && !inHyphenedModifier(tokens, index, isTypeName));
    return {words: [...new Set(words.map((token) => token.norm))], joined: [...new Set(joined)]};
}
