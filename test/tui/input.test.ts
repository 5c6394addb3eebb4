import type {Key} from "ink";
import {describe, expect, it} from "vitest";
import {browseHistory} from "../../source/tui/input/browseHistory.js";
import {keyIntents} from "../../source/tui/input/keyIntents.js";
import {EMPTY_BUFFER, textBufferReducer, type TextBufferAction} from "../../source/tui/input/textBuffer.js";

const noKey: Key = {
    upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
    return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
    super: false, hyper: false, capsLock: false, numLock: false
};

function apply(actions: TextBufferAction[]) {
    return actions.reduce(textBufferReducer, EMPTY_BUFFER);
}

describe("textBufferReducer", () => {
    it("inserts at the cursor and moves it", () => {
        expect(apply([{type: "insert", text: "helo"}, {type: "left"}, {type: "insert", text: "l"}])).toEqual({value: "hello", cursor: 4});
    });

    it("deletes before and at the cursor, and stops at the ends", () => {
        expect(apply([{type: "insert", text: "abc"}, {type: "backspace"}])).toEqual({value: "ab", cursor: 2});
        expect(apply([{type: "insert", text: "abc"}, {type: "home"}, {type: "delete"}])).toEqual({value: "bc", cursor: 0});
        expect(apply([{type: "backspace"}, {type: "left"}])).toEqual(EMPTY_BUFFER);
        expect(apply([{type: "insert", text: "ab"}, {type: "right"}])).toEqual({value: "ab", cursor: 2});
    });

    it("deletes the word before the cursor and everything before it", () => {
        expect(apply([{type: "insert", text: "allow read access"}, {type: "deleteWordBefore"}])).toEqual({value: "allow read ", cursor: 11});
        expect(apply([{type: "insert", text: "allow read"}, {type: "left"}, {type: "deleteToStart"}])).toEqual({value: "d", cursor: 0});
    });

    it("keeps a pasted line break as a newline", () => {
        expect(apply([{type: "insert", text: "line one\r\nline two\rthree"}]).value).toBe("line one\nline two\nthree");
    });
});

describe("keyIntents", () => {
    it("submits on Enter and inserts typed text", () => {
        expect(keyIntents("\r", {...noKey, return: true}, false)).toEqual([{type: "submit"}]);
        expect(keyIntents("a", noKey, false)).toEqual([{type: "edit", action: {type: "insert", text: "a"}}]);
    });

    it("submits every line of a typed burst on its own, keeping the unfinished tail as input", () => {
        const insert = (text: string) => ({type: "edit", action: {type: "insert", text}});
        expect(keyIntents("ab\r", noKey, false)).toEqual([insert("ab"), {type: "submit"}]);
        expect(keyIntents("/new\rAllow reading the secret prod/db\rrequire MFA\r\rrestrict", noKey, false)).toEqual([
            insert("/new"), {type: "submit"}, insert("Allow reading the secret prod/db"), {type: "submit"},
            insert("require MFA"), {type: "submit"}, {type: "submit"}, insert("restrict")
        ]);
        expect(keyIntents("one\r\ntwo\nthree", noKey, false)).toEqual([insert("one"), {type: "submit"}, insert("two"), {type: "submit"}, insert("three")]);
    });

    it("treats Enter inside a bracketed paste as text", () => {
        expect(keyIntents("[200~", noKey, false)).toEqual([{type: "pasteStart"}]);
        expect(keyIntents("\r", {...noKey, return: true}, true)).toEqual([{type: "edit", action: {type: "insert", text: "\n"}}]);
        expect(keyIntents("two lines\r", noKey, true)).toEqual([{type: "edit", action: {type: "insert", text: "two lines\r"}}]);
        expect(keyIntents("[201~", noKey, true)).toEqual([{type: "pasteEnd"}]);
    });

    it("splits control keys out of a burst instead of inserting them as text", () => {
        expect(keyIntents("\u0003\u0003", noKey, false)).toEqual([{type: "interrupt"}, {type: "interrupt"}]);
        expect(keyIntents("ab\u007fc\r", noKey, false)).toEqual([
            {type: "edit", action: {type: "insert", text: "ab"}},
            {type: "edit", action: {type: "backspace"}},
            {type: "edit", action: {type: "insert", text: "c"}},
            {type: "submit"}
        ]);
    });

    it("maps the control keys", () => {
        expect(keyIntents("", {...noKey, escape: true}, false)).toEqual([{type: "abort"}]);
        expect(keyIntents("c", {...noKey, ctrl: true}, false)).toEqual([{type: "interrupt"}]);
        expect(keyIntents("s", {...noKey, ctrl: true}, false)).toEqual([{type: "save"}]);
        expect(keyIntents("l", {...noKey, ctrl: true}, false)).toEqual([{type: "redraw"}]);
        expect(keyIntents("", {...noKey, pageUp: true}, false)).toEqual([{type: "scroll", pages: -1}]);
        expect(keyIntents("", {...noKey, pageDown: true}, false)).toEqual([{type: "scroll", pages: 1}]);
        expect(keyIntents("", {...noKey, upArrow: true}, false)).toEqual([{type: "historyPrevious"}]);
        expect(keyIntents("", {...noKey, delete: true}, false)).toEqual([{type: "edit", action: {type: "backspace"}}]);
    });
});

describe("browseHistory", () => {
    it("walks back through submitted lines and returns to the draft", () => {
        const lines = ["first", "second"];
        const cursor = {index: null, draft: ""};
        expect(browseHistory(lines, cursor, "draft", 1)).toBeUndefined();
        expect(browseHistory(lines, cursor, "draft", -1)).toBe("second");
        expect(browseHistory(lines, cursor, "second", -1)).toBe("first");
        expect(browseHistory(lines, cursor, "first", -1)).toBeUndefined();
        expect(browseHistory(lines, cursor, "first", 1)).toBe("second");
        expect(browseHistory(lines, cursor, "second", 1)).toBe("draft");
        expect(cursor.index).toBeNull();
        expect(browseHistory([], cursor, "x", -1)).toBeUndefined();
    });
});
