import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import os from "node:os";
import path from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {ModelManager} from "../../source/llm/ModelManager.js";
import {checkModelFile, resolveModelPath} from "../../source/llm/modelFile.js";
import {TEST_LORA_PATH, TEST_MODEL_PATH} from "../setup/testModel.js";

const folder = mkdtempSync(path.join(os.tmpdir(), "iam-gen-models-"));
afterAll(() => rmSync(folder, {recursive: true, force: true}));

describe("model location", () => {
    it("resolves --model against the working directory, not node-llama-cpp's folder", () => {
        expect(resolveModelPath({model: "models/x.gguf", cwd: "/work/project"})).toEqual({path: "/work/project/models/x.gguf", source: "option"});
        expect(resolveModelPath({model: "/abs/y.gguf", configured: "z.gguf", cwd: "/work/project"})?.path).toBe("/abs/y.gguf");
    });

    it("uses the configured default, then the first *.gguf of models/", () => {
        expect(resolveModelPath({configured: "z.gguf", cwd: "/work/project"})).toEqual({path: "/work/project/z.gguf", source: "configured"});
        const project = path.join(folder, "project");
        mkdirSync(path.join(project, "models"), {recursive: true});
        writeFileSync(path.join(project, "models", "b.gguf"), "");
        writeFileSync(path.join(project, "models", "a.gguf"), "");
        writeFileSync(path.join(project, "models", "README.md"), "");
        expect(resolveModelPath({cwd: project})).toEqual({path: path.join(project, "models", "a.gguf"), source: "models-folder"});
    });
});

describe("model file errors", () => {
    const manager = new ModelManager();
    afterAll(() => manager.dispose());

    it("says when the file is missing, a folder, or not GGUF", async () => {
        await expect(checkModelFile(path.join(folder, "missing.gguf"))).rejects.toThrow(/does not exist/);
        await expect(checkModelFile(folder)).rejects.toThrow(/is not a file/);
        const text = path.join(folder, "text.gguf");
        writeFileSync(text, "{\"not\": \"a model\"}");
        await expect(checkModelFile(text)).rejects.toThrow(/is not a GGUF model/);
        writeFileSync(path.join(folder, "empty.gguf"), "");
        await expect(checkModelFile(path.join(folder, "empty.gguf"))).rejects.toThrow(/is not a GGUF model/);
    });

    it("reports a truncated model with llama.cpp's reason, and a LoRA adapter given as the model", async () => {
        const truncated = path.join(folder, "truncated.gguf");
        writeFileSync(truncated, readFileSync(TEST_MODEL_PATH).subarray(0, 400_000));
        await expect(manager.load({modelPath: truncated, threads: 1})).rejects.toThrow(/Cannot load .*truncated\.gguf: .*(file bounds|corrupted)/);
        await expect(manager.load({modelPath: TEST_LORA_PATH, threads: 1})).rejects.toThrow(/is a LoRA adapter, not a model: pass it with --lora/);
    });

    it("loads once and reuses the loaded model for the same options", async () => {
        const copy = path.join(folder, "copy.gguf");
        copyFileSync(TEST_MODEL_PATH, copy);
        const progress: number[] = [];
        const first = await manager.load({modelPath: copy, threads: 1, onLoadProgress: (value) => progress.push(value)});
        expect(await manager.load({modelPath: copy, threads: 1})).toBe(first);
        expect(progress.at(-1)).toBe(1);
        expect(progress.every((value, index) => index === 0 || value >= progress[index - 1]!)).toBe(true);
        expect(first.options.threads).toBe(1);
        expect(first.gpu).toBe(false);
    });
});
