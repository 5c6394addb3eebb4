/** A small seeded generator (mulberry32): the same seed gives the same inputs on every machine. */
export class Random {
    private state: number;

    constructor(seed: number) {
        this.state = seed >>> 0;
    }

    /** A float in [0, 1). */
    next(): number {
        this.state = (this.state + 0x6d2b79f5) >>> 0;
        let t = this.state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }

    /** An integer in [0, limit). */
    below(limit: number): number {
        return Math.floor(this.next() * limit);
    }

    chance(probability: number): boolean {
        return this.next() < probability;
    }

    pick<T>(items: readonly T[]): T {
        return items[this.below(items.length)]!;
    }

    bytes(length: number): Buffer {
        const buffer = Buffer.alloc(length);
        for (let index = 0; index < length; index++)
            buffer[index] = this.below(256);
        return buffer;
    }
}

/** `length` seeded random bytes. */
export function seededBytes(seed: number, length: number): Buffer {
    return new Random(seed).bytes(length);
}
