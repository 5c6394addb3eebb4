import type {ConditionHint, Effect} from "./types.js";
import {intentVocabulary} from "./vocabulary.js";
import {endingIn, lexicon} from "./lexicon.js";

export const REGION_PATTERN = /\b(?:us-gov|us|eu|ap|sa|ca|me|af|il|mx|cn)-(?:east|west|north|south|central|northeast|southeast|northwest|southwest)-\d\b/gi;
const IP_PATTERN = /\b\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?\b/g;
export const INSTANCE_TYPE_PATTERN = /\b[a-z][a-z0-9]*\d[a-z0-9-]*\.(?:nano|micro|small|medium|large|\d*xlarge|metal)\b/gi;
const TAG_PAIR_PATTERN = /\b([A-Za-z][\w.:/-]*)\s*[=:]\s*["']?([\w.@-]+)/g;
const PREFIX_PATTERN = /\b(?:prefix|folder|path|directory|(?:under|within|inside|beneath)(?:\s+the)?(?:\s+(?:prefix|folder|path|directory))?)\s+["'`]?([\w.-]+(?:\/[\w.-]*)*\/?)|["'`]?([\w.-]+\/(?:[\w.-]+\/)*)["'`]?\s+(?:prefix|folder)/gi;

export interface ConditionContext {
    effect: Effect;
    /** Target service prefixes: some hints only make sense for them (`s3:prefix` needs S3). */
    targets: readonly string[];
}

/** "pass the role app-role to EC2", "passing the role arn:aws:iam::…:role/app to Lambda": the service that receives it. */
const PASS_ROLE_TO = /\bpass(?:es|ed|ing)?\s+(?:the\s+|a\s+|an\s+|any\s+)?(?:[\w-]+\s+)?roles?\s+(?:[^\s,;]+\s+)?(?:only\s+)?to\s+(?:the\s+|an?\s+)?([a-z0-9-]+)/i;

/** VPC and endpoint IDs are hexadecimal ("vpc-0abc123"); "VPC-connected" is a word. */
const VPC_ID = /\bvpc-[0-9a-f]{4,17}\b/gi;
const VPC_ENDPOINT_ID = /\bvpce-[0-9a-f]{4,17}\b/gi;

/**
 * Character ranges of condition phrases whose words must not count as services
 * ("from our VPC endpoint vpce-…", "encrypted with AWS KMS", "pass roles to Lambda").
 */
export function conditionPhraseSpans(text: string): Array<[number, number]> {
    const spans: Array<[number, number]> = [];
    const patterns = [
        /\b(?:source\s+)?vpc(?:\s+endpoint)?\s+(?:id\s+)?vpce?-[0-9a-f]{4,17}\b/gi,
        // "from our VPC endpoint" is where a request comes from; "describe VPC endpoints" is EC2's resource.
        /\b(?:from|through|via|using|over|outside|inside|within)\s+(?:(?:an?|the|our|your|their|its|one|specific|approved)\s+){0,2}vpc\s+endpoints?\b/gi,
        /\b(?:server[- ]side[- ]encrypt(?:ed|ion)?|encrypt(?:ed|ion))\s+(?:with|using|by)\s+(?:an?\s+|the\s+)?(?:aws\s+)?kms(?:\s+keys?)?\b|\bsse-kms\b|\bkms[- ]encrypted\b/gi,
        new RegExp(PASS_ROLE_TO.source, "gi")
    ];
    for (const pattern of patterns)
        for (const match of text.matchAll(pattern)) {
            // For "pass roles to Lambda" only the receiving service is suppressed: iam is still the target.
            const start = pattern.source === PASS_ROLE_TO.source ? match.index + match[0].lastIndexOf(" ") + 1 : match.index;
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

    const region = regionHint(text, deny);
    if (region != null)
        hints.push(region);

    const ips = [...new Set([...text.matchAll(IP_PATTERN)].map((match) => match[0]))];
    if (ips.length > 0)
        hints.push({kind: "sourceIp", key: "aws:SourceIp", operator: deny ? "NotIpAddress" : "IpAddress", values: ips, matched: ips});

    const endpoints = [...new Set([...text.matchAll(VPC_ENDPOINT_ID)].map((match) => match[0]))];
    if (endpoints.length > 0)
        hints.push({kind: "vpcEndpoint", key: "aws:SourceVpce", operator: deny ? "StringNotEquals" : "StringEquals", values: endpoints, matched: endpoints});

    const vpcs = [...new Set([...text.matchAll(VPC_ID)].map((match) => match[0]))];
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

    const passedTo = PASS_ROLE_TO.exec(text);
    if (passedTo != null && /^(lambda|ec2|ecs|glue|sagemaker|states|codebuild|cloudformation|eks|batch|elasticmapreduce|datasync|events|scheduler|firehose|apigateway|rds)$/i.test(passedTo[1]!)) {
        const service = passedTo[1]!.toLowerCase();
        hints.push({kind: "passedToService", key: "iam:PassedToService", operator: "StringEquals", values: [service === "ecs" ? "ecs-tasks.amazonaws.com" : `${service}.amazonaws.com`], matched: [passedTo[0]]});
    }

    // "buckets outside the organization o-abc123xyz1": the requirement is membership (a Deny negates it).
    const organization = /\bo-[a-z0-9]{4,32}\b/.exec(text);
    if (organization != null) {
        const sentence = sentenceAround(text, organization.index).toLowerCase();
        const ofPrincipals = /\b(?:principals?|callers?|accounts?|users?|roles?|identit(?:y|ies)|requests?\s+from)\b/.test(sentence);
        hints.push({kind: "organization", key: ofPrincipals ? "aws:PrincipalOrgID" : "aws:ResourceOrgID", operator: "StringEquals", values: [organization[0]], matched: [organization[0]]});
    }

    const self = /\b(?:their|his|her|my|your)\s+own\b|\$\{aws:username\}|\baws:username\b/i.exec(text);
    if (self != null)
        hints.push({kind: "selfUser", key: "aws:username", operator: "StringEquals", values: ["${aws:username}"], matched: [self[0]]});
    return hints;
}

/**
 * Regions named outside ARNs ("in us-west-2", "restrict it to us-east-1") as `aws:RequestedRegion`. The
 * operator says what the statement tests: StringEquals for the regions allowed, or denied by name ("deny
 * anything in eu-west-1"); StringNotEquals only for a Deny of everything outside them ("deny all other regions").
 */
function regionHint(text: string, deny: boolean): ConditionHint | undefined {
    const arns = [...text.matchAll(/\barn:[^\s,;"'()]+/g)].map((match): [number, number] => [match.index, match.index + match[0].length]);
    const found = [...text.matchAll(REGION_PATTERN)].filter((match) => !arns.some(([start, end]) => match.index >= start && match.index < end));
    if (found.length === 0)
        return undefined;
    const regions = [...new Set(found.map((match) => match[0].toLowerCase()))];
    // A Deny about the regions kept ("only us-east-1", "all other regions", "outside eu-west-1") denies the rest.
    const outside = /\b(?:outside|other\s+than|(?:all|any|every)\s+other\s+regions?|non[- ]approved|not\s+in|apart\s+from|besides|beyond|only|restrict\w*|limit\w*|unless)\b/i.test(text);
    // "restrict it to us-east-1" alone is a guardrail by inference only: what the engine writes is the allow's StringEquals.
    const denyWords = new Set(intentVocabulary().denyWords);
    const explicitDeny = deny && [...text.matchAll(/[a-z]+/gi)].some((word) => denyWords.has(word[0].toLowerCase()));
    // "except in us-east-1", "not in us-west-2", "outside eu-west-1": the regions named are the ones ruled out,
    // whatever the effect ("Deny everything except in us-east-1" must not deny us-east-1).
    const excluded = excludingBefore().test(text.slice(Math.max(0, found[0]!.index - 60), found[0]!.index));
    // An Allow "except in us-west-2" requires the request to be made anywhere else.
    const ruledOut = excluded && !deny ? {ruledOut: true} : {};
    return {kind: "region", key: "aws:RequestedRegion", operator: excluded || (explicitDeny && outside) ? "StringNotEquals" : "StringEquals", values: regions, matched: found.map((match) => match[0]), ...ruledOut};
}

let excludingRegion: RegExp | undefined;

/** Words right before a region that rule it out rather than name it (lexicon/scope.json regionExclusions). */
function excludingBefore(): RegExp {
    excludingRegion ??= endingIn(lexicon().scope.regionExclusions, ["the", "of"], ["region", "regions"]);
    return excludingRegion;
}

/** `tagged with Team=backend`, `the tag Environment=staging`, `principals tagged Dept=ops`. */
function tagHints(text: string): ConditionHint[] {
    const hints: ConditionHint[] = [];
    for (const match of text.matchAll(TAG_PAIR_PATTERN)) {
        const before = text.slice(Math.max(0, match.index - 60), match.index).toLowerCase();
        if (!/\btag/.test(before) || /^(aws|arn|s3|iam|ec2)$/i.test(match[1]!))
            continue;
        const sentence = sentenceAround(text, match.index).toLowerCase();
        // The sentence's full stop is not part of the value: "tagged env=development." → development.
        const [key, value] = [match[1]!, match[2]!.replace(/[.\-@]+$/, "")];
        if (/\b(principals?|callers?|users?|roles?|identit(?:y|ies))\s+(?:who\s+(?:are|is)\s+|that\s+(?:are|is)\s+)?tagged\b|\bprincipal\s+tag/.test(before))
            hints.push({kind: "principalTag", key: `aws:PrincipalTag/${key}`, operator: "StringEquals", values: [value], matched: [match[0]]});
        else if (/\b(launch\w*|creat\w*|new|run(?:s|ning)?\s+(?:an?\s+|new\s+)*instances?)\b/.test(sentence) && !/\bexisting\b/.test(sentence))
            hints.push({kind: "requestTag", key: `aws:RequestTag/${key}`, operator: "StringEquals", values: [value], matched: [match[0]]});
        else
            hints.push({kind: "resourceTag", key: `aws:ResourceTag/${key}`, operator: "StringEquals", values: [value], matched: [match[0]]});
    }
    return hints;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const CLOCK = "(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm|a\\.m\\.|p\\.m\\.)?";
/** A calendar date: `2026-01-31` (with an optional time), `January 31, 2026`, `31 January 2026`. */
const DATE_PATTERN = new RegExp(
    `\\b(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2}))?Z?)?\\b`
    + `|\\b${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`
    + `|\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\.?,?\\s+(\\d{4})\\b`, "gi");
const CLOCK_RANGE = new RegExp(`\\b(?:between|from)\\s+${CLOCK}(?:\\s*[-–]\\s*|\\s+(?:and|to|until|till|through)\\s+)${CLOCK}(?![\\d-])`, "i");
const DAILY_WORDS = /\b(?:business|working|office)\s+hours\b|\b(?:on\s+)?(?:weekdays|weekends|(?:mon(?:day)?|monday)\s*(?:to|through|-|–)\s*fri(?:day)?)\b/i;

interface CalendarDate {
    /** `YYYY-MM-DD`. */
    day: string;
    /** `HH:MM:SS` when the text gives one. */
    time?: string;
    index: number;
    end: number;
}

/**
 * Time limits as `aws:CurrentTime` bounds, always full ISO 8601 date-times ("between 2026-01-01 and
 * 2026-03-31", "until March 31, 2026", "on 2026-05-04 from 9 AM to 5 PM"). IAM compares whole dates,
 * so a window that recurs every day ("9 AM to 6 PM on weekdays", "business hours") cannot be written:
 * it comes back as one hint without values whose `note` says so.
 */
function timeWindowHints(text: string): ConditionHint[] {
    const dates = calendarDates(text);
    const found = CLOCK_RANGE.exec(text);
    // "between 2 and 5 buckets" counts things: a clock range has a colon, AM/PM or a time zone.
    const clocks = found != null && (/:|[ap]\.?m\b/i.test(found[0]) || /^\s*(?:utc|gmt|z\b|o'clock|hours)/i.test(text.slice(found.index + found[0].length))) ? found : null;
    const hints: ConditionHint[] = [];
    const bound = (operator: "DateGreaterThan" | "DateLessThan", value: string, matched: string) =>
        hints.push({kind: "timeWindow", key: "aws:CurrentTime", operator, values: [value], matched: [matched]});

    if (clocks != null && dates.length === 1) {
        // "on 2026-05-04 between 9 AM and 5 PM": one day's window is two full date-times.
        const [date] = dates;
        bound("DateGreaterThan", `${date!.day}T${clock(clocks[1]!, clocks[2], clocks[3] ?? clocks[6])}`, clocks[0]);
        bound("DateLessThan", `${date!.day}T${clock(clocks[4]!, clocks[5], clocks[6])}`, clocks[0]);
        return hints;
    }
    const used = new Set<CalendarDate>();
    for (let k = 0; k + 1 < dates.length; k++) {
        const [from, to] = [dates[k]!, dates[k + 1]!];
        const before = text.slice(Math.max(0, from.index - 20), from.index);
        const between = text.slice(from.end, to.index);
        if (/\b(?:between|from|starting|beginning)\s+(?:on\s+)?$/i.test(before) && /^\s*(?:and|to|until|till|through|-|–)\s*(?:the\s+end\s+of\s+)?$/i.test(between)) {
            bound("DateGreaterThan", dateTime(from, "start"), text.slice(from.index, to.end));
            bound("DateLessThan", dateTime(to, "end"), text.slice(from.index, to.end));
            used.add(from).add(to);
            k++;
        }
    }
    for (const date of dates) {
        if (used.has(date))
            continue;
        const cue = /\b(before|until|till|through|thru|by|expir\w*(?:\s+on)?|ending(?:\s+on)?|no\s+later\s+than|after|from|starting(?:\s+on|\s+from)?|beginning(?:\s+on)?|since|effective(?:\s+from)?)\s+(?:the\s+)?$/i
            .exec(text.slice(Math.max(0, date.index - 30), date.index));
        if (cue == null)
            continue;
        const word = cue[1]!.toLowerCase();
        const matched = `${cue[0]}${text.slice(date.index, date.end)}`;
        if (/^(after|from|starting|beginning|since|effective)/.test(word))
            bound("DateGreaterThan", dateTime(date, "start"), matched);
        else
            bound("DateLessThan", dateTime(date, word === "before" ? "start" : "end"), matched);
    }
    if (hints.length > 0)
        return hints;

    const daily = DAILY_WORDS.exec(text);
    if (clocks != null || daily != null) {
        const window = clocks != null ? `${clock(clocks[1]!, clocks[2], clocks[3] ?? clocks[6]).slice(0, 5)}–${clock(clocks[4]!, clocks[5], clocks[6]).slice(0, 5)}` : daily![0];
        hints.push({
            kind: "timeWindow", key: "aws:CurrentTime", operator: "Unsupported", values: [],
            matched: [clocks, daily].filter((match) => match != null).map((match) => match[0]),
            note: `IAM cannot express a daily recurrence (${window}${clocks != null && daily != null ? ` ${daily[0]}` : ""}): aws:CurrentTime is compared with full ISO 8601 date-times, so a repeating window has no condition`
        });
    }
    return hints;
}

function calendarDates(text: string): CalendarDate[] {
    const dates: CalendarDate[] = [];
    for (const match of text.matchAll(DATE_PATTERN)) {
        const [year, month, day] = match[1] != null
            ? [match[1], Number(match[2]), Number(match[3])]
            : match[7] != null ? [match[9]!, monthNumber(match[7]), Number(match[8])] : [match[12]!, monthNumber(match[11]!), Number(match[10])];
        if (month < 1 || month > 12 || day < 1 || day > 31)
            continue;
        const time = match[4] != null ? `${match[4]}:${match[5]}:${match[6] ?? "00"}` : undefined;
        dates.push({day: `${year}-${pad(month)}-${pad(day)}`, ...(time != null ? {time} : {}), index: match.index, end: match.index + match[0].length});
    }
    return dates;
}

/** A date as a full date-time: its own time, else the first second of the day ("from") or the last ("until"). */
function dateTime(date: CalendarDate, side: "start" | "end"): string {
    return `${date.day}T${date.time ?? (side === "start" ? "00:00:00" : "23:59:59")}Z`;
}

function monthNumber(name: string): number {
    return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function pad(value: number): string {
    return String(value).padStart(2, "0");
}

/** A clock time as `HH:MM:SSZ`: "6 PM" → 18:00:00Z. */
function clock(hour: string, minute: string | undefined, meridiem: string | undefined): string {
    let value = Number(hour) % 24;
    const half = meridiem?.toLowerCase().replace(/\./g, "");
    if (half === "pm" && value < 12)
        value += 12;
    if (half === "am" && value === 12)
        value = 0;
    return `${pad(value)}:${minute ?? "00"}:00Z`;
}

function sentenceAround(text: string, index: number): string {
    const start = Math.max(text.lastIndexOf(".", index), text.lastIndexOf("\n", index)) + 1;
    const endDot = text.indexOf(". ", index);
    return text.slice(start, endDot < 0 ? text.length : endDot);
}
