import type {GenerationResult} from "./types.js";

/**
 * One conversation: the results so far, the newest last. Engines read `current` to refine it and
 * may keep their own state per session (the LLM engine keeps its chat and context cache).
 */
export class ConversationSession {
    readonly turns: GenerationResult[] = [];

    get current(): GenerationResult | undefined {
        for (let index = this.turns.length - 1; index >= 0; index--) {
            if (this.turns[index]!.policy != null)
                return this.turns[index];
        }
        return undefined;
    }

    record(result: GenerationResult) {
        this.turns.push(result);
    }
}
