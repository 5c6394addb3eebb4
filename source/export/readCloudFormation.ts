import YAML from "yaml";
import type {PolicyDocument} from "../policy/types.js";
import {METADATA_KEY} from "./cloudformation.js";
import {ImportError} from "./importErrors.js";

/** CloudFormation's short-form tags, each read as its long form (`!Sub x` → `{"Fn::Sub": x}`). */
const SHORT_FORMS = ["Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or", "Condition", "Ref"];

export const CLOUDFORMATION_TAGS: YAML.Tags = SHORT_FORMS.flatMap((name) => {
    const key = name === "Ref" || name === "Condition" ? name : `Fn::${name}`;
    const wrap = (value: unknown) => ({[key]: value});
    return [
        {tag: `!${name}`, resolve: (text: string) => wrap(text)} satisfies YAML.ScalarTag,
        {tag: `!${name}`, collection: "seq" as const, resolve: (node: YAML.YAMLSeq) => wrap(node.toJSON())},
        {tag: `!${name}`, collection: "map" as const, resolve: (node: YAML.YAMLMap) => wrap(node.toJSON())}
    ] as YAML.Tags;
});

/** True when a parsed file looks like a CloudFormation template (it has Resources). */
export function isTemplate(value: unknown): value is {Resources: Record<string, unknown>} {
    return isRecord(value) && isRecord(value.Resources);
}

/**
 * The PolicyDocument of a template's one IAM policy resource, with `Fn::Sub` resolved: the partition
 * is `aws`, the account and region those iam-gen wrote in the template's metadata, `${!x}` the literal
 * `${x}`. Any other intrinsic function or parameter is refused: its value is not in the file.
 */
export function readCloudFormationPolicy(template: {Resources: Record<string, unknown>} & Record<string, unknown>): PolicyDocument {
    const policies = Object.entries(template.Resources).filter(([, resource]) =>
        isRecord(resource) && typeof resource.Type === "string" && resource.Type.startsWith("AWS::IAM::") && isRecord(resource.Properties) && "PolicyDocument" in resource.Properties);
    if (policies.length !== 1)
        throw new ImportError(policies.length === 0 ? "the template has no IAM resource with a PolicyDocument" : `the template has ${policies.length} IAM policies (${policies.map(([name]) => name).join(", ")}); open one at a time`);
    const [name, resource] = policies[0]! as [string, {Properties: {PolicyDocument: unknown}}];
    const metadata = isRecord(template.Metadata) && isRecord(template.Metadata[METADATA_KEY]) ? template.Metadata[METADATA_KEY] : {};
    const values: Record<string, unknown> = {"AWS::Partition": "aws", "AWS::AccountId": metadata.AccountId, "AWS::Region": metadata.Region};
    const document = resolveIntrinsics(resource.Properties.PolicyDocument, values, name);
    if (!isRecord(document) || !("Statement" in document))
        throw new ImportError(`${name}'s PolicyDocument has no Statement`);
    return document as unknown as PolicyDocument;
}

function resolveIntrinsics(value: unknown, values: Record<string, unknown>, where: string): unknown {
    if (Array.isArray(value))
        return value.map((item) => resolveIntrinsics(item, values, where));
    if (!isRecord(value))
        return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === "Fn::Sub")
        return substitute(value["Fn::Sub"], values, where);
    if (keys.length === 1 && (keys[0] === "Ref" || keys[0]!.startsWith("Fn::")))
        throw new ImportError(`${where} uses ${keys[0]}, whose value is not in the file; write the value instead`);
    return Object.fromEntries(keys.map((key) => [key, resolveIntrinsics(value[key], values, where)]));
}

function substitute(template: unknown, values: Record<string, unknown>, where: string): string {
    if (typeof template !== "string")
        throw new ImportError(`${where} uses Fn::Sub with a variable map, whose values iam-gen does not read`);
    return template.replace(/\$\{(!?)([^}]*)\}/g, (_whole, literal: string, name: string) => {
        if (literal === "!")
            return `\${${name}}`;
        const value = values[name];
        if (typeof value !== "string")
            throw new ImportError(`${where} uses \${${name}}, and the template does not say its value`);
        return value;
    });
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value != null && !Array.isArray(value);
}
