import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import os from "node:os";
import path from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {createEngine} from "../../source/generator/createEngine.js";
import {PolicyGenerator} from "../../source/generator/PolicyGenerator.js";
import {TEST_MODEL_PATH} from "../setup/testModel.js";

const folder = mkdtempSync(path.join(os.tmpdir(), "iam-gen-engine-"));
afterAll(() => rmSync(folder, {recursive: true, force: true}));

describe("engine selection with a model", () => {
    it("falls back to the catalog engine with a clear message when the model file is corrupt", async () => {
        const corrupt = path.join(folder, "corrupt.gguf");
        writeFileSync(corrupt, "GGUF but then nothing a model needs");
        for (const engine of ["auto", "llama"] as const) {
            const created = await createEngine({engine, model: corrupt, threads: 1});
            expect(created.engine.name).toBe("catalog");
            expect(created.message).toMatch(/corrupt\.gguf.*; using the catalog engine\.$/);
        }
        const notGguf = path.join(folder, "notes.gguf");
        writeFileSync(notGguf, "hello");
        expect((await createEngine({model: notGguf})).message).toMatch(/is not a GGUF model/);
    });

    it("uses the llama engine for a loadable model, and compares RAG with no RAG on it", async () => {
        const generator = await PolicyGenerator.create({engine: "auto", model: TEST_MODEL_PATH, threads: 1});
        try {
            expect(generator.engine.name).toBe("llama");
            expect(generator.message).toBeUndefined();
            const {rag, noRag} = await generator.compareRagVsNoRag("Allow read-only access to S3 bucket customer-data");
            expect(rag.rag).toBe(true);
            expect(noRag.rag).toBe(false);
            expect(rag.context).not.toBeNull();
            expect(noRag.context).toBeNull();
            for (const result of [rag, noRag]) {
                expect(result.engine).toBe("llama");
                expect(result.check?.valid).toBe(true);
                expect(result.timings.tokens).toBeGreaterThan(0);
            }
        } finally {
            await generator.dispose();
        }
    });
});
