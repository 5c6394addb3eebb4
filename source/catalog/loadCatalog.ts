import {Catalog} from "./Catalog.js";

let shared: Catalog | undefined;

/** The process-wide catalog, loaded once on first use. */
export function loadCatalog(): Catalog {
    shared ??= Catalog.load();
    return shared;
}
