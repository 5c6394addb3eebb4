import type {EventEmitter} from "node:events";
import {errorMessage, type SessionController} from "./SessionController.js";

/**
 * Shows a promise rejection that nothing handled (a native model call failing after its caller
 * gave up: "Failed to accept token in sampler") as an error in the TUI, where Node would end the
 * session with a stack trace. Returns what removes the handler.
 */
export function reportUnhandledRejections(controller: Pick<SessionController, "notice">, events: EventEmitter = process): () => void {
    const report = (reason: unknown) => controller.notice("error", `unexpected error (the session goes on): ${errorMessage(reason)}`);
    events.on("unhandledRejection", report);
    return () => void events.off("unhandledRejection", report);
}
