/** Levenshtein distance with adjacent transpositions counted as one edit. */
export function editDistance(a: string, b: string): number {
    const rows = a.length + 1;
    const columns = b.length + 1;
    const table = new Uint16Array(rows * columns);
    for (let i = 0; i < rows; i++)
        table[i * columns] = i;
    for (let j = 0; j < columns; j++)
        table[j] = j;
    for (let i = 1; i < rows; i++) {
        for (let j = 1; j < columns; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let best = Math.min(table[(i - 1) * columns + j]! + 1, table[i * columns + j - 1]! + 1, table[(i - 1) * columns + j - 1]! + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                best = Math.min(best, table[(i - 2) * columns + j - 2]! + 1);
            table[i * columns + j] = best;
        }
    }
    return table[rows * columns - 1]!;
}

/**
 * The candidates whose names are closest to `target`, if close enough to be a plausible typo: at most
 * a third of the target's length in edits (at least 1, at most 4). More than one means a tie.
 */
export function closestCandidates<T>(target: string, candidates: Iterable<T>, nameOf: (candidate: T) => string): T[] {
    const limit = Math.min(4, Math.max(1, Math.floor(target.length / 3)));
    let best: T[] = [];
    let bestDistance = limit;
    for (const candidate of candidates) {
        const name = nameOf(candidate);
        if (Math.abs(name.length - target.length) > bestDistance)
            continue;
        const distance = editDistance(target, name);
        if (distance < bestDistance || (distance === bestDistance && best.length === 0)) {
            best = [candidate];
            bestDistance = distance;
        } else if (distance === bestDistance) {
            best.push(candidate);
        }
    }
    return best;
}

/** The first of the closest candidates (see closestCandidates). */
export function closestByEditDistance<T>(target: string, candidates: Iterable<T>, nameOf: (candidate: T) => string): T | undefined {
    return closestCandidates(target, candidates, nameOf)[0];
}
