import {describeDenial, fixAccessDenied, looksLikeAccessDenied, parseAccessDenied} from "../accessDenied/index.js";
import {loadCatalog} from "../catalog/index.js";
import type {GenerationResult, EngineName} from "../engine/types.js";
import {packIfOversized, packingResolvesSize, type SizedPolicy} from "../packing/index.js";
import {checkPolicy, formatPolicy} from "../policy/index.js";

/**
 * An AccessDenied pasted as a request or follow-up, answered without the engine: the narrowest grant
 * added to the current policy (or a new one), or the current policy unchanged with the reason an
 * Allow cannot help. Undefined for any other text, which the engine answers.
 */
export function accessDeniedTurn(text: string, current: GenerationResult | undefined, engine: EngineName): GenerationResult | undefined {
    if (!looksLikeAccessDenied(text))
        return undefined;
    const started = performance.now();
    const catalog = loadCatalog();
    const parsed = parseAccessDenied(text, catalog);
    // No retrieval ran; the result keeps the conversation's setting so the panel does not report retrieval as switched off.
    const base = {engine, request: text, repairs: [], context: null, rag: current?.rag ?? true};
    const timings = () => ({totalMs: performance.now() - started, retrievalMs: 0});
    const outcome = parsed.ok ? fixAccessDenied(parsed.denial, current?.policy ?? undefined, catalog) : {kind: "refused" as const, reason: parsed.reason};
    const read = parsed.ok ? `Read as ${describeDenial(parsed.denial)}. ` : "";
    if (outcome.kind === "granted")
        return withPackedParts({
            ...base, policy: outcome.policy, text: formatPolicy(outcome.policy), check: checkPolicy(outcome.policy, {catalog}), timings: timings(),
            changeSummary: outcome.notes[0]!, message: `${read}${outcome.notes.slice(1).map(sentence).join(" ")}`
        });
    const message = `${read}${sentence(outcome.reason)}`;
    if (current?.policy == null)
        return {...base, policy: null, text: "", check: null, timings: timings(), message};
    return {...current, request: text, timings: timings(), changeSummary: "No change.", unchanged: true, message};
}

/** The result with its packed parts when its policy is over a managed policy's limit (whichever engine made it). */
export function withPackedParts(result: GenerationResult): GenerationResult {
    if (result.policy == null || result.aborted === true || result.packed != null)
        return result;
    try {
        const packed = packIfOversized(result.policy, loadCatalog());
        return packed == null ? result : {...result, packed};
    } catch (error) {
        // A policy that cannot be packed is still the result; the size finding says it is too large.
        return {...result, message: [result.message, `It could not be split into managed policies: ${(error as Error).message}.`].filter((line) => line != null).join(" ")};
    }
}

/** The managed policies a result is printed and saved as: its packed parts when packing split it into several that fit, else undefined. */
export function packedParts(result: GenerationResult): SizedPolicy[] | undefined {
    const packed = result.packed;
    return packed != null && packed.parts.length > 1 && packingResolvesSize(result.check, packed) ? packed.parts : undefined;
}

function sentence(text: string): string {
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
