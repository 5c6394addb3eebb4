import {parse} from "@cdktf/hcl2json";
import {exportPolicy} from "../../../source/export/index.js";
import type {ConditionBlock, PolicyDocument, PolicyStatement} from "../../../source/policy/types.js";
import {roundTripFailures} from "./canonical.js";
import type {RoundTripCase, RoundTripFailure} from "./cases.js";

type HclJson = Record<string, Record<string, Record<string, Record<string, unknown>[]>>>;

const LISTS = {actions: "Action", not_actions: "NotAction", resources: "Resource", not_resources: "NotResource"} as const;

/**
 * Each case exported as Terraform, parsed by @cdktf/hcl2json (HashiCorp's own HCL parser, compiled to
 * WebAssembly) and rebuilt as the AWS provider renders an aws_iam_policy_document.
 */
export async function terraformRoundTrip(cases: readonly RoundTripCase[]): Promise<RoundTripFailure[]> {
    const failures: RoundTripFailure[] = [];
    for (const testCase of cases) {
        const parsed = await Promise.resolve().then(() => parse("main.tf", exportPolicy(testCase.policy, "terraform", testCase.context))).catch((error: Error) => error);
        failures.push(...roundTripFailures(testCase, "terraform", () => {
            if (parsed instanceof Error)
                throw parsed;
            return rebuild(parsed as HclJson);
        }));
    }
    return failures;
}

/** The policy a Terraform file's aws_iam_policy_document renders, read with @cdktf/hcl2json. */
export async function terraformPolicy(text: string): Promise<PolicyDocument> {
    return rebuild(await parse("main.tf", text) as HclJson);
}

function rebuild(parsed: HclJson): PolicyDocument {
    const documents = Object.entries(parsed.data?.aws_iam_policy_document ?? {});
    if (documents.length !== 1)
        throw new Error(`expected one aws_iam_policy_document, found ${documents.length}`);
    const [name, [document]] = documents[0]! as [string, Record<string, unknown>[]];
    const policies = Object.values(parsed.resource?.aws_iam_policy ?? {});
    if (policies.length !== 1 || policies[0]![0]!.policy !== `\${data.aws_iam_policy_document.${name}.json}`)
        throw new Error("the aws_iam_policy resource does not use the policy document");
    const resolve = resolver(parsed);
    const statements = (document!.statement as Record<string, unknown>[]).map((block): PolicyStatement => {
        const statement: Record<string, unknown> = {};
        if (block.sid != null)
            statement.Sid = resolve(block.sid as string);
        statement.Effect = block.effect ?? "Allow";
        for (const [hclName, key] of Object.entries(LISTS)) {
            if (block[hclName] != null)
                statement[key] = (block[hclName] as string[]).map(resolve);
        }
        const conditions: ConditionBlock = {};
        for (const condition of (block.condition ?? []) as {test: string; variable: string; values: string[]}[])
            (conditions[resolve(condition.test)] ??= {})[resolve(condition.variable)] = condition.values.map(resolve);
        if (Object.keys(conditions).length > 0)
            statement.Condition = conditions;
        return statement as unknown as PolicyStatement;
    });
    return {...(document!.version != null ? {Version: document!.version as string} : {}), Statement: statements};
}

/**
 * A string as Terraform and the provider make it: variables from their defaults, the partition data
 * source as `aws`, `$${`/`%%{` unescaped, `&{` a policy variable. Any other interpolation fails.
 */
function resolver(parsed: HclJson) {
    // `variable "name" {…}` is one level shallower than `data "type" "name" {…}`.
    const declared = (parsed.variable ?? {}) as unknown as Record<string, {default?: string}[]>;
    const variables = new Map(Object.entries(declared).map(([name, [block]]) => [`var.${name}`, block!.default]));
    const hasPartition = parsed.data?.aws_partition?.current != null;
    return (text: string) => text.replace(/\$\$\{|%%\{|&\{|\$\{([^}]*)\}/g, (match, expression?: string) => {
        if (match === "$${" || match === "&{")
            return "${";
        if (match === "%%{")
            return "%{";
        if (expression === "data.aws_partition.current.partition" && hasPartition)
            return "aws";
        const value = variables.get(expression!);
        if (value == null)
            throw new Error(`unresolved interpolation ${match}`);
        return value;
    });
}
