import YAML from "yaml";
import {collapse} from "../policy/lists.js";
import type {ConditionValue, PolicyDocument} from "../policy/types.js";
import {describeRequest, exportNames} from "./names.js";
import {exportStatements} from "./statements.js";
import {hasSubstitution, stringParts, type StringPart} from "./stringParts.js";
import type {ExportContext} from "./types.js";

/** A string CloudFormation substitutes (`!Sub`): the ARN's account, region and partition as pseudo-parameters. */
class Sub {
    constructor(readonly template: string) {}
}

const PSEUDO_PARAMETERS = {account: "AWS::AccountId", region: "AWS::Region", partition: "AWS::Partition"} as const;

/** Where the template says which values its pseudo-parameters stood for, so that iam-gen can read it back. */
export const METADATA_KEY = "IamGen";

const subTag: YAML.ScalarTag = {
    tag: "!Sub",
    identify: (value) => value instanceof Sub,
    resolve: (text) => new Sub(text),
    stringify: (item) => YAML.stringify((item.value as Sub).template).trimEnd()
};

/**
 * A CloudFormation template in YAML with the policy as an `AWS::IAM::ManagedPolicy`. An ARN naming the
 * context's account or region, or the standard partition, is a `!Sub` of `${AWS::AccountId}`,
 * `${AWS::Region}` and `${AWS::Partition}`; policy variables in it are written `${!aws:username}`,
 * which Fn::Sub leaves as `${aws:username}`.
 */
export function toCloudFormation(policy: PolicyDocument, context: ExportContext): string {
    const names = exportNames(context.request);
    const used = new Set<StringPart["kind"]>();
    const value = (text: string): string | Sub => {
        const parts = stringParts(text, context);
        parts.forEach((part) => used.add(part.kind));
        return hasSubstitution(parts) ? new Sub(subTemplate(parts)) : text;
    };
    const conditionValue = (item: ConditionValue) => typeof item === "string" ? value(item) : item;
    const statements = exportStatements(policy).map((statement) => ({
        ...(statement.sid != null ? {Sid: statement.sid} : {}),
        Effect: statement.effect,
        // One item as a plain value, as AWS writes it.
        ...(statement.actions != null ? {Action: collapse(statement.actions)} : {}),
        ...(statement.notActions != null ? {NotAction: collapse(statement.notActions)} : {}),
        ...(statement.resources != null ? {Resource: collapse(statement.resources.map(value))} : {}),
        ...(statement.notResources != null ? {NotResource: collapse(statement.notResources.map(value))} : {}),
        ...(statement.conditions.length > 0 ? {Condition: conditionBlock(statement.conditions, conditionValue)} : {})
    }));
    const document = {
        ...(policy.Version != null ? {Version: policy.Version} : {}),
        ...(policy.Id != null ? {Id: policy.Id} : {}),
        Statement: statements
    };
    const metadata = {
        ...(used.has("account") ? {AccountId: context.account} : {}),
        ...(used.has("region") ? {Region: context.region} : {})
    };
    const template = {
        AWSTemplateFormatVersion: "2010-09-09",
        Description: `iam-gen: ${describeRequest(context.request, 900)}`,
        ...(Object.keys(metadata).length > 0 ? {Metadata: {[METADATA_KEY]: metadata}} : {}),
        Resources: {
            [`${names.pascal}Policy`]: {
                Type: "AWS::IAM::ManagedPolicy",
                Properties: {Description: describeRequest(context.request, 1000), PolicyDocument: document}
            }
        }
    };
    // YAML 1.1 rules for quoting: "2012-10-17" and "yes" stay strings for 1.1 readers (PyYAML, older tools) too.
    return new YAML.Document(template, {version: "1.1", customTags: [subTag]}).toString({lineWidth: 0});
}

function conditionBlock(conditions: ReturnType<typeof exportStatements>[number]["conditions"], value: (item: ConditionValue) => unknown) {
    const block: Record<string, Record<string, unknown>> = {};
    for (const {operator, key, values} of conditions)
        (block[operator] ??= {})[key] = values.length === 1 ? value(values[0]!) : values.map(value);
    return block;
}

function subTemplate(parts: readonly StringPart[]): string {
    return parts.map((part) => {
        switch (part.kind) {
            case "text": return part.text;
            case "policyVariable": return `\${!${part.name}}`;
            default: return `\${${PSEUDO_PARAMETERS[part.kind]}}`;
        }
    }).join("");
}
