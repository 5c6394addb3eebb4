#!/usr/bin/env node
// Writes the random-weight test model: `npm run test-model -- --out FILE [--vocabulary small|32k] [--lora FILE]`.
import path from "node:path";
import {parseArgs} from "node:util";
import {writeTestLoraAdapter, writeTestModel, type TestVocabulary} from "./testModel.js";

try {
    const {values} = parseArgs({
        options: {
            out: {type: "string"},
            vocabulary: {type: "string", default: "small"},
            lora: {type: "string"}
        }
    });
    if (values.out == null && values.lora == null)
        throw new Error("usage: npm run test-model -- --out FILE [--vocabulary small|32k] [--lora ADAPTER_FILE]");
    if (values.vocabulary !== "small" && values.vocabulary !== "32k")
        throw new Error(`--vocabulary must be "small" or "32k", got "${values.vocabulary}"`);
    if (values.out != null) {
        writeTestModel(path.resolve(values.out), {vocabulary: values.vocabulary as TestVocabulary});
        process.stdout.write(`wrote ${values.out}\n`);
    }
    if (values.lora != null) {
        writeTestLoraAdapter(path.resolve(values.lora));
        process.stdout.write(`wrote ${values.lora}\n`);
    }
} catch (error) {
    process.stderr.write(`test-model: ${(error as Error).message}\n`);
    process.exitCode = 2;
}
