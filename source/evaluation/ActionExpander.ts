import type {Catalog} from "../catalog/index.js";
import {policyStatements, stringsOf} from "./policyShape.js";

/** A set of actions as lower-cased `service:action` keys. */
export type ActionKeys = ReadonlySet<string>;

/**
 * Expands IAM action patterns to the catalog actions they match, once per pattern: `*` alone is
 * 22,000 actions, and a benchmark run asks for it on many rows.
 * A pattern that matches no catalog action (an invented name, or a service the catalog no longer
 * lists) stands for itself, so that it still counts as a wrong guess in the output and an identical
 * pattern in the reference still matches it.
 */
export class ActionExpander {
    private readonly cache = new Map<string, {keys: ActionKeys, known: boolean}>();
    private allKeys?: ActionKeys;

    constructor(readonly catalog: Catalog) {}

    expand(pattern: string): ActionKeys {
        return this.lookup(pattern).keys;
    }

    /** True when the pattern matches at least one catalog action. */
    isKnown(pattern: string): boolean {
        return this.lookup(pattern).known;
    }

    all(): ActionKeys {
        this.allKeys ??= new Set(this.catalog.allActions.map(actionKey));
        return this.allKeys;
    }

    /**
     * What the policy's statements with this effect cover: the union of their `Action` patterns, and
     * for a `NotAction` statement every catalog action except the listed ones (what IAM grants or
     * denies with it). Resources and conditions are not considered.
     */
    effectiveActions(policy: unknown, effect: "Allow" | "Deny"): ActionKeys {
        const parts: ActionKeys[] = [];
        for (const statement of policyStatements(policy)) {
            if (statement.Effect !== effect)
                continue;
            if (statement.Action != null)
                parts.push(...stringsOf(statement.Action).map((pattern) => this.expand(pattern)));
            if (statement.NotAction != null)
                parts.push(this.complement(stringsOf(statement.NotAction)));
        }
        if (parts.length === 1)
            return parts[0]!;
        const union = new Set<string>();
        for (const part of parts) {
            for (const key of part)
                union.add(key);
        }
        return union;
    }

    private complement(patterns: string[]): ActionKeys {
        const excluded = new Set(patterns.flatMap((pattern) => [...this.expand(pattern)]));
        return new Set([...this.all()].filter((key) => !excluded.has(key)));
    }

    private lookup(pattern: string) {
        let entry = this.cache.get(pattern);
        if (entry == null) {
            const actions = pattern === "*" ? null : this.catalog.expand(pattern);
            entry = actions == null
                ? {keys: this.all(), known: true}
                : actions.length === 0
                    ? {keys: new Set([pattern.toLowerCase()]), known: false}
                    : {keys: new Set(actions.map(actionKey)), known: true};
            this.cache.set(pattern, entry);
        }
        return entry;
    }
}

function actionKey(action: {service: string, name: string}) {
    return `${action.service}:${action.name}`.toLowerCase();
}
