import {collapse} from "../policy/lists.js";
import type {ConditionBlock, PolicyDocument, PolicyStatement} from "../policy/types.js";
import {parseHcl, type HclBlock, type HclBody, type HclValue} from "./hcl.js";
import {TERRAFORM_REFERENCES} from "./terraform.js";
import {ImportError} from "./importErrors.js";

const STATEMENT_LISTS = {actions: "Action", not_actions: "NotAction", resources: "Resource", not_resources: "NotResource"} as const;
const STATEMENT_KEYS = new Set(["sid", "effect", ...Object.keys(STATEMENT_LISTS)]);
const DOCUMENT_KEYS = new Set(["version", "policy_id"]);

/**
 * The policy of a Terraform file's one `data "aws_iam_policy_document"`, as the AWS provider would
 * render it: variables are read from their defaults, the partition is `aws`, `&{…}` is a policy
 * variable. Anything it cannot resolve to a value is refused, never replaced by a wildcard.
 */
export function readTerraformPolicy(text: string): PolicyDocument {
    const body = parseHcl(text);
    const documents = body.blocks.filter((block) => block.type === "data" && block.labels[0] === "aws_iam_policy_document");
    if (documents.length !== 1)
        throw new ImportError(documents.length === 0
            ? "it has no data \"aws_iam_policy_document\" block"
            : `it has ${documents.length} aws_iam_policy_document blocks; open one policy at a time`);
    const resolve = resolver(variableDefaults(body));
    const document = documents[0]!.body;
    for (const key of document.attributes.keys()) {
        if (!DOCUMENT_KEYS.has(key))
            throw new ImportError(`its policy document uses ${key}, which iam-gen does not read`);
    }
    const version = document.attributes.get("version");
    const id = document.attributes.get("policy_id");
    const unknownBlock = document.blocks.find((block) => block.type !== "statement");
    if (unknownBlock != null)
        throw new ImportError(`line ${unknownBlock.line}: a ${unknownBlock.type} block is not part of a policy document`);
    return {
        ...(version != null ? {Version: stringValue(version, resolve)} : {}),
        ...(id != null ? {Id: stringValue(id, resolve)} : {}),
        Statement: document.blocks.map((block) => statement(block, resolve))
    };
}

type Resolve = (expression: string, line: number) => string;

function variableDefaults(body: HclBody): Map<string, string | undefined> {
    const defaults = new Map<string, string | undefined>();
    for (const block of body.blocks.filter((candidate) => candidate.type === "variable")) {
        const value = block.body.attributes.get("default");
        defaults.set(`var.${block.labels[0]}`, value?.kind === "string" && value.parts.every((part) => "text" in part)
            ? value.parts.map((part) => "text" in part ? part.text : "").join("")
            : undefined);
    }
    return defaults;
}

function resolver(defaults: Map<string, string | undefined>): Resolve {
    return (expression, line) => {
        if (expression === TERRAFORM_REFERENCES.partition)
            return "aws";
        const value = defaults.get(expression);
        if (value != null)
            return value;
        throw new ImportError(defaults.has(expression)
            ? `line ${line}: ${expression} has no default value to read`
            : `line ${line}: \${${expression}} is not a value iam-gen can resolve`);
    };
}

function stringValue(value: HclValue, resolve: Resolve): string {
    if (value.kind === "number")
        return value.text;
    if (value.kind === "reference" && (value.text === "true" || value.text === "false"))
        return value.text;
    if (value.kind !== "string")
        throw new ImportError(`line ${value.line}: expected a string`);
    // The provider turns `&{…}` into the policy variable `${…}`.
    return value.parts.map((part) => "text" in part ? part.text.replace(/&\{/g, "${") : resolve(part.interpolation, value.line)).join("");
}

function stringList(value: HclValue, resolve: Resolve): string[] {
    if (value.kind !== "list")
        throw new ImportError(`line ${value.line}: expected a list of strings`);
    return value.items.map((item) => stringValue(item, resolve));
}

function statement(block: HclBlock, resolve: Resolve): PolicyStatement {
    const {attributes, blocks} = block.body;
    for (const key of attributes.keys()) {
        if (!STATEMENT_KEYS.has(key))
            throw new ImportError(`line ${block.line}: a statement with ${key} is not an identity policy's`);
    }
    const effect = attributes.has("effect") ? stringValue(attributes.get("effect")!, resolve) : "Allow";
    if (effect !== "Allow" && effect !== "Deny")
        throw new ImportError(`line ${block.line}: effect must be "Allow" or "Deny", not "${effect}"`);
    const read: PolicyStatement = {
        ...(attributes.has("sid") ? {Sid: stringValue(attributes.get("sid")!, resolve)} : {}),
        Effect: effect
    };
    for (const [name, key] of Object.entries(STATEMENT_LISTS)) {
        const value = attributes.get(name);
        if (value != null)
            read[key] = collapse(stringList(value, resolve));
    }
    const conditions = conditionBlock(blocks, resolve);
    return Object.keys(conditions).length > 0 ? {...read, Condition: conditions} : read;
}

function conditionBlock(blocks: HclBlock[], resolve: Resolve): ConditionBlock {
    const conditions: ConditionBlock = {};
    for (const block of blocks) {
        if (block.type !== "condition")
            throw new ImportError(`line ${block.line}: a ${block.type} block is not part of an identity policy's statement`);
        const field = (name: string) => {
            const value = block.body.attributes.get(name);
            if (value == null)
                throw new ImportError(`line ${block.line}: a condition without ${name}`);
            return value;
        };
        const operator = stringValue(field("test"), resolve);
        const key = stringValue(field("variable"), resolve);
        const operatorKeys = conditions[operator] ??= {};
        // Two blocks on one key would be two tests; a policy's JSON has room for one.
        if (operatorKeys[key] != null)
            throw new ImportError(`line ${block.line}: two ${operator} conditions on ${key}`);
        operatorKeys[key] = collapse(stringList(field("values"), resolve));
    }
    return conditions;
}
