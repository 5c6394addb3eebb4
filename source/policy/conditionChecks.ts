import {type CatalogConditionKey} from "../catalog/types.js";
import {type AnalyzedStatement, type CheckContext} from "./analyze.js";
import {type ConditionEntryView} from "./PolicyView.js";
import {
    isMultiValuedKeyType, operatorAcceptsKeyType, type ParsedOperator, parseOperator, suggestedOperatorFor
} from "./conditionOperators.js";

/** Unknown condition keys, keys that do not apply to the statement's actions, operators that do not fit the key's type, malformed values. */
export function checkConditions(context: CheckContext) {
    for (const statement of context.statements) {
        for (const condition of statement.conditions) {
            const operator = parseOperator(condition.operator);
            if (operator == null)
                continue; // the schema reports it
            if (operator.family === "Null" && operator.ifExists)
                context.report({code: "NULL_WITH_IF_EXISTS", severity: "ERROR", message: "NullIfExists is not an operator: Null already tests whether the key exists", path: condition.path, fix: "Use Null"});
            checkValues(condition, operator, context);
            const definition = checkKey(statement, condition, context);
            if (definition != null)
                checkOperatorFits(condition, operator, definition, context);
        }
    }
}

function checkKey(statement: AnalyzedStatement, condition: ConditionEntryView, {lookups, report}: CheckContext): CatalogConditionKey | undefined {
    const separator = condition.key.indexOf(":");
    if (separator <= 0) {
        report({code: "INVALID_CONDITION_KEY", severity: "ERROR", message: `"${condition.key}" is not a condition key: keys are "service:name", e.g. aws:SourceIp`, path: condition.path});
        return undefined;
    }
    const prefix = condition.key.slice(0, separator).toLowerCase();
    const definition = lookups.conditionKey(condition.key);
    if (definition == null) {
        const known = prefix === "aws" || lookups.catalog.service(prefix) != null;
        report({
            code: prefix === "aws" ? "UNKNOWN_GLOBAL_CONDITION_KEY" : "UNKNOWN_CONDITION_KEY",
            severity: "WARNING",
            message: known
                ? `"${condition.key}" is not ${prefix === "aws" ? "a global condition key" : `a condition key of ${prefix}`} in the catalog: a condition on it never matches`
                : `"${condition.key}" belongs to no service in the catalog`,
            path: condition.path
        });
        return undefined;
    }
    if (lookups.isGlobalKey(definition) || statement.anyAction || statement.actionField !== "Action")
        return definition;

    const services = new Set(statement.entries.flatMap((entry) => entry.actions.map((action) => action.service)));
    if (statement.entries.some((entry) => entry.actions.length === 0))
        return definition; // unknown actions: nothing to compare with
    if (!services.has(prefix)) {
        report({
            code: "CONDITION_KEY_SERVICE_MISMATCH",
            severity: "WARNING",
            message: `"${condition.key}" is a condition key of ${prefix}, but the statement has no ${prefix} action: it never matches`,
            path: condition.path
        });
        return definition;
    }
    const lowerKey = definition.key.toLowerCase();
    const supported = statement.entries.some((entry) => entry.actions.some((action) => action.service === prefix && lookups.keysOfAction(action).has(lowerKey)));
    if (!supported)
        report({
            code: "CONDITION_KEY_NOT_SUPPORTED",
            severity: "WARNING",
            message: `no action of this statement supports "${definition.key}": AWS does not set it for them`,
            path: condition.path
        });
    return definition;
}

function checkOperatorFits(condition: ConditionEntryView, operator: ParsedOperator, definition: CatalogConditionKey, {report}: CheckContext) {
    if (operator.family !== "Null" && !operatorAcceptsKeyType(operator.family, definition.type)) {
        const suggested = suggestedOperatorFor(definition.type);
        report({
            code: "OPERATOR_TYPE_MISMATCH",
            severity: "WARNING",
            message: `${condition.operator} compares ${operator.family} values, but "${definition.key}" is of type ${definition.type}`,
            path: condition.path,
            fix: `Use ${(operator.setOperator != null ? `${operator.setOperator}:` : "") + suggested}${operator.ifExists ? "IfExists" : ""}`
        });
    }
    if (operator.setOperator != null && !isMultiValuedKeyType(definition.type))
        report({
            code: "SET_OPERATOR_ON_SINGLE_VALUED_KEY",
            severity: operator.setOperator === "ForAllValues" ? "SECURITY_WARNING" : "WARNING",
            message: operator.setOperator === "ForAllValues"
                ? `ForAllValues with the single-valued key "${definition.key}" is also true when the key is missing, which can grant more than intended`
                : `ForAnyValue is meant for multi-valued keys; "${definition.key}" has a single value`,
            path: condition.path,
            fix: `Use ${condition.operator.slice(operator.setOperator.length + 1)}`
        });
}

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(\/(\d|[12]\d|3[0-2]))?$/;
const IPV6_CIDR = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(\/(\d{1,2}|1[01]\d|12[0-8]))?$/;

/** What a value of the operator's family looks like, or undefined when it is fine. */
function valueProblem(family: ParsedOperator["family"], base: string, value: unknown): string | undefined {
    const text = String(value);
    if (text.includes("${"))
        return undefined;
    switch (family) {
        case "Bool":
        case "Null":
            return /^(true|false)$/i.test(text) ? undefined : `${base} takes "true" or "false"`;
        case "Numeric":
            return text.trim() !== "" && Number.isFinite(Number(text)) ? undefined : `${base} takes a number`;
        case "Date":
            return DATE.test(text) || /^\d+$/.test(text) ? undefined : `${base} takes an ISO 8601 date (2026-01-31T00:00:00Z) or epoch seconds`;
        case "IpAddress": {
            const v4 = IPV4_CIDR.exec(text);
            if (v4 != null)
                return v4.slice(1, 5).every((octet) => Number(octet) <= 255) ? undefined : `${base} takes an IP address or CIDR range`;
            return IPV6_CIDR.test(text) ? undefined : `${base} takes an IP address or CIDR range, e.g. 203.0.113.0/24`;
        }
        default:
            return undefined;
    }
}

function checkValues(condition: ConditionEntryView, operator: ParsedOperator, {report}: CheckContext) {
    if (condition.values.length === 0)
        report({code: "EMPTY_ARRAY", severity: "SUGGESTION", message: `"${condition.key}" is compared with an empty list`, path: condition.path, fix: "Give at least one value, or remove the key"});
    for (const value of condition.values) {
        const problem = valueProblem(operator.family, operator.base, value.value);
        if (problem != null)
            report({code: "INVALID_CONDITION_VALUE", severity: "WARNING", message: `${JSON.stringify(value.value)}: ${problem}`, path: value.path});
        else if (operator.family === "String" && !operator.base.endsWith("Like") && typeof value.value === "string" && value.value.includes("*"))
            report({
                code: "WILDCARD_WITHOUT_LIKE",
                severity: "WARNING",
                message: `${operator.base} compares "*" literally; only StringLike treats it as a wildcard`,
                path: value.path,
                fix: `Use ${operator.base.startsWith("StringNot") ? "StringNotLike" : "StringLike"}`
            });
    }
}
