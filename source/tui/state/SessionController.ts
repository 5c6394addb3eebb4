import {ConversationSession} from "../../engine/ConversationSession.js";
import type {GenerateOptions, GenerationResult, PolicyEngine} from "../../engine/types.js";
import type {EngineChoice, EngineName} from "../../engine/types.js";
import {effectiveChangeLines} from "../format/effectiveLines.js";
import type {ConstraintChoice} from "../../llm/remote/probeConstraint.js";
import {accessDeniedTurn, withPackedParts} from "../../generator/turnExtras.js";
import {summarizePolicyChange} from "../../policy/summarizePolicyChange.js";
import type {PolicyDocument} from "../../policy/types.js";
import {
    currentRevision, initialSessionState, isBusy, sessionReducer,
    type EngineInfo, type NewTranscriptEntry, type NoticeLevel, type SessionAction, type SessionState
} from "./sessionState.js";

/** The changes in what a refinement allows listed under it; `/diff` lists them all. */
const ALLOWS_SHOWN = 6;

/** How often streamed text reaches the screen (about 30 frames a second). */
const TOKEN_FLUSH_MS = 33;

/** Which engine to run: flags and settings resolved. */
export interface EngineRequest {
    engine: EngineChoice;
    model?: string;
    lora?: string;
    gpu?: "auto" | "cpu";
    /** `openai` engine: the server from the flags; what is not given comes from the settings remoteUrl and remoteModel. */
    remote?: RemoteRequest;
}

export interface RemoteRequest {
    baseUrl?: string;
    model?: string;
    apiKeyEnv?: string;
    timeoutSeconds?: number;
    constraint?: ConstraintChoice;
}

export interface LoadedEngine {
    engine: PolicyEngine;
    info: EngineInfo;
    /** Something to tell the user: no model found, a fallback to the catalog engine. */
    message?: {level: NoticeLevel; text: string};
}

/** Creates engines; the TUI's real one wraps `createEngine`, tests pass their own. */
export interface EngineLoader {
    load(request: EngineRequest, onProgress: (progress: number) => void): Promise<LoadedEngine>;
}

export interface SessionControllerOptions {
    loader: EngineLoader;
    engine: EngineRequest;
    rag: boolean;
    maxTokens?: number;
    /** Runs a slash command line (`/save x`); set by the command registry. */
    runCommand?: (line: string, controller: SessionController) => Promise<void> | void;
}

/**
 * The session's logic with no React in it: holds the state (through `sessionReducer`), runs the engine,
 * queues input while busy, keeps revisions. The Ink components subscribe to it and call its methods.
 */
export class SessionController {
    private state: SessionState;
    private readonly listeners = new Set<() => void>();
    private engine: PolicyEngine | null = null;
    private session = new ConversationSession();
    private abortController: AbortController | null = null;
    private confirmation: ((yes: boolean) => void) | null = null;
    private draining = false;
    private quitting: Promise<void> | undefined;
    engineRequest: EngineRequest;
    /** Whether the next generations add the actions the job needs beyond the request's words (`/companions`). */
    companions = true;

    constructor(private readonly options: SessionControllerOptions) {
        this.state = initialSessionState(options.rag);
        this.engineRequest = options.engine;
    }

    readonly subscribe = (listener: () => void) => {
        this.listeners.add(listener);
        return () => void this.listeners.delete(listener);
    };

    readonly getState = () => this.state;

    dispatch(action: SessionAction) {
        const next = sessionReducer(this.state, action);
        if (next === this.state)
            return;
        this.state = next;
        for (const listener of this.listeners)
            listener();
    }

    notice(level: NoticeLevel, text: string) {
        this.dispatch({type: "append", entry: {kind: "notice", level, text}});
    }

    print(entry: NewTranscriptEntry) {
        this.dispatch({type: "append", entry});
    }

    get current(): GenerationResult | undefined {
        return currentRevision(this.state);
    }

    /** Loads (or switches to) an engine with progress; input submitted meanwhile waits. */
    async loadEngine(request: EngineRequest) {
        const label = request.engine === "openai" ? "asking the model server"
            : request.model != null && request.engine !== "catalog" ? `loading ${baseName(request.model)}` : "loading the AWS catalog";
        this.dispatch({type: "engineLoading", loading: {label}});
        try {
            const loaded = await this.options.loader.load(request, (progress) => {
                this.dispatch({type: "engineLoading", loading: {label, progress}});
            });
            const previous = this.engine;
            this.engine = loaded.engine;
            this.engineRequest = {...request, engine: loaded.info.name};
            if (previous != null && previous !== loaded.engine)
                await previous.dispose?.();
            this.dispatch({type: "engineReady", engine: loaded.info});
            if (loaded.message != null)
                this.notice(loaded.message.level, loaded.message.text);
        } catch (error) {
            this.notice("error", errorMessage(error));
            this.dispatch({type: "engineFailed"});
        }
        await this.drainQueue();
    }

    /**
     * Enter: a slash command, a first request, or a follow-up that refines the current policy. Every line
     * goes through the queue, so lines typed faster than they run (while a turn streams, a command asks or
     * saves, an engine loads) each run once, in the order typed. Resolves when this call ran the queue dry,
     * or at once when the line waits behind a run in progress.
     */
    async submit(text: string, {remember = true} = {}) {
        const line = text.trim();
        if (line === "")
            return;
        if (remember)
            this.dispatch({type: "remember", line});
        this.dispatch({type: "queue", line});
        if (this.draining || isBusy(this.state))
            this.dispatch({type: "flash", level: "info", text: `queued: ${oneLine(line)}`});
        await this.drainQueue();
    }

    /** Runs queued lines one at a time; `draining` is true while one runs, which is what makes the next wait. */
    private async drainQueue() {
        if (this.draining)
            return;
        this.draining = true;
        try {
            while (!isBusy(this.state) && this.state.queue.length > 0 && !this.state.exiting) {
                const line = this.state.queue[0]!;
                this.dispatch({type: "dequeue"});
                await this.run(line);
            }
        } finally {
            this.draining = false;
        }
    }

    private async run(line: string) {
        this.dispatch({type: "clearFlash"});
        if (!line.startsWith("/")) {
            await this.generate(line);
            return;
        }
        this.dispatch({type: "append", entry: {kind: "request", text: line}});
        try {
            if (this.options.runCommand == null)
                throw new Error("commands are not available");
            await this.options.runCommand(line, this);
        } catch (error) {
            // A failing command must not stop the queue: the lines after it still run.
            this.notice("error", `${line.split(/\s/)[0]}: ${errorMessage(error)}`);
        }
    }

    private async generate(request: string) {
        const engine = this.engine;
        if (engine == null) {
            this.notice("error", "no engine is loaded; /engine catalog loads the catalog engine");
            return;
        }
        const rag = this.state.rag;
        const refined = this.session.current?.policy ?? null;
        // A pasted AccessDenied is fixed here, whatever the engine: the narrowest grant, or the reason none helps.
        const fixed = accessDeniedTurn(request, this.session.current, engine.name);
        if (fixed != null) {
            this.dispatch({type: "turnStarted", request, rag});
            if (fixed.unchanged !== true)
                this.session.record(fixed);
            this.dispatch({type: "turnFinished", result: fixed});
            return;
        }
        const abortController = new AbortController();
        this.abortController = abortController;
        this.dispatch({type: "turnStarted", request, rag});
        let result: GenerationResult | undefined;
        // Text is passed on at most once a frame: rendering each token would slow the engine down to the screen's pace.
        let unsent = "";
        let flushTimer: NodeJS.Timeout | undefined;
        const flush = () => {
            clearTimeout(flushTimer);
            flushTimer = undefined;
            if (unsent !== "")
                this.dispatch({type: "turnToken", text: unsent});
            unsent = "";
        };
        try {
            const options: GenerateOptions = {rag, companions: this.companions, signal: abortController.signal, maxTokens: this.options.maxTokens};
            for await (const event of engine.generate(request, this.session, options)) {
                if (event.type === "context")
                    this.dispatch({type: "turnContext", context: event.context});
                else if (event.type === "token") {
                    unsent += event.text;
                    flushTimer ??= setTimeout(flush, TOKEN_FLUSH_MS);
                } else
                    result = event.result;
            }
        } catch (error) {
            this.notice("error", `generation failed: ${errorMessage(error)}`);
        } finally {
            flush();
            this.abortController = null;
        }
        result = withPackedParts(withDerivedSummary(result ?? this.partialResult(request, rag, abortController.signal.aborted), refined));
        if (result.unchanged !== true)
            this.session.record(result);
        // A refinement says what it changed in what the policy allows, not only in its text.
        const allows = refined != null && result.policy != null && result.unchanged !== true ? effectiveChangeLines(refined, result, ALLOWS_SHOWN) : undefined;
        this.dispatch({type: "turnFinished", result, ...(allows != null ? {allows} : {})});
    }

    /** What streamed before an engine stopped without a result: kept and shown, never lost. */
    private partialResult(request: string, rag: boolean, aborted: boolean): GenerationResult {
        const pending = this.state.pending;
        return {
            engine: this.engineName,
            request,
            policy: null,
            text: pending?.text ?? "",
            check: null,
            repairs: [],
            context: pending?.context ?? null,
            rag,
            timings: {totalMs: 0, retrievalMs: 0},
            aborted
        };
    }

    /** Esc: stop the generation; what streamed is kept and marked aborted. Returns false when nothing ran. */
    abort() {
        if (this.abortController == null)
            return false;
        this.abortController.abort();
        return true;
    }

    get generating() {
        return this.abortController != null;
    }

    /** Runs a job that is not a streamed turn (a comparison) with input queued meanwhile. */
    async runBusy<T>(label: string, job: () => Promise<T>): Promise<T | undefined> {
        this.dispatch({type: "busy", label});
        try {
            return await job();
        } catch (error) {
            this.notice("error", errorMessage(error));
            return undefined;
        } finally {
            this.dispatch({type: "busy", label: null});
        }
    }

    /** Generates a request in a fresh session, not recorded: for side-by-side comparisons. */
    async generateDetached(request: string, options: GenerateOptions): Promise<GenerationResult> {
        let result: GenerationResult | undefined;
        if (this.engine == null)
            throw new Error("no engine is loaded");
        for await (const event of this.engine.generate(request, new ConversationSession(), options)) {
            if (event.type === "done")
                result = event.result;
        }
        if (result == null)
            throw new Error("the engine returned no result");
        return result;
    }

    /** The request that started this conversation (what `/compare` and file names use). */
    get firstRequest(): string | undefined {
        return this.state.revisions[0]?.request ?? this.session.turns[0]?.request;
    }

    setRag(rag: boolean) {
        this.dispatch({type: "setRag", rag});
    }

    /** Shows another revision and makes it the one the next follow-up refines. */
    showRevision(revision: number) {
        const result = this.state.revisions[revision];
        if (result == null)
            return false;
        this.dispatch({type: "showRevision", revision});
        this.session.record(result);
        return true;
    }

    newConversation() {
        this.session = new ConversationSession();
        this.dispatch({type: "newConversation"});
    }

    /** Starts a new conversation from a policy read from a file: its revision 1, which follow-ups refine. */
    openPolicy(opened: GenerationResult) {
        // Retrieval did not run for it; the conversation's setting still holds for the follow-ups.
        const result = {...opened, rag: this.state.rag};
        this.session = new ConversationSession();
        this.session.record(result);
        this.dispatch({type: "opened", result});
    }

    /** The engine in use, named as results name it (a policy opened from a file is "made" by it). */
    get engineName(): EngineName {
        return this.engine?.name ?? "catalog";
    }

    /**
     * Asks a yes/no question in the hint line; resolves when the user answers (y/n, Enter/Esc). A "y" or
     * "n" line typed ahead, right behind the command that asks, is its answer, as it would have been if
     * typed after the question showed; any other line waits its turn and the question waits for a key.
     */
    ask(question: string) {
        const typedAhead = /^(y|yes|n|no)$/i.exec(this.state.queue[0] ?? "");
        if (typedAhead != null) {
            this.dispatch({type: "dequeue"});
            this.dispatch({type: "append", entry: {kind: "request", text: typedAhead[0]}});
            return Promise.resolve(typedAhead[1]!.toLowerCase().startsWith("y"));
        }
        return new Promise<boolean>((resolve) => {
            this.confirmation = resolve;
            this.dispatch({type: "confirm", question});
        });
    }

    answer(yes: boolean) {
        const confirmation = this.confirmation;
        if (confirmation == null)
            return;
        this.confirmation = null;
        this.dispatch({type: "confirm", question: null});
        confirmation(yes);
    }

    /** Ends the session once, however many ways ask for it (/quit, Ctrl+C twice, the process ending). */
    quit(): Promise<void> {
        this.quitting ??= (async () => {
            this.abort();
            this.dispatch({type: "exit"});
            await this.engine?.dispose?.();
        })();
        return this.quitting;
    }
}

/**
 * The result with the change summary read from the policy it refined and the new one, not the engine's:
 * an engine's summary describes what it meant to do (from the request), which can contradict the policy.
 */
function withDerivedSummary(result: GenerationResult, refined: PolicyDocument | null): GenerationResult {
    const {changeSummary: _fromEngine, ...rest} = result;
    return refined == null || result.policy == null ? rest : {...rest, changeSummary: summarizePolicyChange(refined, result.policy)};
}

export function errorMessage(error: unknown) {
    return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}

function baseName(path: string) {
    return path.split(/[\\/]/).at(-1) ?? path;
}

function oneLine(text: string) {
    return text.replace(/\s+/g, " ").slice(0, 60);
}
