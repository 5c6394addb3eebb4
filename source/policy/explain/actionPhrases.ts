import type {Catalog, CatalogAction} from "../../catalog/index.js";

/** Actions described one by one, with their catalog descriptions; more are summarised by access level. */
const MAX_DESCRIBED = 3;
/** Action names listed in a summary. */
const MAX_NAMED = 3;

/** Short verbs whose last consonant doubles before -ing (get → getting). */
const DOUBLING = new Set(["untag", "submit", "commit", "admit", "omit", "permit", "transmit", "forget", "rerun", "unset", "reset"]);

/** Words a description may start with that are no verb ("Grants permission to the GetItem operation"). */
const NOT_VERBS = new Set(["the", "a", "an", "all", "any", "each", "every", "one", "its", "their"]);

/** "retrieve" → "retrieving", "get" → "getting", "list" → "listing". */
export function gerund(verb: string): string {
    const lower = verb.toLowerCase();
    if (lower.endsWith("ie"))
        return `${lower.slice(0, -2)}ying`;
    if (lower.endsWith("e") && !/(ee|ye|oe)$/.test(lower))
        return `${lower.slice(0, -1)}ing`;
    if (DOUBLING.has(lower) || (lower.length <= 4 && /^[^aeiou]*[aeiou][^aeiouwxy]$/.test(lower)))
        return `${lower}${lower.at(-1)}ing`;
    return `${lower}ing`;
}

/** "Grants permission to retrieve objects from Amazon S3" → "retrieving objects from Amazon S3". */
export function actionPhrase(action: CatalogAction): string {
    const text = action.description.replace(/^(Grants|Controls|Allows|Gives)\s+(permission|access)\s+to\s+/i, "").replace(/\.$/, "").trim();
    if (text === "")
        return action.name;
    const [verb = "", ...rest] = text.split(" ");
    return /^[a-z]+$/.test(verb) && !NOT_VERBS.has(verb) ? [gerund(verb), ...rest].join(" ") : text;
}

/** What the Action (or NotAction) entries cover, in words, each action named as written. */
export function actionsPhrase(catalog: Catalog, entries: readonly string[], negated: boolean): string {
    if (negated)
        return `every action except ${nameList(entries)}`;
    if (entries.includes("*"))
        return "every action of every service (*)";
    const literal = entries.filter((entry) => !entry.includes("*") && !entry.includes("?"));
    const patterns = entries.filter((entry) => !literal.includes(entry));
    const parts: string[] = [];
    const known = literal.flatMap((entry) => catalog.action(entry) ?? []);
    const unknown = literal.filter((entry) => catalog.action(entry) == null);
    if (known.length > 0 && known.length <= MAX_DESCRIBED && patterns.length === 0)
        parts.push(...known.map((action) => `${actionPhrase(action)} (${action.service}:${action.name})`));
    else if (known.length > 0)
        parts.push(summary(catalog, known, {names: nameList(known.map((action) => `${action.service}:${action.name}`))}));
    parts.push(...patterns.map((pattern) => patternPhrase(catalog, pattern)));
    if (unknown.length > 0)
        parts.push(`${nameList(unknown)} (not in the catalog)`);
    return joinPhrases(parts);
}

/** `s3:*` → "every Amazon S3 action (s3:*)"; `s3:Get*` → "42 Amazon S3 actions matching s3:Get* (Read 40, List 2)". */
function patternPhrase(catalog: Catalog, pattern: string): string {
    const actions = catalog.expand(pattern);
    if (actions.length === 0)
        return `${pattern} (matches no action in the catalog)`;
    const services = [...new Set(actions.map((action) => action.service))];
    const service = services.length === 1 ? catalog.service(services[0]!) : undefined;
    if (service != null && actions.length === service.actions.length)
        return `every ${service.name} action (${pattern})`;
    return summary(catalog, actions, {pattern});
}

/** "12 Amazon EC2 actions (List 8, Write 4: ec2:DescribeInstances, …)", or "40 Amazon EC2 actions matching ec2:Describe* (List 40)". */
function summary(catalog: Catalog, actions: readonly CatalogAction[], naming: {names: string} | {pattern: string}): string {
    const services = [...new Set(actions.map((action) => action.service))];
    const owner = services.length === 1 ? `${catalog.service(services[0]!)?.name ?? services[0]} ` : "";
    const levels = new Map<string, number>();
    for (const action of actions)
        for (const level of action.accessLevels)
            levels.set(level, (levels.get(level) ?? 0) + 1);
    const head = `${actions.length} ${owner}action${actions.length === 1 ? "" : "s"}`;
    const levelText = [...levels].map(([level, count]) => `${level} ${count}`).join(", ");
    return "pattern" in naming ? `${head} matching ${naming.pattern} (${levelText})` : `${head} (${levelText}: ${naming.names})`;
}

function nameList(names: readonly string[]): string {
    return names.length <= MAX_NAMED ? names.join(", ") : `${names.slice(0, MAX_NAMED).join(", ")} and ${names.length - MAX_NAMED} more`;
}

/** "a", "a and b", "a, b and c". */
export function joinPhrases(parts: readonly string[]): string {
    return parts.length <= 1 ? parts.join("") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}
