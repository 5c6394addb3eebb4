import {misspell} from "./policyInputs.js";
import {type Random} from "./random.js";

const REQUESTS = [
    "Allow reading objects in S3 bucket reports", "Allow a Lambda function to read from DynamoDB table users and write logs to CloudWatch",
    "read-only access to DynamoDB table orders", "Deny deleting objects in S3 bucket audit-logs", "Allow sending messages to SQS queue orders",
    "Allow everything except IAM", "Allow starting and stopping EC2 instances but not terminating them", "Allow reading the secret prod/db",
    "Full access to S3 except deleting buckets", "Allow decrypting with the KMS key app-key in us-east-1 from 10.0.0.0/8"
];
/** The shapes that broke the request path: text read as a regular expression, bytes read as words. */
const HOSTILE_NAMES = ["a(b/c", "x|(.*){20}q/c", "[z-a]/x", "\\/\\", "(?<n>)/y", "*+?/z", "a{99999}/b", "${aws:username}/*"];
const FOLLOW_UPS = [
    "restrict it to us-east-1", "remove the S3 part", "also allow deleting messages", "require MFA", "make it read-only",
    "only from 10.0.0.0/8", "deny deleting", "also write logs to CloudWatch", "scrap that", "add the bucket logs too", "undo", "?"
];
const NOISE = ["", " ", "\t", "🔥", "é", "\u0007", "\u001b[2J", "\u202e", "\r\n", "MQ", "'", "\"", "..."];

function words(random: Random, text: string): string {
    const parts = text.split(" ");
    const at = random.below(parts.length);
    switch (random.below(6)) {
        case 0: parts[at] = misspell(random, parts[at]!); break;
        case 1: parts.splice(at, 1); break;
        case 2: parts.splice(at, 0, random.pick(NOISE)); break;
        case 3: parts[at] = parts[at]!.toUpperCase(); break;
        default: break;
    }
    return parts.join(" ");
}

/** Printable junk: what a paste of the wrong thing looks like. */
function printableJunk(random: Random, length: number): string {
    return Array.from({length}, () => String.fromCharCode(32 + random.below(95))).join("");
}

/**
 * A request shaped like the reproductions: a real request, mutated word by word, with a hostile name
 * spliced in ("Allow reading the a(b/c secret"), junk, or binary data decoded as text.
 */
export function requestText(random: Random): string {
    switch (random.below(10)) {
        case 0: return `Allow reading the ${random.pick(HOSTILE_NAMES)} ${random.pick(["secret", "bucket", "parameter", "key"])}`;
        case 1: return printableJunk(random, 1 + random.below(300));
        case 2: return new TextDecoder().decode(random.bytes(1 + random.below(2000)));
        case 3: return `${random.pick(REQUESTS)} ${random.pick(REQUESTS).toLowerCase()}`;
        default: return words(random, words(random, random.pick(REQUESTS)));
    }
}

export function followUpText(random: Random): string {
    return random.chance(0.2) ? requestText(random) : words(random, random.pick(FOLLOW_UPS));
}

/** A batch file: JSON lines of {id, prompt} with the reproductions' shapes (a BOM, CRLF, bad lines, duplicate ids). */
export function batchText(random: Random): string {
    const lines = Array.from({length: random.below(8)}, (_, index) => {
        switch (random.below(8)) {
            case 0: return "not json";
            case 1: return JSON.stringify({id: index});
            case 2: return JSON.stringify({id: random.chance(0.5) ? "same" : null, prompt: requestText(random)});
            case 3: return JSON.stringify([index]);
            case 4: return `{"id": "${index}", "prompt": "${printableJunk(random, 20).replace(/["\\]/g, "")}"`;
            default: return JSON.stringify({id: random.chance(0.5) ? index : `row-${index}`, prompt: requestText(random)});
        }
    });
    const text = lines.join(random.chance(0.3) ? "\r\n" : "\n");
    return random.chance(0.2) ? `\uFEFF${text}` : text;
}
