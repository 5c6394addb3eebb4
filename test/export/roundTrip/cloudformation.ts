import YAML from "yaml";
import {exportPolicy} from "../../../source/export/index.js";
import type {PolicyDocument} from "../../../source/policy/types.js";
import {roundTripFailures} from "./canonical.js";
import {pseudoParameters} from "./resolveCloudFormation.js";
import type {RoundTripCase, RoundTripFailure} from "./cases.js";

/** The intrinsic-function tags a CloudFormation YAML template may use, each read as its long form. */
const TAGS: YAML.Tags = ["Sub", "Join", "GetAtt", "Select", "Split", "If", "ImportValue", "FindInMap", "Ref"].flatMap((name) => {
    const key = name === "Ref" ? "Ref" : `Fn::${name}`;
    return [
        {tag: `!${name}`, resolve: (text: string) => ({[key]: text})},
        {tag: `!${name}`, collection: "seq", resolve: (node: YAML.YAMLSeq) => ({[key]: node.toJSON()})}
    ] as YAML.Tags;
});

/**
 * Each case exported as a CloudFormation template, parsed with `yaml` and CloudFormation's tags, its
 * one AWS::IAM::ManagedPolicy's PolicyDocument taken with Fn::Sub resolved as CloudFormation would in
 * the case's account and region.
 */
export function cloudFormationRoundTrip(cases: readonly RoundTripCase[]): RoundTripFailure[] {
    return cases.flatMap((testCase) => roundTripFailures(testCase, "cloudformation", () => {
        const template = YAML.parse(exportPolicy(testCase.policy, "cloudformation", testCase.context), {customTags: TAGS}) as {Resources: Record<string, {Type: string; Properties: {PolicyDocument: unknown}}>};
        const resources = Object.values(template.Resources);
        if (resources.length !== 1 || resources[0]!.Type !== "AWS::IAM::ManagedPolicy")
            throw new Error("expected one AWS::IAM::ManagedPolicy");
        return resolve(resources[0]!.Properties.PolicyDocument, pseudoParameters(testCase.context)) as PolicyDocument;
    }));
}

/** Fn::Sub as CloudFormation evaluates it: `${!x}` is the literal `${x}`; any other function fails. */
function resolve(value: unknown, pseudo: Record<string, string | undefined>): unknown {
    if (Array.isArray(value))
        return value.map((item) => resolve(item, pseudo));
    if (typeof value !== "object" || value == null)
        return value;
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === "Fn::Sub")
        return (entries[0]![1] as string).replace(/\$\{(!?)([^}]*)\}/g, (_match, literal: string, name: string) => {
            if (literal === "!")
                return `\${${name}}`;
            const resolved = pseudo[name];
            if (resolved == null)
                throw new Error(`Fn::Sub would substitute \${${name}}`);
            return resolved;
        });
    if (entries.length === 1 && (entries[0]![0] === "Ref" || entries[0]![0].startsWith("Fn::")))
        throw new Error(`unexpected ${entries[0]![0]}`);
    return Object.fromEntries(entries.map(([key, item]) => [key, resolve(item, pseudo)]));
}
