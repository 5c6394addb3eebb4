import {Ajv, type ErrorObject, type ValidateFunction} from "ajv";
import {closestOperator, CONDITION_OPERATOR_PATTERN} from "./conditionOperators.js";
import {childPath, jsonPathFromPointer} from "./jsonPath.js";
import {type Finding} from "./types.js";

/** Per-keyword finding code and message, attached to the subschema whose keyword fails. */
type ErrorSpecs = Record<string, [code: string, message: string]>;

const stringList = (name: string, format: object, errors: ErrorSpecs) => ({
    type: ["string", "array"],
    ...format,
    items: {type: "string", ...format, errors: {type: ["INVALID_TYPE", `each item of ${name} must be a string`], ...errors}},
    errors: {type: ["INVALID_TYPE", `${name} must be a string or an array of strings`], ...errors}
});

const ACTION_FORMAT = "^(\\*|[A-Za-z0-9-]+:[A-Za-z0-9*?-]*)$";

const statementSchema = {
    type: "object",
    errors: {type: ["INVALID_TYPE", "a statement must be an object"]},
    required: ["Effect"],
    additionalProperties: false,
    properties: {
        Sid: {
            type: "string",
            pattern: "^[A-Za-z0-9]*$",
            errors: {type: ["INVALID_TYPE", "Sid must be a string"], pattern: ["INVALID_SID", "Sid may only contain the letters A-Z, a-z and the digits 0-9"]}
        },
        Effect: {enum: ["Allow", "Deny"], errors: {enum: ["INVALID_EFFECT", "Effect must be \"Allow\" or \"Deny\" (case-sensitive)"]}},
        Action: stringList("Action", {pattern: ACTION_FORMAT}, {pattern: ["INVALID_ACTION_FORMAT", "an action must be \"service:Action\" (wildcards * and ? allowed) or \"*\""]}),
        NotAction: stringList("Action", {pattern: ACTION_FORMAT}, {pattern: ["INVALID_ACTION_FORMAT", "an action must be \"service:Action\" (wildcards * and ? allowed) or \"*\""]}),
        Resource: stringList("Resource", {minLength: 1}, {minLength: ["INVALID_RESOURCE", "a resource must be an ARN or \"*\", not empty"]}),
        NotResource: stringList("Resource", {minLength: 1}, {minLength: ["INVALID_RESOURCE", "a resource must be an ARN or \"*\", not empty"]}),
        Condition: {
            type: "object",
            errors: {type: ["INVALID_TYPE", "Condition must be an object of operators"]},
            propertyNames: {
                pattern: CONDITION_OPERATOR_PATTERN,
                errors: {pattern: ["INVALID_CONDITION_OPERATOR", "is not a condition operator"]}
            },
            additionalProperties: {
                type: "object",
                errors: {type: ["INVALID_TYPE", "a condition operator must map condition keys to values"]},
                additionalProperties: {
                    type: ["string", "number", "boolean", "array"],
                    items: {type: ["string", "number", "boolean"], errors: {type: ["INVALID_CONDITION_VALUE", "a condition value must be a string, number or boolean"]}},
                    errors: {type: ["INVALID_CONDITION_VALUE", "a condition value must be a string, number, boolean or an array of them"]}
                }
            }
        }
    },
    allOf: [
        {not: {type: "object", required: ["Action", "NotAction"]}, errors: {not: ["CONFLICTING_ELEMENTS", "a statement has either Action or NotAction, not both"]}},
        {not: {type: "object", required: ["Resource", "NotResource"]}, errors: {not: ["CONFLICTING_ELEMENTS", "a statement has either Resource or NotResource, not both"]}},
        {anyOf: [{required: ["Action"]}, {required: ["NotAction"]}], errors: {anyOf: ["MISSING_ACTION", "a statement needs Action or NotAction"]}},
        {anyOf: [{required: ["Resource"]}, {required: ["NotResource"]}], errors: {anyOf: ["MISSING_RESOURCE", "a statement needs Resource or NotResource"]}}
    ]
};

/** The grammar of an identity-based policy (managed or inline): no Principal, one Action/NotAction and one Resource/NotResource per statement. */
export const identityPolicySchema = {
    $id: "iam-gen/identity-policy",
    type: "object",
    errors: {type: ["NOT_AN_OBJECT", "a policy must be a JSON object"]},
    required: ["Statement"],
    additionalProperties: false,
    properties: {
        Version: {
            type: "string",
            enum: ["2012-10-17", "2008-10-17"],
            errors: {type: ["INVALID_VERSION", "Version must be \"2012-10-17\""], enum: ["INVALID_VERSION", "Version must be \"2012-10-17\""]}
        },
        Id: {type: "string", errors: {type: ["INVALID_TYPE", "Id must be a string"]}},
        Statement: {
            if: {type: "array"},
            then: {type: "array", items: {$ref: "#/$defs/statement"}},
            else: {$ref: "#/$defs/statement"}
        }
    },
    $defs: {statement: statementSchema}
};

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
    if (compiled == null) {
        const ajv = new Ajv({allErrors: true, verbose: true, allowUnionTypes: true});
        ajv.addVocabulary(["errors"]);
        compiled = ajv.compile(identityPolicySchema);
    }
    return compiled;
}

/** Checks the policy's grammar; every problem is an ERROR finding with the JSON path of the offending element. */
export function validateSchema(policy: unknown): Finding[] {
    const validate = validator();
    if (validate(policy))
        return [];
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const error of validate.errors ?? []) {
        const finding = toFinding(error);
        const identity = `${finding.code} ${finding.path} ${finding.message}`;
        if (finding.code !== "" && !seen.has(identity)) {
            seen.add(identity);
            findings.push(finding);
        }
    }
    return findings;
}

function toFinding(error: ErrorObject): Finding {
    // Branch failures inside anyOf/if are restated by the anyOf/then/else keyword itself.
    if (error.keyword === "if" || error.keyword === "propertyNames" || /\/anyOf\/\d+\//.test(error.schemaPath))
        return {code: "", severity: "ERROR", message: "", path: ""};
    const path = jsonPathFromPointer(error.instancePath);
    const spec = (error.parentSchema as {errors?: ErrorSpecs} | undefined)?.errors?.[error.keyword];
    switch (error.keyword) {
        case "required": {
            const missing = (error.params as {missingProperty: string}).missingProperty;
            return {code: "MISSING_ELEMENT", severity: "ERROR", message: `${describeNode(path)} is missing "${missing}"`, path};
        }
        case "additionalProperties": {
            const extra = (error.params as {additionalProperty: string}).additionalProperty;
            if (extra === "Principal" || extra === "NotPrincipal")
                return {code: "PRINCIPAL_NOT_ALLOWED", severity: "ERROR", message: `an identity policy cannot name a ${extra}: the principal is whoever the policy is attached to`, path: childPath(path, extra), fix: `Remove "${extra}"`};
            return {code: "UNKNOWN_ELEMENT", severity: "ERROR", message: `${describeNode(path)} has an unknown element "${extra}"`, path: childPath(path, extra)};
        }
        case "pattern": {
            const name = (error as {propertyName?: string}).propertyName;
            if (name != null) {
                const code = spec?.[0] ?? "INVALID_FORMAT";
                const closest = code === "INVALID_CONDITION_OPERATOR" ? closestOperator(name) : undefined;
                return {
                    code,
                    severity: "ERROR",
                    message: `"${name}" ${spec?.[1] ?? "has an invalid name"}`,
                    path: childPath(path, name),
                    ...(closest != null ? {fix: `Did you mean ${closest}?`, replacement: closest} : {})
                };
            }
            return {code: spec?.[0] ?? "INVALID_FORMAT", severity: "ERROR", message: `${JSON.stringify(error.data)}: ${spec?.[1] ?? error.message}`, path};
        }
        default:
            return {code: spec?.[0] ?? "INVALID_TYPE", severity: "ERROR", message: spec?.[1] ?? `${describeNode(path)} ${error.message ?? "is invalid"}`, path};
    }
}

function describeNode(path: string) {
    if (path === "$")
        return "the policy";
    return /Statement(\[\d+\])?$/.test(path) ? `the statement ${path}` : path;
}
