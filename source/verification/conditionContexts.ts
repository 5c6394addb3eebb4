import type {ContextValue, RequestContext} from "../simulation/index.js";
import {compileConditions, conditionsHold, type CompiledCondition} from "../simulation/conditions.js";
import {satisfyingContext} from "../simulation/probes.js";
import {contextMap, variablesIn} from "../simulation/variables.js";

/** What every probe name, path segment and policy variable is filled with. */
export const PROBE_NAME = "probe";

/** Values tried for a key, by operator family, when the policy's own value does not give the one wanted. */
const OTHER_VALUES: Record<string, string[]> = {
    Bool: ["true", "false"],
    IpAddress: ["192.0.2.1", "198.51.100.1"],
    Numeric: ["0", "999999999"],
    Date: ["1970-01-02T00:00:00Z", "2999-01-01T00:00:00Z"],
    Binary: ["cHJvYmU="],
    Null: [PROBE_NAME]
};

/** One condition with a value under which it holds and one under which it fails; `absent` is the key left out. */
export interface ConditionSwitch {
    key: string;
    holding?: ContextValue | "absent";
    failing?: ContextValue | "absent";
}

/** Conditions written as a policy would write them, each compiled by the evaluator on its own. */
export function compileConditionList(conditions: ReadonlyArray<{operator: string; key: string; values: readonly string[]}>): CompiledCondition[] {
    return conditions.flatMap(({operator, key, values}) => compileConditions({[operator]: {[key]: [...values]}}));
}

/** The policy variables the texts use, each given the probe value: `${aws:username}` → `probe`. */
export function variableContext(texts: readonly string[]): Record<string, string> {
    const context: Record<string, string> = {};
    for (const text of texts)
        for (const variable of variablesIn(text))
            context[variable.key] = PROBE_NAME;
    return context;
}

/** For each condition, a value that makes it hold and one that makes it fail, each checked with the evaluator. */
export function conditionSwitch(condition: CompiledCondition, variables: RequestContext): ConditionSwitch {
    const family = condition.parsed?.family ?? "String";
    const wrap = (value: string): ContextValue => condition.parsed?.setOperator != null ? [value] : value;
    const satisfying = satisfyingContext(condition)?.[condition.key];
    const others = (OTHER_VALUES[condition.parsed?.base === "Null" ? "Null" : family] ?? [`other-${PROBE_NAME}`]).map(wrap);
    const tried: Array<ContextValue | "absent"> = [...satisfying != null ? [satisfying] : [], "absent", ...others];
    const holdsWith = (value: ContextValue | "absent") => {
        const context: Record<string, ContextValue> = {...variables};
        if (value === "absent")
            delete context[condition.key];
        else
            context[condition.key] = value;
        return conditionsHold([condition], contextMap(context));
    };
    const holding = tried.find(holdsWith);
    // A failing value is looked for from the key left out, the most natural "without MFA".
    const failing = ["absent" as const, ...others, ...satisfying != null ? [satisfying] : []].find((value) => !holdsWith(value));
    return {key: condition.key, ...(holding != null ? {holding} : {}), ...(failing != null ? {failing} : {})};
}

/** `base` with the key set to the value, or left out for `absent`; key names compare case-insensitively. */
export function withValue(base: RequestContext, key: string, value: ContextValue | "absent"): RequestContext {
    const context = Object.fromEntries(Object.entries(base).filter(([name]) => name.toLowerCase() !== key.toLowerCase()));
    if (value !== "absent")
        context[key] = value;
    return context;
}

/** A context in which every switch holds (those that cannot hold are left out), over the variables. */
export function holdingContext(switches: readonly ConditionSwitch[], variables: RequestContext): RequestContext {
    let context: RequestContext = {...variables};
    for (const entry of switches)
        if (entry.holding != null)
            context = withValue(context, entry.key, entry.holding);
    return context;
}
