export {evaluate, decide} from "./evaluate.js";
export type * from "./types.js";
