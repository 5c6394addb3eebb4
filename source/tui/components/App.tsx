import {Box, Static, useApp, useInput, useStdout, type Key} from "ink";
import {useCallback, useEffect, useRef, useState, useSyncExternalStore} from "react";
import {browseHistory, type HistoryCursor} from "../input/browseHistory.js";
import {keyIntents, PLAIN_KEY, type KeyIntent} from "../input/keyIntents.js";
import {EMPTY_BUFFER, textBufferReducer, type TextBufferAction} from "../input/textBuffer.js";
import type {SessionController} from "../state/SessionController.js";
import type {SessionState} from "../state/sessionState.js";
import {loadHighlighter} from "../view/highlightJson.js";
import {computeLayout, scrollWindow, type Layout} from "../view/layout.js";
import {overlayLines} from "../view/overlayLines.js";
import {panelContext} from "../view/panelContext.js";
import {paneLayout, policyPaneView} from "../view/policyPaneLines.js";
import {FlashLine} from "./FlashLine.js";
import {HintLine} from "./HintLine.js";
import {InputLine} from "./InputLine.js";
import {Lines} from "./Lines.js";
import {PolicyPane} from "./PolicyPane.js";
import {SidePanel} from "./SidePanel.js";
import {StatusLine} from "./StatusLine.js";
import {TranscriptItem} from "./TranscriptItem.js";
import {useTerminalSize} from "./useTerminalSize.js";

const CLEAR_SCREEN_AND_SCROLLBACK = "\u001b[2J\u001b[3J\u001b[H";
const INTERRUPT_WINDOW_MS = 2000;

/** Renders the session and turns keys into calls on the controller; all the logic is in the controller. */
export function App({controller}: {controller: SessionController}) {
    const state = useSyncExternalStore(controller.subscribe, controller.getState);
    const {exit} = useApp();
    const {stdout, write} = useStdout();
    const redraw = useCallback(() => {
        // Clearing the screen and reprinting the transcript (a new <Static>) leaves no stale frame behind.
        if (stdout.isTTY)
            write(CLEAR_SCREEN_AND_SCROLLBACK);
        controller.dispatch({type: "redraw"});
    }, [controller, stdout, write]);
    const {columns, rows} = useTerminalSize(redraw);
    const layout = computeLayout(columns, rows);

    // Keys can arrive faster than React renders: the handler reads and writes refs, never a render's snapshot.
    const bufferRef = useRef(EMPTY_BUFFER);
    const [buffer, setBuffer] = useState(EMPTY_BUFFER);
    const edit = (action: TextBufferAction) => {
        bufferRef.current = textBufferReducer(bufferRef.current, action);
        setBuffer(bufferRef.current);
    };
    const history = useRef<HistoryCursor>({index: null, draft: ""});
    const pasting = useRef(false);
    const interruptArmedRef = useRef(false);
    const [interruptArmed, setInterruptArmedState] = useState(false);
    const setInterruptArmed = (armed: boolean) => {
        interruptArmedRef.current = armed;
        setInterruptArmedState(armed);
    };
    const [, setHighlighterReady] = useState(false);

    useEffect(() => {
        void loadHighlighter().then(() => setHighlighterReady(true));
    }, []);
    useEffect(() => {
        if (state.exiting)
            exit();
    }, [state.exiting, exit]);
    useEffect(() => {
        if (!interruptArmed)
            return;
        const timer = setTimeout(() => setInterruptArmed(false), INTERRUPT_WINDOW_MS);
        return () => clearTimeout(timer);
    }, [interruptArmed]);

    const handleIntent = (intent: KeyIntent) => {
        const state = controller.getState();
        if (intent.type !== "interrupt" && interruptArmedRef.current)
            setInterruptArmed(false);
        switch (intent.type) {
            case "pasteStart":
                pasting.current = true;
                return;
            case "pasteEnd":
                pasting.current = false;
                return;
            case "edit":
                history.current.index = null;
                edit(intent.action);
                return;
            case "submit": {
                history.current = {index: null, draft: ""};
                const {value} = bufferRef.current;
                edit({type: "set", value: ""});
                void controller.submit(value);
                return;
            }
            case "abort":
                if (controller.abort())
                    return;
                if (state.overlay != null)
                    controller.dispatch({type: "overlay", overlay: null});
                else
                    edit({type: "set", value: ""});
                return;
            case "interrupt":
                if (interruptArmedRef.current) {
                    void controller.quit();
                    return;
                }
                controller.abort();
                setInterruptArmed(true);
                return;
            case "save":
                void controller.submit("/save", {remember: false});
                return;
            case "redraw":
                redraw();
                return;
            case "historyPrevious":
            case "historyNext": {
                const next = browseHistory(state.history, history.current, bufferRef.current.value, intent.type === "historyPrevious" ? -1 : 1);
                if (next != null)
                    edit({type: "set", value: next});
                return;
            }
            case "scroll": {
                const {height, total, followTail} = scrollable(state, layout);
                const {max} = scrollWindow(total, height, null, followTail);
                controller.dispatch({type: "scroll", by: intent.pages * Math.max(1, height - 1), max});
                return;
            }
        }
    };

    useInput((input: string, key: Key) => {
        if (controller.getState().confirm != null) {
            if (key.ctrl && input === "c") {
                handleIntent({type: "interrupt"});
                return;
            }
            // A yes/no question takes the next key: y answers yes, anything else no. What was typed after
            // that key in the same burst is input like any other, so no typed line is lost.
            controller.answer(input.slice(0, 1).toLowerCase() === "y");
            const rest = key.ctrl || key.meta ? "" : input.slice(1);
            if (rest === "")
                return;
            input = rest;
            key = PLAIN_KEY;
        }
        for (const intent of keyIntents(input, key, pasting.current))
            handleIntent(intent);
    });

    return (
        <>
            <Static key={state.redraws} items={state.transcript}>
                {(entry) => <TranscriptItem key={entry.id} entry={entry} columns={columns}/>}
            </Static>
            <Box flexDirection="column" width={columns}>
                <StatusLine state={state} columns={columns}/>
                <MainArea state={state} layout={layout}/>
                <FlashLine state={state} columns={columns}/>
                <InputLine buffer={buffer} columns={columns} placeholder={state.revision >= 0 ? "refine it, or /new to start over" : "describe what a role or user needs"}/>
                <HintLine state={state} interruptArmed={interruptArmed} columns={columns}/>
            </Box>
        </>
    );
}

function MainArea({state, layout}: {state: SessionState; layout: Layout}) {
    if (state.overlay === "compact")
        return null;
    if (state.overlay != null) {
        const lines = overlayLines(state.transcript.find((entry) => entry.id === state.overlay), layout.columns);
        const {first} = scrollWindow(lines.length, layout.mainHeight, state.scroll, false);
        return <Lines lines={lines.slice(first, first + layout.mainHeight)} width={layout.columns} height={layout.mainHeight}/>;
    }
    const side = {
        context: panelContext(state),
        result: state.pending != null ? null : state.shown,
        rag: state.pending?.rag ?? state.shown?.rag ?? state.rag,
        engine: state.engine?.name ?? null,
        lastExport: state.lastExport
    };
    return (
        <Box flexDirection={layout.wide ? "row" : "column"} height={layout.mainHeight}>
            <PolicyPane view={policyPaneView(state)} width={layout.paneWidth} height={layout.paneHeight} scroll={state.scroll}/>
            <SidePanel input={side} width={layout.sideWidth} height={layout.sideHeight} wide={layout.wide}/>
        </Box>
    );
}

/** What PgUp/PgDn scroll: the overlay, else the policy pane's body. */
function scrollable(state: SessionState, layout: Layout) {
    if (state.overlay != null && state.overlay !== "compact") {
        const total = overlayLines(state.transcript.find((entry) => entry.id === state.overlay), layout.columns).length;
        return {height: layout.mainHeight, total, followTail: false};
    }
    const view = policyPaneView(state);
    const {bodyHeight, total} = paneLayout(view, layout.paneWidth, layout.paneHeight, state.scroll);
    return {height: bodyHeight, total, followTail: view.streaming};
}
