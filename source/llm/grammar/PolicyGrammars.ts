import type {Llama, LlamaGrammar} from "node-llama-cpp";
import type {Catalog} from "../../catalog/Catalog.js";
import {buildPolicyGrammar} from "./policyGrammar.js";

/** Narrowed grammars kept per model; the whole-catalog one is kept for the process. */
const MAX_NARROWED = 16;

/**
 * Compiled policy grammars for one `Llama`: the whole-catalog grammar is built once (a quarter
 * of a second), and grammars narrowed to a set of services are kept for reuse, newest last.
 */
export class PolicyGrammars {
    private whole?: Promise<LlamaGrammar>;
    private readonly narrowed = new Map<string, Promise<LlamaGrammar>>();

    constructor(private readonly llama: Llama, private readonly catalog: Catalog) {}

    /** The grammar for these services (unknown prefixes ignored), or for the whole catalog when none is known. */
    get(services?: Iterable<string>): Promise<LlamaGrammar> {
        const known = [...new Set(services ?? [])].filter((prefix) => this.catalog.service(prefix) != null).sort();
        if (known.length === 0) {
            this.whole ??= this.compile(buildPolicyGrammar({catalog: this.catalog}));
            return this.whole;
        }
        const key = known.join(",");
        let grammar = this.narrowed.get(key);
        if (grammar == null) {
            grammar = this.compile(buildPolicyGrammar({catalog: this.catalog, services: known}));
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
