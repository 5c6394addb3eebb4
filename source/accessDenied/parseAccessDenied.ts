import type {Catalog} from "../catalog/index.js";
import {isActionName} from "../simulation/describeEvaluation.js";
import {parseDenialMessage} from "./parseMessage.js";
import {parseDenialJson} from "./parseRecords.js";
import type {ParsedDenial} from "./types.js";

/** Whether a text is meant as an AccessDenied (a follow-up pasted in the TUI), though it may not be one that can be fixed. */
export function looksLikeAccessDenied(text: string): boolean {
    return /not authorized to perform|access ?denied|unauthorizedoperation|"DecodedMessage"|"errorCode"|Encoded authorization failure message/i.test(text);
}

/**
 * The denied request in an error text: an AccessDenied message (any of AWS's variants), a CloudTrail
 * record, or decode-authorization-message output. Anything else, and a denial that names no action
 * that can be granted, is refused with the reason: never a guess.
 */
export function parseAccessDenied(text: string, catalog: Catalog): ParsedDenial {
    const trimmed = text.trim();
    const parsed = /^[{[]/.test(trimmed) ? parseJsonText(trimmed, catalog) : parseDenialMessage(trimmed);
    // A reason quotes the input (a JSON error, a record's fields): one line, whatever the input held.
    if (!parsed.ok)
        return {ok: false, reason: parsed.reason.replace(/\s+/g, " ")};
    // One action, never a pattern: a fix grants what was denied and nothing that a wildcard would add.
    if (!isActionName(parsed.denial.action) || /[*?]/.test(parsed.denial.action))
        return {ok: false, reason: `"${parsed.denial.action}" is not one IAM action (service:Action)`};
    return parsed;
}

function parseJsonText(text: string, catalog: Catalog): ParsedDenial {
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (error) {
        return {ok: false, reason: `this looks like JSON but is not: ${(error as Error).message}`};
    }
    return parseDenialJson(value, catalog);
}
