import {readFileSync} from "node:fs";
import {catalogDescriptionsPath} from "../../catalog/paths.js";
import {loadCatalog} from "../../catalog/loadCatalog.js";
import type {CatalogDescriptionsFile} from "../../catalog/types.js";
import {writeLlamaModel, type LlamaShape} from "../gguf/llamaModel.js";
import {writeLoraAdapter} from "../gguf/loraAdapter.js";
import {buildVocabulary, frequentPieces, SPACE_MARK, TokenType, type Vocabulary} from "../gguf/vocabulary.js";

/** Small enough to load in milliseconds and decode thousands of tokens a second on one thread. */
export const TEST_MODEL_SHAPE: LlamaShape = {layers: 2, hidden: 64, heads: 4, kvHeads: 2, ffn: 128, contextLength: 8192};

/** Pieces a policy and its prompt are made of, so the small vocabulary tokenizes them in few tokens. */
const POLICY_PIECES = [
    "{\"", "\":", "\": \"", "\",", "\"]", "\"}", "\"},", "\": [", "\": {", "[\"", "],", "},", "\n  ", "\n    ", "\n      ",
    "\"Version\"", "\"2012-10-17\"", "\"Statement\"", "\"Sid\"", "\"Effect\"", "\"Allow\"", "\"Deny\"", "\"Action\"",
    "\"NotAction\"", "\"Resource\"", "\"NotResource\"", "\"Condition\"", "\"StringEquals\"", "\"StringLike\"", "\"Bool\"",
    "\"IpAddress\"", "\"ArnLike\"", "\"aws:", "arn:aws:", "arn:", "aws", ":*", "/*", "*\"", "s3:", "ec2:", "iam:", "lambda:",
    "dynamodb:", "logs:", "kms:", "sqs:", "sns:", "Get", "Put", "List", "Describe", "Create", "Delete", "Update", "Object",
    "Bucket", "Table", "Item", "Query", "Scan", "Function", "Invoke", "Role", "Policy", "Log", "Group", "Stream", "Events",
    "Instances", "Start", "Stop", "Terminate", "Decrypt", "Encrypt", "Key", "Message", "Send", "Receive", "Publish",
    " Allow", " access", " read", " write", " only", " the", " to", " and", " a", " of", " in", " for", " on", " with",
    " bucket", " table", " policy", " actions", " action", " resource", " resources", " service", " services", " request",
    " least", " privilege", " candidate", " condition", " JSON", " IAM", " AWS", " S3", " user", " users", " data", " from",
    " that", " is", " are", " not", " use", " each", " must", " every", " only", " one", " statement", " statements"
];

/**
 * The tokens a grammar-constrained policy needs to close: strings, arrays and objects. Their bias
 * makes a random-weight model finish a policy in a few dozen tokens instead of wandering until
 * `maxTokens`, while the other choices still come from the (seeded) weights. Whitespace is made
 * unlikely for the same reason.
 */
const CLOSING_BIAS = new Map([["\"", 1.2], ["]", 1], ["}", 1], ["\"]", 1.2], ["\"}", 1.2]]);
const WHITESPACE_BIAS = -1;

export type TestVocabulary = "small" | "32k";

/** Writes the test model (< 1 s for the small vocabulary). `"32k"` has a realistic 32,000-token vocabulary for grammar benchmarks. */
/**
 * Writes the test model. `closing: false` leaves out the bias towards closing strings and brackets:
 * the model then rambles inside a string until `maxTokens`, for tests that must stop a long stream.
 */
export function writeTestModel(path: string, {vocabulary = "small" as TestVocabulary, tensorType = "F32" as const, closing = true} = {}) {
    const tokens = vocabulary === "small" ? buildVocabulary(POLICY_PIECES) : realisticVocabulary(32_000);
    writeLlamaModel(path, {
        shape: TEST_MODEL_SHAPE,
        vocabulary: tokens,
        tensorType,
        name: `iam-gen test model (${vocabulary} vocabulary)`,
        weights: "seeded",
        seed: 42,
        outputBias: closing ? closingBias(tokens) : undefined
    });
}

/** A LoRA adapter for the test model. */
export function writeTestLoraAdapter(path: string) {
    writeLoraAdapter(path, TEST_MODEL_SHAPE);
}

/** Enough text for the most frequent pieces to look like a real tokenizer's, small enough to count in a few seconds. */
const CORPUS_CHARACTERS = 400_000;

/**
 * A vocabulary of `size` tokens shaped like a real one: the policy pieces, then the most frequent
 * substrings of the catalog's action names and of an even sample of its descriptions.
 */
export function realisticVocabulary(size: number): Vocabulary {
    const catalog = loadCatalog();
    const descriptions = JSON.parse(readFileSync(catalogDescriptionsPath(), "utf8")) as CatalogDescriptionsFile;
    const texts = [
        ...catalog.allActions.map((action) => `"${action.service}:${action.name}"`),
        ...Object.values(descriptions.actions).flatMap((actions) => Object.values(actions))
    ];
    const stride = Math.max(1, Math.ceil(texts.reduce((sum, text) => sum + text.length + 1, 0) / CORPUS_CHARACTERS));
    const corpus = texts.filter((_, index) => index % stride === 0).join(" ");
    return buildVocabulary([...POLICY_PIECES, ...frequentPieces(corpus, size)], size);
}

function closingBias(vocabulary: Vocabulary) {
    const bias = new Map<number, number>();
    vocabulary.tokens.forEach((token, id) => {
        const text = vocabulary.types[id] === TokenType.byte ? String.fromCharCode(parseInt(token.slice(3, 5), 16)) : token.replaceAll(SPACE_MARK, " ");
        const value = CLOSING_BIAS.get(text) ?? (/^\s+$/.test(text) ? WHITESPACE_BIAS : undefined);
        if (value != null)
            bias.set(id, value);
    });
    return bias;
}
