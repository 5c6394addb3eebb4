import type {PolicyDocument} from "../policy/types.js";
import {describeRequest, exportNames} from "./names.js";
import {exportStatements, type ExportStatement} from "./statements.js";
import {stringParts, type StringPart} from "./stringParts.js";
import {ExportError, type ExportContext} from "./types.js";

/** How the Terraform output names the account, region and partition in ARNs. */
export const TERRAFORM_REFERENCES = {
    account: "var.account_id",
    region: "var.region",
    partition: "data.aws_partition.current.partition"
} as const;

/**
 * A Terraform module file: the policy as a `data "aws_iam_policy_document"` with one `statement` block
 * per statement and one `condition` block per key, and an `aws_iam_policy` made from it. The account
 * and region the context names become variables (defaulting to those values); policy variables are
 * written `&{aws:username}`, which the AWS provider turns back into `${aws:username}`.
 */
export function toTerraform(policy: PolicyDocument, context: ExportContext): string {
    const names = exportNames(context.request);
    const used = new Set<StringPart["kind"]>();
    const string = (value: string) => terraformString(value, context, used);
    const statements = exportStatements(policy).map((statement) => statementBlock(statement, string));
    const document = [
        `data "aws_iam_policy_document" "${names.snake}" {`,
        ...(policy.Version != null ? [`  version = ${string(policy.Version)}`] : []),
        ...(policy.Id != null ? [`  policy_id = ${string(policy.Id)}`] : []),
        ...statements.flatMap((block) => ["", ...block]),
        "}"
    ];
    const description = describeRequest(context.request, 1000);
    return [
        `# iam-gen: ${describeRequest(context.request)}`,
        ...(used.has("account") ? ["", ...variableBlock("account_id", "The account the policy's ARNs name", context.account!)] : []),
        ...(used.has("region") ? ["", ...variableBlock("region", "The region the policy's ARNs name", context.region!)] : []),
        ...(used.has("partition") ? ["", `data "aws_partition" "current" {}`] : []),
        "",
        ...document,
        "",
        `resource "aws_iam_policy" "${names.snake}" {`,
        `  name        = ${quoted(names.kebab)}`,
        `  description = ${quoted(description)}`,
        `  policy      = data.aws_iam_policy_document.${names.snake}.json`,
        "}",
        ""
    ].join("\n");
}

function variableBlock(name: string, description: string, value: string): string[] {
    return [`variable "${name}" {`, `  description = ${quoted(description)}`, "  type        = string", `  default     = ${quoted(value)}`, "}"];
}

function statementBlock(statement: ExportStatement, string: (value: string) => string): string[] {
    const attributes: [string, string][] = [];
    if (statement.sid != null)
        attributes.push(["sid", string(statement.sid)]);
    attributes.push(["effect", quoted(statement.effect)]);
    const lists: [string, string[] | undefined][] = [
        ["actions", statement.actions], ["not_actions", statement.notActions],
        ["resources", statement.resources], ["not_resources", statement.notResources]
    ];
    for (const [name, values] of lists) {
        if (values != null)
            attributes.push([name, list(values.map(string), "    ")]);
    }
    // Aligned as terraform fmt aligns them.
    const width = Math.max(...attributes.map(([name]) => name.length));
    const lines = ["  statement {", ...attributes.map(([name, value]) => `    ${name.padEnd(width)} = ${value}`)];
    for (const condition of statement.conditions) {
        lines.push("", "    condition {");
        lines.push(`      test     = ${string(condition.operator)}`);
        lines.push(`      variable = ${string(condition.key)}`);
        // The provider's values are strings; IAM compares `true` and "true" alike.
        lines.push(`      values   = ${list(condition.values.map((value) => string(String(value))), "      ")}`);
        lines.push("    }");
    }
    lines.push("  }");
    return lines;
}

function list(items: string[], indent: string): string {
    if (items.length <= 1)
        return `[${items.join("")}]`;
    return `[\n${items.map((item) => `${indent}  ${item},`).join("\n")}\n${indent}]`;
}

/** A quoted HCL string of literal text: quotes and backslashes escaped, and `${`/`%{` kept from interpolation. */
function quoted(text: string): string {
    return `"${escapeText(text)}"`;
}

function escapeText(text: string): string {
    return text.replace(/[\\"]/g, (character) => `\\${character}`)
        .replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t")
        .replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

function terraformString(value: string, context: ExportContext, used: Set<StringPart["kind"]>): string {
    // The provider reads every `&{` as a policy variable: a literal one cannot be written.
    if (value.includes("&{"))
        throw new ExportError(`"${value}" holds "&{", which the AWS provider would read as a policy variable`);
    return `"${stringParts(value, context).map((part) => {
        used.add(part.kind);
        switch (part.kind) {
            case "text": return escapeText(part.text);
            case "policyVariable": return `&{${escapeText(part.name)}}`;
            default: return `\${${TERRAFORM_REFERENCES[part.kind]}}`;
        }
    }).join("")}"`;
}
