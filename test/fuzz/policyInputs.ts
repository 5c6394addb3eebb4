import {type Random} from "./random.js";

/** Real action names to start from, so that misspellings and patterns land near the catalog. */
const ACTIONS = [
    "s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:DeleteObject", "s3:ListAllMyBuckets", "ec2:DescribeInstances", "ec2:RunInstances",
    "iam:PassRole", "iam:CreateAccessKey", "lambda:InvokeFunction", "dynamodb:GetItem", "dynamodb:Query", "kms:Decrypt", "sqs:SendMessage",
    "secretsmanager:GetSecretValue", "logs:PutLogEvents", "sts:AssumeRole"
];
const RESOURCES = [
    "*", "arn:aws:s3:::reports", "arn:aws:s3:::reports/*", "arn:aws:dynamodb:us-east-1:123456789012:table/orders",
    "arn:aws:iam::123456789012:role/app", "arn:aws:sqs:*:*:orders", "arn:aws:s3:::*", "arn:aws:kms:us-east-1:123456789012:key/*"
];
const CONDITIONS: ReadonlyArray<readonly [string, string, unknown]> = [
    ["StringEquals", "aws:RequestedRegion", "us-east-1"], ["Bool", "aws:SecureTransport", "true"], ["IpAddress", "aws:SourceIp", "203.0.113.0/24"],
    ["StringLike", "s3:prefix", ["home/*", "shared/*"]], ["ForAllValues:StringEquals", "aws:TagKeys", ["team"]], ["StringEqual", "aws:RequestedRegion", "x"],
    ["NumericLessThan", "s3:max-keys", 10], ["IpAddress", "aws:SourceIp", null], ["__proto__", "aws:SourceIp", "10.0.0.0/8"]
];
/** Values of the wrong type, from the reproductions (`"Resource": 5`, `{}`, `false`, null). */
const ODD_VALUES: unknown[] = [5, {}, false, null, [], [1, {}], {toString: 1}, "", " ", -0, 1e308];
const PROTOTYPE_KEYS = ["__proto__", "constructor", "prototype"];

/**
 * A JSON value written as text, so that it can hold what JSON.stringify cannot: a key given twice, a
 * `__proto__` key. `entries` keep their order and duplicates.
 */
export type JsonText = string;

function object(entries: ReadonlyArray<readonly [string, JsonText]>): JsonText {
    return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(",")}}`;
}

function json(value: unknown): JsonText {
    return JSON.stringify(value) ?? "null";
}

/** A name one edit away from a real one: a dropped, doubled, swapped or changed letter. */
export function misspell(random: Random, name: string): string {
    const at = 1 + random.below(Math.max(1, name.length - 1));
    switch (random.below(4)) {
        case 0: return name.slice(0, at) + name.slice(at + 1);
        case 1: return name.slice(0, at) + name[at - 1] + name.slice(at);
        case 2: return name.slice(0, at - 1) + (name[at] ?? "") + name[at - 1] + name.slice(at + 1);
        default: return name.slice(0, at) + random.pick(["x", "k", "0", "-", "*", "?"]) + name.slice(at + 1);
    }
}

function actionEntry(random: Random): string {
    const action = random.pick(ACTIONS);
    switch (random.below(8)) {
        case 0: return misspell(random, action);
        case 1: return `${action.split(":")[0]}:${"*?".repeat(1 + random.below(12))}${random.pick(["!", "", "x"])}`;
        case 2: return `${action.split(":")[0]}:*`;
        case 3: return random.chance(0.2) ? "*" : action.toLowerCase();
        case 4: return `${action.split(":")[0]}:${action.split(":")[1]!.slice(0, 3)}*`;
        default: return action;
    }
}

function resourceEntry(random: Random): string {
    switch (random.below(8)) {
        case 0: return `arn:aws:s3:::${"a".repeat(random.below(2000))}${random.pick(["", "/*", "*"])}`;
        case 1: return `arn:aws:s3:::${random.pick(["b", "*", "?"])}${"*?".repeat(random.below(20))}`;
        case 2: return random.pick(["arn:", "arn:aws", "arn:aws:s3", "arn::::::", "arn:aws:s3:::b\u001b[2J"]);
        default: return random.pick(RESOURCES);
    }
}

function list(random: Random, entry: (random: Random) => string, most: number): JsonText {
    const items = Array.from({length: 1 + random.below(most)}, () => entry(random));
    return items.length === 1 && random.chance(0.5) ? json(items[0]) : json(items);
}

/** A Condition block, sometimes nested far deeper than any policy (the 10,000-deep reproduction, bounded here to stay fast). */
function condition(random: Random): JsonText {
    if (random.chance(0.05)) {
        let deep: JsonText = json("x");
        for (let level = random.below(200); level > 0; level--)
            deep = object([["a", deep]]);
        return object([["StringEquals", deep]]);
    }
    if (random.chance(0.05))
        return json(random.pick(ODD_VALUES));
    const blocks = new Map<string, Array<readonly [string, JsonText]>>();
    for (let count = 1 + random.below(3); count > 0; count--) {
        const [operator, key, value] = random.pick(CONDITIONS);
        blocks.set(operator, [...blocks.get(operator) ?? [], [key, json(value)]]);
    }
    return object([...blocks].map(([operator, entries]) => [operator, operator === "IpAddress" && random.chance(0.2) ? "null" : object(entries)] as const));
}

function statement(random: Random): JsonText {
    const entries: Array<readonly [string, JsonText]> = [];
    if (random.chance(0.3))
        entries.push(["Sid", json(random.pick(["Read", "read-bucket", "Read", "S1\u0007"]))]);
    entries.push(["Effect", json(random.chance(0.05) ? random.pick(["allow", "DENY", "Permit", 1]) : random.chance(0.35) ? "Deny" : "Allow")]);
    const actionField = random.chance(0.2) ? "NotAction" : "Action";
    if (!random.chance(0.03))
        entries.push([actionField, random.chance(0.05) ? json(random.pick(ODD_VALUES)) : list(random, actionEntry, 5)]);
    const resourceField = random.chance(0.1) ? "NotResource" : "Resource";
    if (!random.chance(0.03))
        entries.push([resourceField, random.chance(0.1) ? json(random.pick(ODD_VALUES)) : list(random, resourceEntry, 4)]);
    if (random.chance(0.4))
        entries.push(["Condition", condition(random)]);
    if (random.chance(0.05)) // the duplicate-key reproduction: "Effect":"Deny", …, "Effect":"Allow"
        entries.push(["Effect", json("Allow")]);
    if (random.chance(0.05)) // the prototype-key reproduction: {"__proto__": {"Action": "*"}}
        entries.push([random.pick(PROTOTYPE_KEYS), object([["Action", json("*")]])]);
    return object(random.chance(0.2) ? shuffle(random, entries) : entries);
}

function shuffle<T>(random: Random, items: T[]): T[] {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index--) {
        const other = random.below(index + 1);
        [copy[index], copy[other]] = [copy[other]!, copy[index]!];
    }
    return copy;
}

/** Many ARNs in one statement: the 20,000-ARN reproduction, smaller so that a thousand runs stay quick. */
function manyArns(random: Random): JsonText {
    const arns = Array.from({length: 100 + random.below(300)}, (_, index) => `arn:aws:s3:::${random.chance(0.5) ? "*" : ""}bucket-${index}/*`);
    return object([["Effect", json("Allow")], ["Action", json("s3:GetObject")], ["Resource", json(arns)]]);
}

/** A policy text shaped like the reproductions: mostly a policy, sometimes hostile in one way or several. */
export function policyText(random: Random): JsonText {
    const statements = Array.from({length: 1 + random.below(4)}, () => random.chance(0.02) ? manyArns(random) : statement(random));
    const document: Array<readonly [string, JsonText]> = [];
    if (!random.chance(0.1))
        document.push(["Version", json(random.chance(0.05) ? "2008-10-17" : "2012-10-17")]);
    document.push(["Statement", statements.length === 1 && random.chance(0.3) ? statements[0]! : `[${statements.join(",")}]`]);
    if (random.chance(0.02))
        document.push(["__proto__", object([["Statement", "[]"]])]);
    const text = object(document);
    return random.chance(0.03) ? `\uFEFF${text}` : text;
}
