import {type SizeReport, type SizeTarget} from "./types.js";

/** AWS's quotas, in characters not counting whitespace. */
export const SIZE_LIMITS: Readonly<Record<SizeTarget, number>> = {managed: 6144, user: 2048, group: 5120, role: 10240};

/** The policy's size as AWS counts it (whitespace excluded) against the quota of where it will be attached. */
export function policySize(policy: unknown, target: SizeTarget = "managed"): SizeReport {
    let text: string;
    try {
        text = JSON.stringify(policy) ?? "";
    } catch {
        text = "";
    }
    let characters = text.length;
    for (let index = 0; index < text.length; index++) {
        const code = text.charCodeAt(index);
        // JSON.stringify leaves whitespace only inside strings: spaces, and the rarer Unicode ones.
        if (code === 32 || (code > 127 && /\s/.test(text[index]!)))
            characters--;
    }
    const limit = SIZE_LIMITS[target];
    return {target, characters, limit, withinLimit: characters <= limit};
}
