import {ConversationSession} from "../../source/engine/ConversationSession.js";
import type {EngineEvent, GenerateOptions, GenerationResult, PolicyEngine} from "../../source/engine/types.js";

/** Runs one request (or follow-up, when the session has a policy) through an engine to its result, as the library does. */
export async function runEngine(engine: PolicyEngine, request: string, session = new ConversationSession(), options: GenerateOptions = {}): Promise<GenerationResult> {
    const events = engine.generate(request, session, options);
    for (;;) {
        const next = await events.next();
        if (next.done)
            return next.value;
    }
}

/** The same, keeping every event in order (`onEvent` sees each as it comes, e.g. to abort mid-stream). */
export async function runEngineEvents(engine: PolicyEngine, request: string, session = new ConversationSession(), options: GenerateOptions = {}, onEvent?: (event: EngineEvent) => void): Promise<{events: EngineEvent[]; result: GenerationResult}> {
    const events: EngineEvent[] = [];
    let result: GenerationResult | undefined;
    for await (const event of engine.generate(request, session, options)) {
        events.push(event);
        onEvent?.(event);
        if (event.type === "done")
            result = event.result;
    }
    return {events, result: result!};
}
