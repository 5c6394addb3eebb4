import {ConversationSession} from "../../source/engine/ConversationSession.js";
import type {GenerateOptions, GenerationResult, PolicyEngine} from "../../source/engine/types.js";

/** Runs one request (or follow-up, when the session has a policy) through an engine to its result, as the library does. */
export async function runEngine(engine: PolicyEngine, request: string, session = new ConversationSession(), options: GenerateOptions = {}): Promise<GenerationResult> {
    const events = engine.generate(request, session, options);
    for (;;) {
        const next = await events.next();
        if (next.done)
            return next.value;
    }
}
