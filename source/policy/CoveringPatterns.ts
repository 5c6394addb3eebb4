import {compileWildcard, matchWildcard, type WildcardPattern} from "../catalog/wildcardMatch.js";

interface PrefixNode {
    children: Map<number, PrefixNode>;
    patterns: Array<{text: string; compiled: WildcardPattern}>;
}

/**
 * Above this many pattern tests for one list, the search stops. It only feeds REDUNDANT_* suggestions,
 * and a list of 20,000 wildcard ARNs sharing one prefix must not take 20,000² tests.
 */
const MAX_TESTS = 200_000;

/**
 * The wildcard patterns of one Action or Resource list, indexed by their text before the first
 * wildcard: a value is tested only against the patterns whose fixed start it begins with.
 */
export class CoveringPatterns {
    private readonly root: PrefixNode = {children: new Map(), patterns: []};
    private testsLeft = MAX_TESTS;

    constructor(patterns: Iterable<string>, private readonly ignoreCase: boolean) {
        for (const text of patterns) {
            const key = ignoreCase ? text.toLowerCase() : text;
            const wildcard = key.search(/[*?]/);
            let node = this.root;
            for (let index = 0; index < (wildcard < 0 ? key.length : wildcard); index++) {
                const code = key.charCodeAt(index);
                let child = node.children.get(code);
                if (child == null) {
                    child = {children: new Map(), patterns: []};
                    node.children.set(code, child);
                }
                node = child;
            }
            node.patterns.push({text, compiled: compileWildcard(text, ignoreCase)});
        }
    }

    /** The patterns, other than `value` itself (in any letter case), that match `value`. */
    covering(value: string): string[] {
        const key = this.ignoreCase ? value.toLowerCase() : value;
        const found: string[] = [];
        let node: PrefixNode | undefined = this.root;
        for (let index = 0; node != null; index++) {
            for (const pattern of node.patterns) {
                if (this.testsLeft <= 0)
                    return found;
                this.testsLeft--;
                const same = this.ignoreCase ? pattern.text.toLowerCase() === key : pattern.text === value;
                if (!same && matchWildcard(pattern.compiled, value))
                    found.push(pattern.text);
            }
            node = index < key.length ? node.children.get(key.charCodeAt(index)) : undefined;
        }
        return found;
    }
}
