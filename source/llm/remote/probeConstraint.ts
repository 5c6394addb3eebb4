import type {ServerClient, RequestExtras} from "./ServerClient.js";
import {ServerFailure} from "./ServerFailure.js";

export type ConstraintKind = "grammar" | "json-schema" | "none";
export const CONSTRAINT_CHOICES = ["auto", "grammar", "json-schema", "none"] as const;
export type ConstraintChoice = typeof CONSTRAINT_CHOICES[number];

/** An answer no model gives unasked, so that getting it back shows the constraint was applied. */
const PROBE_ANSWER = "0110";
/** Uses the GBNF features the policy grammar needs: a character class and a bounded repetition. */
const PROBE_GRAMMAR = String.raw`root ::= "0" [1]{2} "0"`;
const PROBE_SCHEMA = {type: "object", properties: {probe: {enum: [PROBE_ANSWER]}}, required: ["probe"], additionalProperties: false};
const PROBE_MESSAGES = [{role: "user" as const, content: "Answer with a short number."}];

/** The request fields that send a constraint: llama.cpp's `grammar`, or OpenAI's structured outputs. */
export function constraintFields(kind: ConstraintKind, constraint: string | object | undefined): RequestExtras {
    if (kind === "grammar")
        return {grammar: constraint as string};
    if (kind === "json-schema")
        return {response_format: {type: "json_schema", json_schema: {name: "iam_policy", strict: true, schema: constraint as Record<string, unknown>}}};
    return {};
}

/**
 * Which constraint the server applies, by asking: a tiny request with a grammar whose only answer is
 * "0110" (llama.cpp's server), then one with a JSON schema whose only answer holds it (vLLM, Ollama,
 * LM Studio, OpenAI); a server that refuses the field (HTTP 400/422) or answers something else does
 * not apply it. Failures that are not about the field (refused, timed out, a bad key) are thrown.
 */
export async function probeConstraint(client: ServerClient, signal?: AbortSignal): Promise<ConstraintKind> {
    if (await applies(client, constraintFields("grammar", PROBE_GRAMMAR), (text) => text.trim() === PROBE_ANSWER, signal))
        return "grammar";
    const schemaAnswer = (text: string) => {
        try {
            return (JSON.parse(text) as {probe?: unknown}).probe === PROBE_ANSWER;
        } catch {
            return false;
        }
    };
    if (await applies(client, constraintFields("json-schema", PROBE_SCHEMA), schemaAnswer, signal))
        return "json-schema";
    return "none";
}

async function applies(client: ServerClient, fields: RequestExtras, answered: (text: string) => boolean, signal?: AbortSignal): Promise<boolean> {
    try {
        const completion = await client.complete(PROBE_MESSAGES, {...fields, max_tokens: 32, temperature: 0}, {signal});
        return answered(completion.text);
    } catch (error) {
        if (error instanceof ServerFailure && (error.status === 400 || error.status === 422))
            return false;
        throw error;
    }
}
