import type {ManagedPolicy} from "../types.js";

/** Service prefix → how many AWS managed policies allow or deny some of its actions. */
export function countServiceUsage(policies: readonly ManagedPolicy[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const policy of policies) {
        const services = new Set<string>();
        for (const statement of [policy.document.Statement].flat()) {
            for (const action of [statement.Action ?? [], statement.NotAction ?? []].flat()) {
                const prefix = action.split(":")[0]?.toLowerCase();
                if (prefix != null && prefix !== "*" && action.includes(":"))
                    services.add(prefix);
            }
        }
        for (const service of services)
            counts[service] = (counts[service] ?? 0) + 1;
    }
    return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
