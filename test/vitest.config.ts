import {defineConfig} from "vitest/config";

export default defineConfig({
    test: {
        root: new URL("..", import.meta.url).pathname,
        include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
        exclude: ["test/bench/**", "node_modules/**"],
        testTimeout: 30_000,
        hookTimeout: 120_000,
        // Two cores: more workers only contend with the model tests for the CPU.
        maxWorkers: 2
    }
});
