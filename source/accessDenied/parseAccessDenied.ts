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
    let parsed: ParsedDenial;
    if (/^[{[]/.test(trimmed)) {
        let value: unknown;
        try {
            value = JSON.parse(trimmed);
        } catch (error) {
            return {ok: false, reason: `this looks like JSON but is not: ${(error as Error).message}`};
        }
        parsed = parseDenialJson(value, catalog);
    } else {
        parsed = parseDenialMessage(trimmed);
    }
    // One action, never a pattern: a fix grants what was denied and nothing that a wildcard would add.
    if (parsed.ok && (!isActionName(parsed.denial.action) || /[*?]/.test(parsed.denial.action)))
        return {ok: false, reason: `"${parsed.denial.action}" is not one IAM action (service:Action)`};
    return parsed;
}
