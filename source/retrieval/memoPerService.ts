import type {Catalog} from "../catalog/Catalog.js";

/** `compute` remembered per catalog and service: retrieval asks the same facts of a service on every request. */
export function memoPerService<T>(compute: (catalog: Catalog, service: string) => T): (catalog: Catalog, service: string) => T {
    const byCatalog = new WeakMap<Catalog, Map<string, T>>();
    return (catalog, service) => {
        let byService = byCatalog.get(catalog);
        if (byService == null) {
            byService = new Map();
            byCatalog.set(catalog, byService);
        }
        let value = byService.get(service);
        if (value === undefined) {
            value = compute(catalog, service);
            byService.set(service, value);
        }
        return value;
    };
}
