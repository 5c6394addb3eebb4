import type {PolicyDocument} from "../policy/types.js";

/** Where the policy goes: managed policies (each with its own limit) or one principal's inline policies (which share one quota). */
export type PackTarget = "managed" | "role-inline" | "group-inline" | "user-inline";

export const PACK_TARGETS: readonly PackTarget[] = ["managed", "role-inline", "group-inline", "user-inline"];

/** Managed policies one role, user or group may have attached: by default, and with a quota increase. */
export const MANAGED_POLICIES_PER_PRINCIPAL = {default: 10, increased: 20} as const;

export interface PackOptions {
    target?: PackTarget;
    /** Replace action lists by `Prefix*` patterns that match exactly the listed actions in today's catalog (opt-in: later actions match too). */
    collapse?: boolean;
}

/** A `Prefix*` pattern `--collapse` wrote, and the listed actions it stands for today. */
export interface CollapsedPattern {
    pattern: string;
    effect: "Allow" | "Deny";
    actions: string[];
}

export interface SizedPolicy {
    policy: PolicyDocument;
    /** Characters as AWS counts them (whitespace excluded). */
    characters: number;
}

export interface PackResult {
    target: PackTarget;
    /** The input's size. */
    original: number;
    /** The input after the lossless merges (and the collapse, when asked for). */
    shrunk: SizedPolicy;
    /** How many statements the lossless merges folded into others. */
    merged: number;
    collapsed: CollapsedPattern[];
    /** Managed: the policies to attach together. Inline: the shrunk policy, the one inline policy it can be. */
    parts: SizedPolicy[];
    /** The limit each part is held to: 6,144 for a managed policy, the principal's whole inline quota otherwise. */
    limit: number;
    /** False when the result cannot be attached as it is: an inline policy over the quota, more managed policies than a principal can have. */
    fits: boolean;
    /** What the user must read: how many policies are needed, the inline quota, what a collapse allows later. */
    notes: string[];
}
