import type {Llama, LlamaGrammar} from "node-llama-cpp";
import type {Catalog} from "../../catalog/Catalog.js";
import type {Effect} from "../../retrieval/types.js";
import {buildPolicyGrammar} from "./policyGrammar.js";

/** Narrowed grammars kept per model, besides the whole-catalog ones, which are kept for good. */
const MAX_NARROWED = 16;
const BOTH_EFFECTS: readonly Effect[] = ["Allow", "Deny"];
const sharedGrammars = new WeakMap<Llama, WeakMap<Catalog, PolicyGrammars>>();

/**
 * Compiled policy grammars for one `Llama`. The whole-catalog grammar takes about half a second
 * to build and compile, so it is built once; grammars narrowed to a set of services are kept for
 * reuse, least recently used dropped first.
 */
export class PolicyGrammars {
    private readonly whole = new Map<string, Promise<LlamaGrammar>>();
    private readonly narrowed = new Map<string, Promise<LlamaGrammar>>();

    private constructor(private readonly llama: Llama, private readonly catalog: Catalog) {}

    /** The grammars of this `Llama` (one per process and GPU setting), shared by every engine using it. */
    static for(llama: Llama, catalog: Catalog): PolicyGrammars {
        const byCatalog = sharedGrammars.get(llama) ?? new WeakMap<Catalog, PolicyGrammars>();
        sharedGrammars.set(llama, byCatalog);
        let grammars = byCatalog.get(catalog);
        if (grammars == null) {
            grammars = new PolicyGrammars(llama, catalog);
            byCatalog.set(catalog, grammars);
        }
        return grammars;
    }

    /**
     * The grammar for these services (unknown prefixes ignored), or for the whole catalog when none
     * is known, with statements of the given effects.
     */
    get(services: Iterable<string> = [], effects: Iterable<Effect> = BOTH_EFFECTS): Promise<LlamaGrammar> {
        const known = [...new Set(services)].filter((prefix) => this.catalog.service(prefix) != null).sort();
        const allowed = BOTH_EFFECTS.filter((effect) => [...effects].includes(effect));
        const effectKey = allowed.join(",");
        if (known.length === 0) {
            let grammar = this.whole.get(effectKey);
            if (grammar == null) {
                grammar = this.compile(buildPolicyGrammar({catalog: this.catalog, effects: allowed}));
                this.whole.set(effectKey, grammar);
            }
            return grammar;
        }
        const key = `${known.join(",")}|${effectKey}`;
        let grammar = this.narrowed.get(key);
        if (grammar == null) {
            grammar = this.compile(buildPolicyGrammar({catalog: this.catalog, services: known, effects: allowed}));
            if (this.narrowed.size >= MAX_NARROWED)
                this.narrowed.delete(this.narrowed.keys().next().value!);
        } else {
            this.narrowed.delete(key);
        }
        this.narrowed.set(key, grammar);
        return grammar;
    }

    private compile(grammar: string) {
        return this.llama.createGrammar({grammar});
    }
}
