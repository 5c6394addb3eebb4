import {describe, expect, it} from "vitest";
import type {LlamaEngine} from "../../source/llm/LlamaEngine.js";
import {DEFAULT_SETTINGS, type Settings} from "../../source/settings/Settings.js";
import {createEngineLoader} from "../../source/tui/engineLoader.js";
import {unusedLoopbackPort} from "../servedModel/spawnTestServer.js";
import {TEST_MODEL_PATH} from "../setup/testModel.js";

describe("createEngineLoader", () => {
    it("makes the model engine again with new ARN settings and keeps the loaded model; the catalog engine frees it", async () => {
        let settings: Settings = {...DEFAULT_SETTINGS};
        const loader = createEngineLoader(async () => settings);
        const request = {engine: "llama" as const, model: TEST_MODEL_PATH, gpu: "cpu" as const};
        const first = await loader.load(request, () => undefined);
        settings = {...settings, region: "eu-west-1"};
        const second = await loader.load(request, () => undefined);
        expect(second.info).toMatchObject({name: "llama", model: "test-model.gguf", device: "CPU"});
        expect(second.engine).not.toBe(first.engine);
        expect((second.engine as LlamaEngine).loaded).toBe((first.engine as LlamaEngine).loaded);

        const catalog = await loader.load({engine: "catalog"}, () => undefined);
        expect(catalog.info.name).toBe("catalog");
        const third = await loader.load(request, () => undefined);
        expect((third.engine as LlamaEngine).loaded).not.toBe((first.engine as LlamaEngine).loaded);
        await loader.load({engine: "catalog"}, () => undefined);
    }, 60_000);

    it("falls back to the catalog engine with a warning when the model cannot be loaded", async () => {
        const loader = createEngineLoader(async () => DEFAULT_SETTINGS);
        const loaded = await loader.load({engine: "llama", model: "/nonexistent/model.gguf"}, () => undefined);
        expect(loaded.info.name).toBe("catalog");
        expect(loaded.message?.level).toBe("warning");
        expect(loaded.message?.text).toMatch(/; using the catalog engine\.$/);
    });

    it("runs a served model only where one is named, and falls back to the catalog engine, saying why, when its server cannot be reached", async () => {
        const unnamed = createEngineLoader(async () => DEFAULT_SETTINGS);
        await expect(unnamed.load({engine: "openai"}, () => undefined)).rejects.toThrow(/^no model server: \/settings remoteUrl URL/);
        const port = await unusedLoopbackPort();
        const unreachable = createEngineLoader(async () => ({...DEFAULT_SETTINGS, remoteUrl: `http://127.0.0.1:${port}/v1`, remoteModel: "served"}));
        const loaded = await unreachable.load({engine: "openai"}, () => undefined);
        expect(loaded.info.name).toBe("catalog");
        expect(loaded.message).toEqual({level: "warning", text: `cannot reach http://127.0.0.1:${port}/v1: connection refused; using the catalog engine.`});
    });
});
