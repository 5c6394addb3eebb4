import type {Catalog} from "./Catalog.js";

/** `compute` run once per catalog and kept for its lifetime: the indexes built over a whole catalog. */
export function memoPerCatalog<T>(compute: (catalog: Catalog) => T): (catalog: Catalog) => T {
    const byCatalog = new WeakMap<Catalog, T>();
    return (catalog) => {
        let value = byCatalog.get(catalog);
        if (value === undefined) {
            value = compute(catalog);
            byCatalog.set(catalog, value);
        }
        return value;
    };
}
