import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {describe, expect, it} from "vitest";
import {DEFAULT_SETTINGS, parseSwitch, SettingsStore} from "../../source/settings/Settings.js";
import {resolveStartOptions} from "../../source/tui/startOptions.js";

function temporaryDirectory() {
    return fs.mkdtempSync(path.join(os.tmpdir(), "iam-gen-settings-"));
}

describe("SettingsStore", () => {
    it("starts from the defaults in the folder it is given", async () => {
        const directory = temporaryDirectory();
        const {store, warning} = await SettingsStore.open(directory);
        expect(warning).toBeUndefined();
        expect(store.values).toEqual(DEFAULT_SETTINGS);
        expect(path.dirname(store.path)).toBe(directory);
    });

    it("follows IAM_GEN_CONFIG_DIR, so tests never touch the user's settings", async () => {
        const directory = temporaryDirectory();
        const previous = process.env.IAM_GEN_CONFIG_DIR;
        process.env.IAM_GEN_CONFIG_DIR = directory;
        try {
            expect(path.dirname((await SettingsStore.open()).store.path)).toBe(directory);
        } finally {
            if (previous == null)
                delete process.env.IAM_GEN_CONFIG_DIR;
            else
                process.env.IAM_GEN_CONFIG_DIR = previous;
        }
    });

    it("sets values from text, keeps them, and clears them with no value", async () => {
        const directory = temporaryDirectory();
        const {store} = await SettingsStore.open(directory);
        store.setFromText("rag", "off");
        store.setFromText("accountid", "123456789012");
        store.setFromText("model", "models/m.gguf");
        const reopened = (await SettingsStore.open(directory)).store;
        expect(reopened.values).toMatchObject({rag: false, accountId: "123456789012", model: "models/m.gguf"});
        reopened.setFromText("model", "");
        expect(reopened.values.model).toBeUndefined();
    });

    it("rejects unknown settings and bad values in one line, keeping the old value", async () => {
        const {store} = await SettingsStore.open(temporaryDirectory());
        expect(() => store.setFromText("colour", "blue")).toThrow(/^unknown setting "colour"; settings are model, engine/);
        expect(() => store.setFromText("engine", "gpt")).toThrow("invalid value \"gpt\" for engine");
        expect(() => store.setFromText("region", "mars")).toThrow("invalid value \"mars\" for region");
        expect(() => store.setFromText("rag", "perhaps")).toThrow("expected on or off, got \"perhaps\"");
        expect(store.values).toEqual(DEFAULT_SETTINGS);
    });

    it.each([
        ["not JSON", "{\"rag\": tru"],
        ["against the schema", JSON.stringify({engine: "gpt", rag: "yes"})]
    ])("reports a settings file %s and replaces it by the defaults", async (_kind, content) => {
        const directory = temporaryDirectory();
        fs.writeFileSync(path.join(directory, "config.json"), content);
        const {store, warning} = await SettingsStore.open(directory);
        expect(warning).toMatch(new RegExp(`^settings file ${path.join(directory, "config.json").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} was unreadable \\(.+\\); replaced by the defaults$`));
        expect(store.values).toEqual(DEFAULT_SETTINGS);
        expect((await SettingsStore.open(directory)).warning).toBeUndefined();
    });

    it("parses on/off switches", () => {
        expect(["on", "TRUE", "yes", "1"].map(parseSwitch)).toEqual([true, true, true, true]);
        expect(["off", "false", "No", "0"].map(parseSwitch)).toEqual([false, false, false, false]);
    });
});

describe("resolveStartOptions", () => {
    const settings = {...DEFAULT_SETTINGS, engine: "catalog" as const, rag: false};

    it("takes the settings when no flag is given", () => {
        expect(resolveStartOptions({rag: true}, settings, [])).toEqual({engine: {engine: "catalog", model: undefined, lora: undefined, gpu: undefined}, rag: false});
    });

    it("lets flags override the settings", () => {
        const start = resolveStartOptions({rag: true, engine: "llama", model: "m.gguf", gpu: "cpu", maxTokens: 64}, {...DEFAULT_SETTINGS}, ["--no-rag"]);
        expect(start).toEqual({engine: {engine: "llama", model: "m.gguf", lora: undefined, gpu: "cpu"}, rag: false});
    });

    it("uses the model engine when a model is given without an engine", () => {
        expect(resolveStartOptions({rag: true, model: "m.gguf"}, settings, []).engine.engine).toBe("llama");
    });

    it("uses a served model when a server is given: --model names its model, the rest waits for the settings", () => {
        const start = resolveStartOptions({rag: true, baseUrl: "http://127.0.0.1:8080/v1", model: "qwen", timeout: 5}, settings, []);
        expect(start.engine).toEqual({engine: "openai", remote: {baseUrl: "http://127.0.0.1:8080/v1", model: "qwen", apiKeyEnv: undefined, constraint: undefined, timeoutSeconds: 5}});
        expect(resolveStartOptions({rag: true}, {...settings, engine: "openai"}, []).engine).toEqual({engine: "openai", remote: {baseUrl: undefined, model: undefined, apiKeyEnv: undefined, constraint: undefined}});
    });
});
