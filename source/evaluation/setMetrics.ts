import type {ActionKeys} from "./ActionExpander.js";

/** How an output's action set compares with the reference's: the counts that precision and recall come from. */
export interface SetComparison {
    truePositives: number;
    predicted: number;
    expected: number;
}

export interface PrecisionRecall {
    precision: number;
    recall: number;
    f1: number;
}

export function compareSets(predicted: ActionKeys, expected: ActionKeys): SetComparison {
    const [smaller, larger] = predicted.size <= expected.size ? [predicted, expected] : [expected, predicted];
    let truePositives = 0;
    for (const key of smaller) {
        if (larger.has(key))
            truePositives++;
    }
    return {truePositives, predicted: predicted.size, expected: expected.size};
}

/**
 * Precision, recall and F1 of one comparison. Two empty sets agree perfectly (1, 1, 1); when only
 * one side is empty, precision and recall are both 0, so an empty output never earns precision.
 */
export function precisionRecall({truePositives, predicted, expected}: SetComparison): PrecisionRecall {
    if (predicted === 0 && expected === 0)
        return {precision: 1, recall: 1, f1: 1};
    const precision = predicted > 0 ? truePositives / predicted : 0;
    const recall = expected > 0 ? truePositives / expected : 0;
    return {precision, recall, f1: precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0};
}

export interface AggregatedPrecisionRecall {
    /** Rows compared. */
    rows: number;
    /** Per-row precision, recall and F1, averaged over the rows. */
    macro: PrecisionRecall;
    /** Precision and recall of the summed counts of all rows (large policies weigh more), and their F1. */
    micro: PrecisionRecall;
}

export function aggregatePrecisionRecall(comparisons: SetComparison[]): AggregatedPrecisionRecall {
    const perRow = comparisons.map(precisionRecall);
    const mean = (pick: (value: PrecisionRecall) => number) => perRow.length === 0 ? 0 : perRow.reduce((sum, value) => sum + pick(value), 0) / perRow.length;
    const summed = comparisons.reduce((sum, comparison) => ({
        truePositives: sum.truePositives + comparison.truePositives,
        predicted: sum.predicted + comparison.predicted,
        expected: sum.expected + comparison.expected
    }), {truePositives: 0, predicted: 0, expected: 0});
    return {
        rows: comparisons.length,
        macro: {precision: mean((value) => value.precision), recall: mean((value) => value.recall), f1: mean((value) => value.f1)},
        micro: precisionRecall(summed)
    };
}
