/** Words that name nothing in a resource name: "Allow read access to the bucket" → read access bucket. */
const FILLER = new Set(["a", "an", "the", "to", "of", "on", "in", "for", "from", "and", "or", "with", "by", "at", "it", "its", "allow", "grant", "let", "lets", "please", "that", "can", "be", "their", "own", "my", "our", "your", "is", "are"]);
const MAX_WORDS = 6;

/** The request's naming words, lower case, at most six: what every format's names are built from. */
function nameWords(request: string): string[] {
    const words = request.toLowerCase().normalize("NFKD").split(/[^a-z0-9]+/).filter((word) => word !== "" && !FILLER.has(word));
    const chosen = words.slice(0, MAX_WORDS);
    if (chosen.length === 0)
        return ["policy"];
    // Identifiers cannot start with a digit in any of the target languages.
    return /^[0-9]/.test(chosen[0]!) ? ["policy", ...chosen] : chosen;
}

const capitalised = (word: string) => word[0]!.toUpperCase() + word.slice(1);

/** The names one request gives in each format's conventions. */
export interface ExportNames {
    /** Terraform resource and data names: `read_orders_table`. */
    snake: string;
    /** IAM policy names: `read-orders-table`. */
    kebab: string;
    /** CloudFormation logical ids and class-like names: `ReadOrdersTable`. */
    pascal: string;
    /** TypeScript functions: `readOrdersTable`. */
    camel: string;
}

export function exportNames(request: string): ExportNames {
    const words = nameWords(request);
    const pascal = words.map(capitalised).join("");
    return {snake: words.join("_"), kebab: words.join("-"), pascal, camel: pascal[0]!.toLowerCase() + pascal.slice(1)};
}

/** The request on one line, for a comment or a description: no control characters, at most `max` characters. */
export function describeRequest(request: string, max = 200): string {
    const line = request.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim();
    return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
