export {packPolicy, packIfOversized, packingResolvesSize, partSizes} from "./packPolicy.js";
export {shrinkPolicy} from "./shrink.js";
export {collapseActionLists} from "./collapseActions.js";
export {splitPolicy} from "./splitPolicy.js";
export * from "./types.js";
