import chalk from "chalk";
import {loadCatalog} from "../../catalog/index.js";
import type {GenerationResult} from "../../engine/types.js";
import type {PolicyDocument} from "../../policy/types.js";
import {NARROWING_KINDS} from "../../retrieval/readFollowUp.js";
import {describeEffectiveChange, effectiveDiff, widens, type EffectiveChange} from "../../simulation/index.js";

/**
 * What a revision changed in what the policy allows, one line per action; a widening is red when the
 * follow-up asked to narrow. Past `limit` changes, one line says how many more `/diff` shows.
 */
export function effectiveChangeLines(previous: PolicyDocument | null, current: GenerationResult, limit = Infinity): string[] {
    if (previous == null || current.policy == null)
        return [chalk.dim("(no effective comparison: a revision has no policy)")];
    const {changes} = effectiveDiff(previous, current.policy, {catalog: loadCatalog()});
    if (changes.length === 0)
        return ["What it allows: unchanged (only the text differs)"];
    const narrowing = current.change != null && NARROWING_KINDS.has(current.change.kind) ? current.change : undefined;
    const line = (change: EffectiveChange) => {
        const text = describeEffectiveChange(change);
        if (!widens(change))
            return chalk.green(text);
        return narrowing != null ? chalk.red(`${text}: widens, though "${narrowing.cue}" asked to narrow`) : chalk.yellow(text);
    };
    const shown = changes.slice(0, limit).map(line);
    const more = changes.length - shown.length;
    return ["What it allows:", ...shown, ...(more > 0 ? [chalk.dim(`… ${more} more (/diff shows them all)`)] : [])];
}
