import type {Catalog} from "../catalog/Catalog.js";
import type {VerbHit} from "./findVerbs.js";
import {typeHeadWords, type ServiceMention} from "./detectServices.js";
import {isDescribingParticiple} from "./namePositions.js";
import {STOPWORDS, type Token} from "./text.js";
import {lexiconWords} from "./words.js";

/** Words that end the list of a verb's objects. */
const OBJECT_ENDERS = lexiconWords("objectEnders");
/** How far after a verb its object nouns may be ("start and stop EC2 instances"). */
const NOUN_WINDOW = 10;

/** The words after verbs and around service phrases, as nouns to match against action names. */
export class NounWindows {
    constructor(
        private readonly catalog: Catalog, private readonly tokens: readonly Token[], private readonly mentions: readonly ServiceMention[],
        private readonly hits: readonly VerbHit[], private readonly mentionAt: Int32Array, private readonly hitAt: Int32Array,
        /** Words of who receives the policy ("the bucket owner"): no objects. */
        private readonly principal: ReadonlySet<number>
    ) {}

    /** A verb's objects run on through lists ("describe instances, images, and volumes") to the next verb or "but". */
    after(service: string, hits: readonly VerbHit[]): string[] {
        const nouns = new Set<string>();
        for (const hit of hits)
            this.take(service, hit.end, hit.end + NOUN_WINDOW, nouns);
        return [...nouns];
    }

    /** "DynamoDB Streams", "S3 bucket contents": words in and right after the service's own phrases. */
    aroundMentions(service: string): string[] {
        const nouns = new Set<string>();
        for (const mention of this.mentions)
            if (mention.service === service)
                this.take(service, mention.start, mention.end + NOUN_WINDOW / 2, nouns);
        return [...nouns];
    }

    /**
     * The heads of the noun phrases right after a verb, each its last noun ("deleting objects in the bucket" →
     * object, "managing Lambda function event source mappings" → mapping, "rules and targets" → rule, target).
     */
    heads(service: string, hit: VerbHit): string[] {
        const heads: string[] = [];
        let head: string | undefined;
        for (let k = hit.end; k < Math.min(this.tokens.length, hit.end + NOUN_WINDOW); k++) {
            const token = this.tokens[k]!;
            const mention = this.mentions[this.mentionAt[k]!];
            if (this.hitAt[k]! >= 0 && k >= hit.end)
                break;
            // "describe instances, security groups, and VPCs": a list of objects goes on past its commas.
            if (token.clause !== this.tokens[k - 1]!.clause) {
                if (head == null || !this.continuesList(k))
                    break;
                heads.push(head);
                head = undefined;
            }
            if (mention != null) {
                // The service's own name opens the phrase ("S3 buckets" → bucket); another service ends it.
                if (mention.service !== service)
                    break;
                // "VPCs" names the service and one of its types: as the last word of the phrase it is the type.
                const typeAtEnd = typeHeadWords(this.catalog, service).has(token.norm) && this.mentionAt[k + 1] !== this.mentionAt[k];
                if (typeAtEnd || (token.norm !== service && !/[A-Z0-9].*[A-Z0-9]|^[A-Z0-9]+$/.test(token.text) && !STOPWORDS.has(token.lower)))
                    head = token.norm;
                continue;
            }
            // A word of an identifier names a resource ("the Lambda function api-handler"): the head stays "function".
            if (token.compound)
                continue;
            if (STOPWORDS.has(token.lower) || OBJECT_ENDERS.has(token.lower) || /^\d+$/.test(token.lower) || isDescribingParticiple(this.tokens, k)) {
                if (head == null)
                    continue;
                heads.push(head);
                head = undefined;
                // "rules and targets": a list goes on; anything else ends the objects.
                if (token.lower !== "and" && token.lower !== "or")
                    return heads;
                continue;
            }
            // A name after its type ("a data catalog datacatalogA", "the table Orders2") keeps the type as the head.
            if (head != null && /^[a-z]+[A-Z0-9]|[a-z][A-Z]/.test(token.text))
                continue;
            head = token.norm;
        }
        return head != null ? [...heads, head] : heads;
    }

    /** A clause that goes on with another object (", security groups", ", and VPCs"), not with a verb, a preposition or "but". */
    private continuesList(k: number): boolean {
        const first = ["and", "or"].includes(this.tokens[k]!.lower) ? this.tokens[k + 1] : this.tokens[k];
        return first != null && first.sentence === this.tokens[k]!.sentence && this.hitAt[first.index]! < 0
            && !STOPWORDS.has(first.lower) && !OBJECT_ENDERS.has(first.lower);
    }

    private take(service: string, from: number, to: number, nouns: Set<string>) {
        const sentence = this.tokens[from]?.sentence;
        for (let k = Math.max(0, from); k < Math.min(this.tokens.length, to); k++) {
            const token = this.tokens[k]!;
            if (token.sentence !== sentence || OBJECT_ENDERS.has(token.lower))
                break;
            const verb = this.hits[this.hitAt[k]!];
            if (verb != null && verb.start > from)
                break;
            if (verb != null || STOPWORDS.has(token.lower) || /^\d+$/.test(token.lower) || token.lower.length < 2 || this.principal.has(k))
                continue;
            const mention = this.mentions[this.mentionAt[k]!];
            if (mention != null && mention.service !== service)
                continue;
            if (token.norm !== service)
                nouns.add(token.norm);
        }
    }
}
