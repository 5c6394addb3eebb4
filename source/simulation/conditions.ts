import {parseOperator, type ParsedOperator} from "../policy/conditionOperators.js";
import type {ConditionBlock} from "../policy/types.js";
import {POSITIVE_OF, VALUE_TESTS, type ValueTest} from "./conditionValues.js";
import type {ConditionEvaluation, ContextValue} from "./types.js";
import type {ContextMap} from "./variables.js";

/** One operator-and-key test of a Condition block, read once. */
export interface CompiledCondition {
    operator: string;
    key: string;
    lowerKey: string;
    values: string[];
    parsed?: ParsedOperator;
    /** The operator's positive test, applied value by value (negated operators invert each result). */
    test?: ValueTest;
    negated: boolean;
}

export function compileConditions(block: ConditionBlock | undefined): CompiledCondition[] {
    if (block == null || typeof block !== "object")
        return [];
    return Object.entries(block).flatMap(([operator, keys]) => Object.entries(typeof keys === "object" && keys != null ? keys : {}).map(([key, value]) => {
        const parsed = parseOperator(operator);
        const base = parsed?.base ?? "";
        const positive = POSITIVE_OF[base];
        const values = (Array.isArray(value) ? value : [value]).map((entry) => String(entry));
        return {
            operator, key, lowerKey: key.toLowerCase(), values,
            ...(parsed != null ? {parsed} : {}),
            ...(VALUE_TESTS[positive ?? base] != null ? {test: VALUE_TESTS[positive ?? base]} : {}),
            negated: positive != null
        };
    }));
}

/** Every condition of a statement, each evaluated; the statement's conditions hold when all do (keys are AND'ed). */
export function evaluateConditions(conditions: readonly CompiledCondition[], context: ContextMap): ConditionEvaluation[] {
    return conditions.map((condition) => {
        const {satisfied, reason} = evaluateCondition(condition, context);
        return {operator: condition.operator, key: condition.key, values: condition.values, satisfied, reason: reason()};
    });
}

/** Whether all conditions hold, stopping at the first that does not (the fast path, without reasons). */
export function conditionsHold(conditions: readonly CompiledCondition[], context: ContextMap): boolean {
    for (const condition of conditions)
        if (!evaluateCondition(condition, context).satisfied)
            return false;
    return true;
}

/** The reason is built only when evidence is asked for: the fast path would spend most of its time on text. */
interface Outcome {
    satisfied: boolean;
    reason: () => string;
}

function evaluateCondition(condition: CompiledCondition, context: ContextMap): Outcome {
    const {parsed, test} = condition;
    if (parsed == null)
        return {satisfied: false, reason: () => `${condition.operator} is not a condition operator`};
    const value = context.get(condition.lowerKey);
    if (parsed.base === "Null")
        return nullCheck(condition, value);
    if (value == null)
        return missingKey(condition, parsed);
    if (test == null)
        return {satisfied: false, reason: () => `${condition.operator} has no comparison`};
    if (parsed.setOperator != null)
        return setComparison(condition, parsed.setOperator, typeof value === "string" ? [value] : value, context);
    if (typeof value !== "string")
        // A multivalued key needs ForAllValues or ForAnyValue to be compared value by value.
        return {satisfied: false, reason: () => `${condition.key} has several values; ${condition.operator} compares one (use ForAnyValue: or ForAllValues:)`};
    const result = compareOne(condition, value, context);
    return typeof result === "string"
        ? {satisfied: false, reason: () => result}
        : {satisfied: result, reason: () => `${condition.key} = ${JSON.stringify(value)} ${result ? "satisfies" : "does not satisfy"} ${condition.operator} ${JSON.stringify(condition.values)}`};
}

/** `Null: true` holds when the key is absent, `Null: false` when it is present; several values are OR'ed. */
function nullCheck(condition: CompiledCondition, value: ContextValue | undefined): Outcome {
    const present = value != null;
    const satisfied = condition.values.some((wanted) => wanted.toLowerCase() === (present ? "false" : "true"));
    return {satisfied, reason: () => `${condition.key} is ${present ? "present" : "absent"}`};
}

/**
 * AWS: a missing key makes a condition false, except that `…IfExists` and ForAllValues hold without
 * the key, and a negated operator (StringNotEquals, NotIpAddress, ...) holds because nothing matches.
 */
function missingKey(condition: CompiledCondition, parsed: ParsedOperator): Outcome {
    const missing = (rule: string) => () => `${condition.key} is missing from the request${rule}`;
    if (parsed.ifExists)
        return {satisfied: true, reason: missing(`; ${condition.operator} holds without it`)};
    if (parsed.setOperator === "ForAllValues")
        return {satisfied: true, reason: missing("; ForAllValues holds for an empty set")};
    if (parsed.setOperator === "ForAnyValue")
        return {satisfied: false, reason: missing("; ForAnyValue needs at least one value")};
    return condition.negated
        ? {satisfied: true, reason: missing("; a negated operator holds without it")}
        : {satisfied: false, reason: missing("")};
}

/** ForAllValues: every request value satisfies the operator (an empty set does); ForAnyValue: at least one does. */
function setComparison(condition: CompiledCondition, setOperator: "ForAllValues" | "ForAnyValue", values: readonly string[], context: ContextMap): Outcome {
    const results = values.map((value) => ({value, result: compareOne(condition, value, context)}));
    const holds = (entry: {result: boolean | string}) => entry.result === true;
    if (setOperator === "ForAllValues") {
        const failing = results.find((entry) => !holds(entry));
        return failing == null
            ? {satisfied: true, reason: () => `every value of ${condition.key} satisfies ${condition.operator}`}
            : {satisfied: false, reason: () => describeFailure(condition, failing.value, failing.result)};
    }
    const passing = results.find(holds);
    return passing != null
        ? {satisfied: true, reason: () => `${condition.key} value ${JSON.stringify(passing.value)} satisfies ${condition.operator}`}
        : {satisfied: false, reason: () => values.length === 0 ? `${condition.key} has no values` : `no value of ${condition.key} satisfies ${condition.operator} ${JSON.stringify(condition.values)}`};
}

function describeFailure(condition: CompiledCondition, value: string, result: boolean | string) {
    return typeof result === "string" ? result : `${condition.key} value ${JSON.stringify(value)} does not satisfy ${condition.operator} ${JSON.stringify(condition.values)}`;
}

/**
 * One request value against the policy's values: a positive operator holds when any value matches,
 * a negated one when none does (AWS: "StringNotEquals … the key must match none of the values").
 * Returns the reason when a pair could not be compared.
 */
function compareOne(condition: CompiledCondition, value: string, context: ContextMap): boolean | string {
    let unreadable: string | undefined;
    for (const policyValue of condition.values) {
        const result = condition.test!(value, policyValue, context);
        if (typeof result === "string") {
            if (condition.negated)
                return result;
            unreadable ??= result;
        } else if (result) {
            return !condition.negated;
        }
    }
    return condition.negated ? true : unreadable ?? false;
}
