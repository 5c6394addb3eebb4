/**
 * Turns a list of strings into GBNF rules shaped like a radix tree: each rule branches on the
 * next distinct character, and runs without a branch are one literal. A flat list of
 * alternatives makes llama.cpp's grammar sampler track one stack per alternative (cost grows
 * with the list: ~1 s per token for the whole catalog); the tree keeps at most one stack per
 * possible next character.
 */
export interface PrefixTreeOptions {
    /** Prefix of the generated rule names (must be unique in the grammar). */
    ruleName: string;
    /** GBNF appended where an entry ends, e.g. `"\""` to close a JSON string. */
    terminator: string;
    /**
     * Allow `*` + terminator at every branching point after this separator (IAM wildcards such as
     * `s3:*` or `ec2:Describe*`): such a prefix always matches at least one entry.
     */
    wildcardAfter?: string;
    /** Text in an entry standing for a variable part (e.g. `${TagKey}`), and the GBNF rule it becomes. */
    placeholder?: {pattern: RegExp; rule: string};
}

export interface PrefixTreeGrammar {
    /** The rule that matches one entry followed by the terminator. */
    root: string;
    rules: string[];
}

const PLACEHOLDER = "\u0000";

export function prefixTreeGrammar(entries: Iterable<string>, options: PrefixTreeOptions): PrefixTreeGrammar {
    const placeholder = options.placeholder;
    const sorted = [...new Set([...entries].map((entry) => placeholder == null ? entry : entry.replace(placeholder.pattern, PLACEHOLDER)))].sort();
    if (sorted.length === 0)
        throw new Error(`No entries for the grammar rule "${options.ruleName}"`);
    const separator = options.wildcardAfter;
    const rules: string[] = [];

    const literal = (text: string) => text
        .split(PLACEHOLDER)
        .map((part) => part === "" ? "" : gbnfLiteral(part))
        .join(` ${placeholder?.rule} `)
        .trim();

    // One rule for the entries in [start, end), which share their first `depth` characters. Sorted
    // input makes each branch a contiguous range whose common prefix is that of its first and last entry.
    const emitNode = (start: number, end: number, depth: number): string => {
        const name = `${options.ruleName}${rules.length.toString(36)}`;
        rules.push("");
        const alternatives: string[] = [];
        if (separator != null && sorted[start]!.slice(0, depth).includes(separator))
            alternatives.push(`"*" ${options.terminator}`);
        if (sorted[start]!.length === depth) {
            alternatives.push(options.terminator);
            start++;
        }
        while (start < end) {
            const symbol = sorted[start]![depth]!;
            let branchEnd = start + 1;
            while (branchEnd < end && sorted[branchEnd]![depth] === symbol)
                branchEnd++;
            let prefixEnd = commonPrefixLength(sorted[start]!, sorted[branchEnd - 1]!, depth);
            // The edge stops after the separator so that the node there can offer the wildcard.
            const separatorAt = separator == null ? -1 : sorted[start]!.indexOf(separator, depth);
            if (separatorAt >= 0 && separatorAt < prefixEnd - 1)
                prefixEnd = separatorAt + 1;
            const edge = literal(sorted[start]!.slice(depth, prefixEnd));
            const isLeaf = branchEnd - start === 1 && prefixEnd === sorted[start]!.length;
            alternatives.push(`${edge} ${isLeaf ? options.terminator : emitNode(start, branchEnd, prefixEnd)}`);
            start = branchEnd;
        }
        rules[parseInt(name.slice(options.ruleName.length), 36)] = `${name} ::= ${alternatives.join(" | ")}`;
        return name;
    };

    const root = emitNode(0, sorted.length, 0);
    return {root, rules};
}

function commonPrefixLength(first: string, last: string, from: number) {
    let index = from;
    while (index < first.length && index < last.length && first[index] === last[index])
        index++;
    return index;
}

/** A GBNF string literal. */
export function gbnfLiteral(text: string) {
    return `"${text.replace(/[\\"]/g, "\\$&").replace(/\n/g, "\\n").replace(/\t/g, "\\t")}"`;
}
