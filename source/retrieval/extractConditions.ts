import type {ConditionHint, Effect} from "./types.js";

export const REGION_PATTERN = /\b(?:us-gov|us|eu|ap|sa|ca|me|af|il|mx|cn)-(?:east|west|north|south|central|northeast|southeast|northwest|southwest)-\d\b/gi;
const IP_PATTERN = /\b\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?\b/g;
const INSTANCE_TYPE_PATTERN = /\b[a-z][a-z0-9]*\d[a-z0-9-]*\.(?:nano|micro|small|medium|large|\d*xlarge|metal)\b/gi;
const TAG_PAIR_PATTERN = /\b([A-Za-z][\w.:/-]*)\s*[=:]\s*["']?([\w.@-]+)/g;
const PREFIX_PATTERN = /\b(?:prefix|folder|path|directory)\s+["'`]?([\w.-]+(?:\/[\w.-]*)*\/?)|["'`]?([\w.-]+\/(?:[\w.-]+\/)*)["'`]?\s+(?:prefix|folder)/gi;

export interface ConditionContext {
    effect: Effect;
    /** Target service prefixes: some hints only make sense for them (`s3:prefix` needs S3). */
    targets: readonly string[];
}

/**
 * Character ranges of condition phrases whose words must not count as services
 * ("from our VPC endpoint vpce-…", "encrypted with AWS KMS", "pass roles to Lambda").
 */
export function conditionPhraseSpans(text: string): Array<[number, number]> {
    const spans: Array<[number, number]> = [];
    const patterns = [
        /\b(?:source\s+)?vpc(?:\s+endpoint)?\s+(?:id\s+)?vpce?-[0-9a-z]+/gi,
        /\bvpc\s+endpoints?\b/gi,
        /\b(?:server[- ]side[- ])?encrypt(?:ed|ion)?\s+(?:with|using|by)\s+(?:an?\s+|the\s+)?(?:aws\s+)?kms(?:\s+keys?)?\b|\bsse-kms\b|\bkms[- ]encrypted\b/gi,
        /\bpass(?:es|ed|ing)?\s+(?:the\s+|a\s+|an\s+|any\s+)?(?:[\w-]+\s+)?roles?\s+(?:[\w-]+\s+)?(?:only\s+)?to\s+(?:the\s+|an?\s+)?[\w-]+/gi
    ];
    for (const pattern of patterns)
        for (const match of text.matchAll(pattern)) {
            // For "pass roles to Lambda" only the receiving service is suppressed: iam is still the target.
            const start = pattern.source.startsWith("\\bpass") ? match.index + match[0].lastIndexOf(" ") + 1 : match.index;
            spans.push([start, match.index + match[0].length]);
        }
    return spans;
}

/** The common condition phrases of a request as structured hints for the generators. */
export function extractConditions(text: string, context: ConditionContext): ConditionHint[] {
    const hints: ConditionHint[] = [];
    const deny = context.effect === "Deny";
    const targets = new Set(context.targets);

    const mfa = /\b(?:mfa|multi[- ]?factor(?:\s+auth(?:entication)?)?|2fa|two[- ]factor)\b(?!\s+(?:device|devices|token|tokens|serial))/i.exec(text);
    if (mfa != null)
        hints.push(deny
            ? {kind: "mfa", key: "aws:MultiFactorAuthPresent", operator: "BoolIfExists", values: ["false"], matched: [mfa[0]]}
            : {kind: "mfa", key: "aws:MultiFactorAuthPresent", operator: "Bool", values: ["true"], matched: [mfa[0]]});

    const regions = [...new Set([...text.matchAll(REGION_PATTERN)].map((match) => match[0].toLowerCase()))];
    if (regions.length > 0 && /\bregions?\b|\bonly\b|\brestrict|\boutside\b|\blimit/i.test(text))
        hints.push({kind: "region", key: "aws:RequestedRegion", operator: deny ? "StringNotEquals" : "StringEquals", values: regions, matched: regions});

    const ips = [...new Set([...text.matchAll(IP_PATTERN)].map((match) => match[0]))];
    if (ips.length > 0)
        hints.push({kind: "sourceIp", key: "aws:SourceIp", operator: deny ? "NotIpAddress" : "IpAddress", values: ips, matched: ips});

    const endpoints = [...new Set([...text.matchAll(/\bvpce-[0-9a-z]+\b/gi)].map((match) => match[0]))];
    if (endpoints.length > 0)
        hints.push({kind: "vpcEndpoint", key: "aws:SourceVpce", operator: deny ? "StringNotEquals" : "StringEquals", values: endpoints, matched: endpoints});

    const vpcs = [...new Set([...text.matchAll(/\bvpc-[0-9a-z]+\b/gi)].map((match) => match[0]))];
    if (vpcs.length > 0)
        hints.push(targets.has("ec2")
            ? {kind: "vpc", key: "ec2:Vpc", operator: deny ? "ArnNotEquals" : "ArnEquals", values: vpcs.map((vpc) => `arn:aws:ec2:*:*:vpc/${vpc}`), matched: vpcs}
            : {kind: "vpc", key: "aws:SourceVpc", operator: deny ? "StringNotEquals" : "StringEquals", values: vpcs, matched: vpcs});

    const secure = /\b(?:ssl|tls|https|secure(?:\s+transport|\s+connections?)|in[- ]transit|unencrypted\s+(?:requests?|connections?|traffic|transport))\b/i.exec(text);
    if (secure != null)
        hints.push({kind: "secureTransport", key: "aws:SecureTransport", operator: "Bool", values: [deny ? "false" : "true"], matched: [secure[0]]});

    hints.push(...tagHints(text));
    hints.push(...timeWindowHints(text));

    const instanceTypes = [...new Set([...text.matchAll(INSTANCE_TYPE_PATTERN)].map((match) => match[0].toLowerCase()))];
    if (instanceTypes.length > 0)
        hints.push({kind: "instanceType", key: "ec2:InstanceType", operator: deny ? "StringNotEquals" : "StringEquals", values: instanceTypes, matched: instanceTypes});

    if (targets.has("s3")) {
        const prefixes = [...text.matchAll(PREFIX_PATTERN)]
            .map((match) => (match[1] ?? match[2])!.replace(/\.+$/, ""))
            .filter((prefix) => prefix.includes("/") && !prefix.startsWith("/"));
        if (prefixes.length > 0)
            hints.push({kind: "s3Prefix", key: "s3:prefix", operator: "StringLike", values: prefixes.map((prefix) => `${prefix.endsWith("/") ? prefix : prefix + "/"}*`), matched: prefixes});
        const encryption = /\bserver[- ]side[- ]encrypt\w*(?:\s+(?:with|using)\s+(?:aws\s+)?(kms|aes-?256|s3))?|\bsse-(kms|s3)\b|\bencrypted\s+(?:with|using)\s+(?:aws\s+)?(kms|aes-?256)\b|\bunencrypted\s+(?:objects?|uploads?|files?)\b/i.exec(text);
        if (encryption != null) {
            const algorithm = (encryption[1] ?? encryption[2] ?? encryption[3] ?? "kms").toLowerCase();
            hints.push({kind: "encryption", key: "s3:x-amz-server-side-encryption", operator: "StringEquals", values: [algorithm === "kms" ? "aws:kms" : "AES256"], matched: [encryption[0]]});
        }
    }

    const passedTo = /\bpass(?:es|ed|ing)?\s+(?:the\s+|a\s+|an\s+|any\s+)?(?:[\w-]+\s+)?roles?\s+(?:[\w-]+\s+)?(?:only\s+)?to\s+(?:the\s+|an?\s+)?([a-z0-9-]+)/i.exec(text);
    if (passedTo != null && /^(lambda|ec2|ecs|glue|sagemaker|states|codebuild|cloudformation|eks|batch|elasticmapreduce|datasync|events|scheduler|firehose|apigateway|rds)$/i.test(passedTo[1]!)) {
        const service = passedTo[1]!.toLowerCase();
        hints.push({kind: "passedToService", key: "iam:PassedToService", operator: "StringEquals", values: [service === "ecs" ? "ecs-tasks.amazonaws.com" : `${service}.amazonaws.com`], matched: [passedTo[0]]});
    }

    const self = /\b(?:their|his|her|my|your)\s+own\b|\$\{aws:username\}|\baws:username\b/i.exec(text);
    if (self != null)
        hints.push({kind: "selfUser", key: "aws:username", operator: "StringEquals", values: ["${aws:username}"], matched: [self[0]]});
    return hints;
}

/** `tagged with Team=backend`, `the tag Environment=staging`, `principals tagged Dept=ops`. */
function tagHints(text: string): ConditionHint[] {
    const hints: ConditionHint[] = [];
    for (const match of text.matchAll(TAG_PAIR_PATTERN)) {
        const before = text.slice(Math.max(0, match.index - 60), match.index).toLowerCase();
        if (!/\btag/.test(before) || /^(aws|arn|s3|iam|ec2)$/i.test(match[1]!))
            continue;
        const sentence = sentenceAround(text, match.index).toLowerCase();
        const [key, value] = [match[1]!, match[2]!];
        if (/\b(principals?|callers?|users?|roles?|identit(?:y|ies))\s+(?:who\s+(?:are|is)\s+|that\s+(?:are|is)\s+)?tagged\b|\bprincipal\s+tag/.test(before))
            hints.push({kind: "principalTag", key: `aws:PrincipalTag/${key}`, operator: "StringEquals", values: [value], matched: [match[0]]});
        else if (/\b(launch\w*|creat\w*|new|run(?:s|ning)?\s+(?:an?\s+|new\s+)*instances?)\b/.test(sentence) && !/\bexisting\b/.test(sentence))
            hints.push({kind: "requestTag", key: `aws:RequestTag/${key}`, operator: "StringEquals", values: [value], matched: [match[0]]});
        else
            hints.push({kind: "resourceTag", key: `aws:ResourceTag/${key}`, operator: "StringEquals", values: [value], matched: [match[0]]});
    }
    return hints;
}

/** "between 9 AM and 6 PM", "business hours", "before 2025-12-31": `aws:CurrentTime` bounds. */
function timeWindowHints(text: string): ConditionHint[] {
    const hints: ConditionHint[] = [];
    const range = /\b(?:between|from)\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\s+(?:and|to|-)\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm)?/i.exec(text);
    const businessHours = /\bbusiness\s+hours\b|\bworking\s+hours\b|\boffice\s+hours\b/i.exec(text);
    if (range != null) {
        hints.push({kind: "timeWindow", key: "aws:CurrentTime", operator: "DateGreaterThan", values: [clock(range[1]!, range[2], range[3])], matched: [range[0]]});
        hints.push({kind: "timeWindow", key: "aws:CurrentTime", operator: "DateLessThan", values: [clock(range[4]!, range[5], range[6])], matched: [range[0]]});
    } else if (businessHours != null) {
        hints.push({kind: "timeWindow", key: "aws:CurrentTime", operator: "DateGreaterThan", values: ["09:00:00Z"], matched: [businessHours[0]]});
        hints.push({kind: "timeWindow", key: "aws:CurrentTime", operator: "DateLessThan", values: ["17:00:00Z"], matched: [businessHours[0]]});
    }
    for (const match of text.matchAll(/\b(before|until|after|from|starting)\s+(\d{4}-\d{2}-\d{2}(?:T[\d:]+Z?)?)/gi)) {
        const after = /^(after|from|starting)$/i.test(match[1]!);
        hints.push({kind: "timeWindow", key: "aws:CurrentTime", operator: after ? "DateGreaterThan" : "DateLessThan", values: [match[2]!.includes("T") ? match[2]! : `${match[2]}T00:00:00Z`], matched: [match[0]]});
    }
    return hints;
}

function clock(hour: string, minute: string | undefined, meridiem: string | undefined): string {
    let value = Number(hour) % 24;
    if (meridiem?.toLowerCase() === "pm" && value < 12)
        value += 12;
    if (meridiem?.toLowerCase() === "am" && value === 12)
        value = 0;
    return `${String(value).padStart(2, "0")}:${minute ?? "00"}:00Z`;
}

function sentenceAround(text: string, index: number): string {
    const start = Math.max(text.lastIndexOf(".", index), text.lastIndexOf("\n", index)) + 1;
    const endDot = text.indexOf(". ", index);
    return text.slice(start, endDot < 0 ? text.length : endDot);
}
