export {Catalog} from "./Catalog.js";
export {loadCatalog} from "./loadCatalog.js";
export * from "./types.js";
