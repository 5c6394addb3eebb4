// The iam-gen library: everything the CLI and the TUI use, for use from other programs.
export * from "./catalog/index.js";
export type * from "./policy/types.js";
export type * from "./retrieval/types.js";
export type * from "./engine/types.js";
export {ConversationSession} from "./engine/ConversationSession.js";
