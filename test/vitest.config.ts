import {defineConfig} from "vitest/config";

export default defineConfig({
    test: {
        root: new URL("..", import.meta.url).pathname,
        include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
        exclude: ["test/bench/**", "node_modules/**"],
        // Writes the random-weight test model that the LLM tests load (never downloaded).
        globalSetup: ["test/setup/testModel.ts"],
        testTimeout: 30_000,
        hookTimeout: 120_000,
        // Two cores: more workers only contend with the model tests for the CPU.
        maxWorkers: 2
    }
});
