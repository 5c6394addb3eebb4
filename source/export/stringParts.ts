import {parseArn} from "../policy/arn.js";
import type {ExportContext} from "./types.js";

/**
 * A policy string cut where a format writes something other than text: the partition, the account
 * and the region of an ARN (as the target's variables) and IAM policy variables (`${aws:username}`,
 * which each format must keep from its own interpolation).
 */
export type StringPart =
    | {kind: "text"; text: string}
    | {kind: "partition" | "account" | "region"}
    | {kind: "policyVariable"; name: string};

/** Only the standard partition becomes a pseudo-parameter: reading one back gives `aws`. */
const STANDARD_PARTITION = "aws";

/**
 * The parts of one string. Only an ARN's own fields are replaced, and only by the context's account
 * and region: another account named in the policy (a cross-account bucket) stays as written.
 */
export function stringParts(value: string, context: ExportContext): StringPart[] {
    const fields = parseArn(value) != null ? value.split(":") : undefined;
    // A policy variable before the resource part (`${aws:RequestedRegion}` as the region) leaves the ARN as written.
    if (fields == null || fields.slice(0, 5).some((field) => field.includes("${")))
        return withPolicyVariables(value);
    const parts: StringPart[] = [{kind: "text", text: "arn:"}];
    const field = (text: string, kind: "partition" | "account" | "region", replaced: string | undefined) =>
        parts.push(text === replaced ? {kind} : {kind: "text", text});
    field(fields[1]!, "partition", STANDARD_PARTITION);
    parts.push({kind: "text", text: `:${fields[2]}:`});
    field(fields[3]!, "region", context.region);
    parts.push({kind: "text", text: ":"});
    field(fields[4]!, "account", context.account);
    parts.push({kind: "text", text: ":"}, ...withPolicyVariables(fields.slice(5).join(":")));
    return mergeText(parts);
}

function withPolicyVariables(text: string): StringPart[] {
    const parts: StringPart[] = [];
    let from = 0;
    for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
        parts.push({kind: "text", text: text.slice(from, match.index)});
        parts.push({kind: "policyVariable", name: match[1]!});
        from = match.index + match[0].length;
    }
    parts.push({kind: "text", text: text.slice(from)});
    return mergeText(parts);
}

function mergeText(parts: StringPart[]): StringPart[] {
    const merged: StringPart[] = [];
    for (const part of parts) {
        const last = merged.at(-1);
        if (part.kind === "text" && part.text === "")
            continue;
        if (part.kind === "text" && last?.kind === "text")
            merged[merged.length - 1] = {kind: "text", text: last.text + part.text};
        else
            merged.push(part);
    }
    return merged;
}

/** True when a format must write the string as an expression rather than a plain literal. */
export function hasSubstitution(parts: readonly StringPart[]): boolean {
    return parts.some((part) => part.kind === "partition" || part.kind === "account" || part.kind === "region");
}
