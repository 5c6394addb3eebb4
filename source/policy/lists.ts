/** The small list helpers the normaliser and its repairs share. */

export function toList<T>(value: T | T[] | undefined): T[] {
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** One item becomes a plain value, as AWS writes it. */
export function collapse<T>(values: T[]): T | T[] {
    return values.length === 1 ? values[0]! : values;
}

export function sortedUnique<T>(values: T[]): T[] {
    const seen = new Set<string>();
    return values.filter((value) => {
        const key = JSON.stringify(value);
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    }).sort((a, b) => compareText(sortKey(a), sortKey(b)));
}

/** Strings sort as themselves; anything else (a malformed entry, kept as written) by its JSON, which never throws as String() can. */
function sortKey(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value) ?? "";
}

export function uniqueIgnoringCase(values: string[]): string[] {
    const seen = new Set<string>();
    return values.filter((value) => {
        const key = value.toLowerCase();
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}

export function compareText(a: string, b: string) {
    return a < b ? -1 : a > b ? 1 : 0;
}

export function isStringList(value: unknown): value is string[] {
    return Array.isArray(value) && value.every((item) => typeof item === "string");
}

/** An object built from entries without assignment: a `__proto__` key stays a plain key, never the prototype. */
export function objectFrom<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
    return Object.fromEntries(entries) as Record<string, T>;
}
