import type {CatalogAction} from "../../catalog/types.js";
import type {ResourceHint, ServiceIntent} from "../../retrieval/types.js";
import {isReadVerb, stem} from "./selectActions.js";

function firstWord(text: string) {
    return stem(text.toLowerCase().split(/[^a-z0-9]+/)[0] ?? "");
}

function actionVerb(action: CatalogAction) {
    return stem(action.name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").split(" ")[0]!.toLowerCase());
}

function hintWords(hint: ResourceHint) {
    return new Set(hint.matched.join(" ").toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).map(stem));
}

/**
 * Which resources go with which verb when a request pairs them ("read from bucket input-data and
 * write to bucket output-data"): each named resource is bound to the verbs whose objects share its
 * distinctive words; an action then gets the resources of its own verb (by name: ReceiveMessage →
 * receive), or of verbs of its kind (a Read action → the resources that are read), plus those bound
 * to no verb. Returns the hints unchanged when the request gives nothing to pair.
 */
export class ResourceBinding {
    private readonly bindings = new Map<ResourceHint, Set<string>>();

    constructor(intent: ServiceIntent | undefined, private readonly hints: readonly ResourceHint[]) {
        const verbNouns = intent?.verbNouns;
        if (verbNouns == null || Object.keys(verbNouns).length < 2)
            return;
        // "receive and delete messages from X": a verb without its own objects shares the next verb's.
        const verbs = intent!.verbs.map(firstWord).filter((verb, index, all) => verb !== "" && all.indexOf(verb) === index);
        const objects = new Map<string, Set<string>>();
        for (const [verb, nouns] of Object.entries(verbNouns))
            objects.set(firstWord(verb), new Set(nouns.map(stem)));
        for (let index = verbs.length - 1; index >= 0; index--) {
            if (!objects.has(verbs[index]!) && index + 1 < verbs.length && objects.has(verbs[index + 1]!))
                objects.set(verbs[index]!, objects.get(verbs[index + 1]!)!);
        }
        // Words every verb has ("bucket", "order") do not tell the resources apart.
        const lists = [...objects.values()];
        const common = new Set([...lists[0] ?? []].filter((word) => lists.every((list) => list.has(word))));
        for (const hint of hints) {
            const words = [...hintWords(hint)].filter((word) => !common.has(word));
            let best = 0;
            let bound = new Set<string>();
            for (const [verb, nouns] of objects) {
                const overlap = words.filter((word) => nouns.has(word)).length;
                if (overlap > best) {
                    best = overlap;
                    bound = new Set([verb]);
                } else if (overlap === best && overlap > 0) {
                    bound.add(verb);
                }
            }
            if (best > 0)
                this.bindings.set(hint, bound);
        }
    }

    /** The hints that `action` works on. */
    hintsFor(action: CatalogAction): readonly ResourceHint[] {
        if (this.bindings.size === 0)
            return this.hints;
        const verb = actionVerb(action);
        const bound = [...this.bindings.values()].some((verbs) => verbs.has(verb));
        const reads = action.accessLevels.every((level) => level === "Read" || level === "List");
        const fits = (verbs: Set<string>) => bound ? verbs.has(verb) : [...verbs].some((candidate) => isReadVerb(candidate) === reads);
        const chosen = this.hints.filter((hint) => {
            const verbs = this.bindings.get(hint);
            return hint.service !== action.service || verbs == null || fits(verbs);
        });
        return chosen.some((hint) => hint.service === action.service) ? chosen : this.hints;
    }
}
