import type {ConditionValue, PolicyDocument} from "../policy/types.js";
import {describeRequest, exportNames} from "./names.js";
import {exportStatements, type ExportStatement} from "./statements.js";
import {hasSubstitution, stringParts, type StringPart} from "./stringParts.js";
import type {ExportContext} from "./types.js";

/** The aws-cdk-lib tokens ARNs name the account, region and partition by (`Aws.ACCOUNT_ID`). */
const AWS_TOKENS = {account: "ACCOUNT_ID", region: "REGION", partition: "PARTITION"} as const;

/** How one language writes the statement's parts; the two CDK languages differ only in these. */
interface Language {
    string(parts: readonly StringPart[]): string;
    value(value: ConditionValue): string;
    field: Record<"sid" | "effect" | "actions" | "notActions" | "resources" | "notResources" | "conditions", string>;
    effect: Record<"Allow" | "Deny", string>;
    assign: string;
}

const typescript: Language = {
    string: (parts) => hasSubstitution(parts) || parts.some((part) => part.kind === "policyVariable")
        ? `\`${parts.map((part) => part.kind === "text" ? part.text.replace(/[\\`]|\$\{/g, (match) => `\\${match}`)
            : part.kind === "policyVariable" ? `\\\${${part.name}}` : `\${Aws.${AWS_TOKENS[part.kind]}}`).join("")}\``
        : JSON.stringify(parts.map((part) => part.kind === "text" ? part.text : "").join("")),
    value: (value) => JSON.stringify(value),
    field: {sid: "sid", effect: "effect", actions: "actions", notActions: "notActions", resources: "resources", notResources: "notResources", conditions: "conditions"},
    effect: {Allow: "iam.Effect.ALLOW", Deny: "iam.Effect.DENY"},
    assign: ": "
};

const python: Language = {
    string: (parts) => hasSubstitution(parts)
        ? `f${JSON.stringify(parts.map((part) => part.kind === "text" ? part.text.replace(/[{}]/g, (brace) => brace + brace)
            : part.kind === "policyVariable" ? `\${{${part.name}}}` : `\u0000${AWS_TOKENS[part.kind]}\u0000`).join("")).replace(/\\u0000(\w+)\\u0000/g, "{Aws.$1}")}`
        : JSON.stringify(parts.map((part) => part.kind === "text" ? part.text : part.kind === "policyVariable" ? `\${${part.name}}` : "").join("")),
    value: (value) => typeof value === "boolean" ? (value ? "True" : "False") : JSON.stringify(value),
    field: {sid: "sid", effect: "effect", actions: "actions", notActions: "not_actions", resources: "resources", notResources: "not_resources", conditions: "conditions"},
    effect: {Allow: "iam.Effect.ALLOW", Deny: "iam.Effect.DENY"},
    assign: "="
};

/**
 * CDK code in TypeScript: a function returning an `iam.PolicyDocument` of `new iam.PolicyStatement({...})`,
 * ARNs naming the context's account and region through `Aws.ACCOUNT_ID` and `Aws.REGION`.
 */
export function toCdkTypeScript(policy: PolicyDocument, context: ExportContext): string {
    const names = exportNames(context.request);
    const {body, tokens} = statementsCode(policy, context, typescript, "            ", (fields) => `new iam.PolicyStatement({\n${fields}\n            })`);
    return [
        `// iam-gen: ${describeRequest(context.request)}`,
        `// Use: new iam.ManagedPolicy(this, "${names.pascal}", {document: ${names.camel}PolicyDocument()});`,
        ...(tokens ? [`import {Aws} from "aws-cdk-lib";`] : []),
        `import * as iam from "aws-cdk-lib/aws-iam";`,
        ...idComment(policy, "//"),
        "",
        `export function ${names.camel}PolicyDocument(): iam.PolicyDocument {`,
        "    return new iam.PolicyDocument({",
        "        statements: [",
        body,
        "        ]",
        "    });",
        "}",
        ""
    ].join("\n");
}

/** The same in Python: `iam.PolicyStatement(...)` with `Aws.ACCOUNT_ID` in f-strings. */
export function toCdkPython(policy: PolicyDocument, context: ExportContext): string {
    const names = exportNames(context.request);
    const {body, tokens} = statementsCode(policy, context, python, "            ", (fields) => `iam.PolicyStatement(\n${fields}\n            )`);
    return [
        `# iam-gen: ${describeRequest(context.request)}`,
        `# Use: iam.ManagedPolicy(self, "${names.pascal}", document=${names.snake}_policy_document())`,
        ...(tokens ? ["from aws_cdk import Aws"] : []),
        "from aws_cdk import aws_iam as iam",
        ...idComment(policy, "#"),
        "",
        "",
        `def ${names.snake}_policy_document() -> iam.PolicyDocument:`,
        "    return iam.PolicyDocument(",
        "        statements=[",
        body,
        "        ],",
        "    )",
        ""
    ].join("\n");
}

/** CDK's PolicyDocument has no Id; an Id changes nothing a policy allows, so it is said, not kept. */
function idComment(policy: PolicyDocument, comment: string): string[] {
    return policy.Id != null ? [`${comment} The policy's Id ${JSON.stringify(policy.Id)} is not kept: CDK's PolicyDocument has none.`] : [];
}

function statementsCode(policy: PolicyDocument, context: ExportContext, language: Language, indent: string, wrap: (fields: string) => string) {
    let tokens = false;
    const string = (value: string) => {
        const parts = stringParts(value, context);
        tokens ||= hasSubstitution(parts);
        return language.string(parts);
    };
    const statements = exportStatements(policy).map((statement) => `${indent}${wrap(statementFields(statement, language, string, `${indent}    `))},`);
    return {body: statements.join("\n"), tokens};
}

function statementFields(statement: ExportStatement, language: Language, string: (value: string) => string, indent: string): string {
    const {field, assign} = language;
    const fields: string[] = [];
    if (statement.sid != null)
        fields.push(`${field.sid}${assign}${JSON.stringify(statement.sid)}`);
    fields.push(`${field.effect}${assign}${language.effect[statement.effect]}`);
    const lists = [["actions", statement.actions], ["notActions", statement.notActions], ["resources", statement.resources], ["notResources", statement.notResources]] as const;
    for (const [name, values] of lists) {
        if (values != null)
            fields.push(`${field[name]}${assign}[${values.map(name === "actions" || name === "notActions" ? (value) => JSON.stringify(value) : string).join(", ")}]`);
    }
    if (statement.conditions.length > 0)
        fields.push(`${field.conditions}${assign}${conditionsCode(statement.conditions, language, string, indent)}`);
    return fields.map((line) => `${indent}${line},`).join("\n");
}

function conditionsCode(conditions: ExportStatement["conditions"], language: Language, string: (value: string) => string, indent: string): string {
    const byOperator = new Map<string, string[]>();
    for (const {operator, key, values} of conditions) {
        const items = values.map((value) => typeof value === "string" ? string(value) : language.value(value));
        byOperator.set(operator, [...byOperator.get(operator) ?? [], `${JSON.stringify(key)}: ${values.length === 1 ? items[0] : `[${items.join(", ")}]`}`]);
    }
    const operators = [...byOperator].map(([operator, keys]) => `${indent}    ${JSON.stringify(operator)}: {${keys.join(", ")}},`);
    return `{\n${operators.join("\n")}\n${indent}}`;
}
