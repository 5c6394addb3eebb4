import type {EngineName, GenerationResult} from "../../engine/types.js";
import type {RetrievalContext} from "../../retrieval/types.js";

export type NoticeLevel = "info" | "success" | "warning" | "error";

/** What the status line says about the engine in use. */
export interface EngineInfo {
    name: EngineName;
    /** The model file's name, for the LLM engine. */
    model?: string;
    /** Where it runs, e.g. `CPU` or `GPU (cuda)`. */
    device?: string;
}

export interface EngineLoading {
    label: string;
    /** 0..1, absent while unknown. */
    progress?: number;
}

/** The generation in progress: what has streamed so far. */
export interface PendingTurn {
    request: string;
    rag: boolean;
    text: string;
    context: RetrievalContext | null;
}

/** Finished output, printed once above the live area (Ink's `<Static>`). */
export type TranscriptEntry =
    | {id: number; kind: "request"; text: string}
    | {id: number; kind: "turn"; result: GenerationResult; revision?: number; allows?: string[]}
    | {id: number; kind: "notice"; level: NoticeLevel; text: string}
    | {id: number; kind: "block"; title: string; text: string}
    | {id: number; kind: "compare"; withRag: GenerationResult; withoutRag: GenerationResult};

export type NewTranscriptEntry = TranscriptEntry extends infer Entry ? Entry extends TranscriptEntry ? Omit<Entry, "id"> : never : never;

export interface SessionState {
    engine: EngineInfo | null;
    loading: EngineLoading | null;
    rag: boolean;
    /** Every policy of this conversation, oldest first; `revision` points at the current one (-1: none). */
    revisions: GenerationResult[];
    revision: number;
    /** The result shown in the policy pane when nothing streams: the current revision, or a result without a policy (aborted, nothing to grant). */
    shown: GenerationResult | null;
    pending: PendingTurn | null;
    /** A non-streaming job in progress (a comparison), shown in the hint line. */
    busy: string | null;
    /** Lines submitted while busy, run in order when the turn ends. */
    queue: string[];
    /** Submitted lines, oldest first, for ↑/↓. */
    history: string[];
    transcript: TranscriptEntry[];
    nextId: number;
    /** First line of the policy pane, null = follow the tail while streaming / top when done. */
    scroll: number | null;
    /**
     * What the main area shows instead of the policy: a command's output (the transcript entry's id), or
     * nothing (`compact`) so that what was just printed above (by `/copy`) stays on screen. Esc closes it.
     */
    overlay: number | "compact" | null;
    /** A yes/no question waiting for an answer (overwrite a file). */
    confirm: string | null;
    /** The latest one-line message under the panes (progress, hints, errors of keys). */
    flash: {level: NoticeLevel; text: string} | null;
    /** Bumped by Ctrl+L and resizes to reprint the transcript on a cleared screen. */
    redraws: number;
    /** Where `/export` last wrote (the side panel shows it). */
    lastExport: string | null;
    exiting: boolean;
}

export type SessionAction =
    | {type: "engineLoading"; loading: EngineLoading}
    | {type: "engineReady"; engine: EngineInfo}
    | {type: "engineFailed"}
    | {type: "setRag"; rag: boolean}
    | {type: "turnStarted"; request: string; rag: boolean}
    | {type: "turnContext"; context: RetrievalContext | null}
    | {type: "turnToken"; text: string}
    | {type: "turnFinished"; result: GenerationResult; allows?: string[]}
    | {type: "opened"; result: GenerationResult}
    | {type: "exported"; path: string}
    | {type: "busy"; label: string | null}
    | {type: "showRevision"; revision: number}
    | {type: "newConversation"}
    | {type: "queue"; line: string}
    | {type: "dequeue"}
    | {type: "remember"; line: string}
    | {type: "append"; entry: NewTranscriptEntry}
    | {type: "scroll"; by: number; max: number}
    | {type: "overlay"; overlay: "compact" | null}
    | {type: "confirm"; question: string | null}
    | {type: "flash"; level: NoticeLevel; text: string}
    | {type: "clearFlash"}
    | {type: "redraw"}
    | {type: "exit"};

export function initialSessionState(rag: boolean): SessionState {
    return {
        engine: null,
        // Nothing runs before the first engine is ready: what is typed meanwhile waits.
        loading: {label: "starting"},
        rag,
        revisions: [],
        revision: -1,
        shown: null,
        pending: null,
        busy: null,
        queue: [],
        history: [],
        transcript: [],
        nextId: 0,
        scroll: null,
        overlay: null,
        confirm: null,
        flash: null,
        redraws: 0,
        lastExport: null,
        exiting: false
    };
}

export function currentRevision(state: SessionState): GenerationResult | undefined {
    return state.revisions[state.revision];
}

/** True while a turn or job runs or an engine loads: submitted lines wait in the queue. */
export function isBusy(state: SessionState) {
    return state.pending != null || state.busy != null || state.loading != null;
}

export function sessionReducer(state: SessionState, action: SessionAction): SessionState {
    switch (action.type) {
        case "engineLoading":
            return {...state, loading: action.loading};
        case "engineReady":
            return {...state, engine: action.engine, loading: null};
        case "engineFailed":
            return {...state, loading: null};
        case "setRag":
            return {...state, rag: action.rag};
        case "turnStarted":
            return {
                ...append(state, {kind: "request", text: action.request}),
                pending: {request: action.request, rag: action.rag, text: "", context: null},
                scroll: null,
                overlay: null
            };
        case "turnContext":
            return state.pending == null ? state : {...state, pending: {...state.pending, context: action.context}};
        case "turnToken":
            return state.pending == null ? state : {...state, pending: {...state.pending, text: state.pending.text + action.text}};
        case "turnFinished": {
            const {result} = action;
            // No policy, or a follow-up that changed nothing (not understood, or refused as widening): no revision.
            if (result.policy == null || result.unchanged === true)
                return {...append(state, {kind: "turn", result}), pending: null, shown: result, scroll: null};
            // A new revision drops the ones undone after the current one, like an editor's redo stack.
            const revisions = [...state.revisions.slice(0, state.revision + 1), result];
            const revision = revisions.length - 1;
            return {
                ...append(state, {kind: "turn", result, revision: revision + 1, ...(action.allows != null ? {allows: action.allows} : {})}),
                pending: null,
                revisions,
                revision,
                shown: result,
                scroll: null
            };
        }
        case "opened":
            // A policy from a file starts a new conversation as its revision 1.
            return {
                ...append(state, {kind: "turn", result: action.result, revision: 1}),
                revisions: [action.result], revision: 0, shown: action.result, scroll: null, overlay: null
            };
        case "exported":
            return {...state, lastExport: action.path};
        case "busy":
            return {...state, busy: action.label};
        case "showRevision": {
            const result = state.revisions[action.revision];
            return result == null ? state : {...state, revision: action.revision, shown: result, scroll: null, overlay: null};
        }
        case "newConversation":
            return {...state, revisions: [], revision: -1, shown: null, scroll: null, overlay: null};
        case "queue":
            return {...state, queue: [...state.queue, action.line]};
        case "dequeue":
            return {...state, queue: state.queue.slice(1)};
        case "remember":
            return state.history.at(-1) === action.line ? state : {...state, history: [...state.history, action.line]};
        case "append": {
            const next = append(state, action.entry);
            // A notice is also shown under the panes; a command's output takes the main area until Esc.
            if (action.entry.kind === "notice")
                return {...next, flash: {level: action.entry.level, text: action.entry.text}};
            if (action.entry.kind === "block" || action.entry.kind === "compare")
                return {...next, overlay: state.nextId, scroll: null};
            return next;
        }
        case "overlay":
            return {...state, overlay: action.overlay, scroll: null};
        case "scroll": {
            const from = state.scroll ?? (state.pending != null ? action.max : 0);
            return {...state, scroll: Math.max(0, Math.min(action.max, from + action.by))};
        }
        case "confirm":
            return {...state, confirm: action.question};
        case "flash":
            return {...state, flash: {level: action.level, text: action.text}};
        case "clearFlash":
            return state.flash == null ? state : {...state, flash: null};
        case "redraw":
            return {...state, redraws: state.redraws + 1};
        case "exit":
            return {...state, exiting: true};
    }
}

function append(state: SessionState, entry: NewTranscriptEntry): SessionState {
    return {...state, transcript: [...state.transcript, {...entry, id: state.nextId} as TranscriptEntry], nextId: state.nextId + 1};
}
