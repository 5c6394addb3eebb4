import {isObject, policyStatements, stringsOf} from "./policyShape.js";
import {parsePythonJson} from "./pythonJson.js";

/*
 * The Python prototype's metrics, ported rule for rule from its evaluation notebook
 * (naik-vatsal/iam-policy-generator, training/02_Model_Training.ipynb, "Evaluation functions"), so that
 * its published figures come out of its own outputs to the last decimal. Kept apart from the
 * product's own policy extraction and checker on purpose: those are stricter and would change the figures.
 * Where the notebook would have raised an exception (a JSON number as "policy", a statement that is
 * not an object), the port scores the row as a failure instead.
 */

/** "JSON valid": the whole output text parses (Python's `json.loads`, which also takes NaN/Infinity). */
export function isPrototypeJsonValid(text: string): boolean {
    return parsePythonJson(text).ok;
}

/**
 * "JSON extracted": the whole text parses, or else the span from the first `{` to the last `}` does
 * (the notebook's `re.findall(r'\{[\s\S]*\}', text)`, whose greedy match is that one span).
 * Any JSON value counts as extracted, not only objects, as in the notebook.
 */
export function extractPrototypeJson(text: string): {value: unknown} | null {
    const whole = parsePythonJson(text);
    if (whole.ok)
        return {value: whole.value};
    const start = text.indexOf("{");
    const end = text.lastIndexOf("}");
    if (start < 0 || end < start)
        return null;
    const span = parsePythonJson(text.slice(start, end + 1));
    return span.ok ? {value: span.value} : null;
}

/**
 * "Schema valid": an object with `Version` and a non-empty `Statement` (one object or an array), every
 * statement with `Effect` "Allow" or "Deny", `Action` or `NotAction`, and `Resource` or `NotResource`.
 * Only the presence of keys is checked, not their values (a `Version` of "banana" passes).
 */
export function isPrototypeSchemaValid(policy: unknown): boolean {
    if (!isObject(policy) || !("Version" in policy) || !("Statement" in policy))
        return false;
    const statements = Array.isArray(policy.Statement) ? policy.Statement : isObject(policy.Statement) ? [policy.Statement] : [];
    if (statements.length === 0)
        return false;
    return statements.every((statement) => isObject(statement)
        && (statement.Effect === "Allow" || statement.Effect === "Deny")
        && ("Action" in statement || "NotAction" in statement)
        && ("Resource" in statement || "NotResource" in statement));
}

/** Lower-cased service prefixes of every `Action` and `NotAction` entry that has a colon (so `"*"` adds none). */
export function prototypeServices(policy: unknown): Set<string> {
    const services = new Set<string>();
    for (const statement of policyStatements(policy)) {
        for (const key of ["Action", "NotAction"]) {
            for (const entry of stringsOf(statement[key])) {
                if (entry.includes(":"))
                    services.add(entry.split(":")[0]!.toLowerCase());
            }
        }
    }
    return services;
}

/** Jaccard similarity of the service prefixes; a reference with none scores 1 when the output has none, else 0. */
export function prototypeServiceAccuracy(reference: unknown, output: unknown): number {
    const expected = prototypeServices(reference);
    const generated = prototypeServices(output);
    if (expected.size === 0)
        return generated.size === 0 ? 1 : 0;
    if (generated.size === 0)
        return 0;
    let shared = 0;
    for (const service of generated) {
        if (expected.has(service))
            shared++;
    }
    return shared / (expected.size + generated.size - shared);
}

/** 1 when both policies use the same set of `Effect` values (a statement without one contributes ""), else 0. */
export function prototypeEffectAccuracy(reference: unknown, output: unknown): number {
    if (!isObject(output))
        return 0;
    const expected = prototypeEffects(reference);
    const generated = prototypeEffects(output);
    return expected.size === generated.size && [...expected].every((effect) => generated.has(effect)) ? 1 : 0;
}

function prototypeEffects(policy: unknown): Set<string> {
    // JSON text as the set key, so that "Allow", 1 and null stay distinct as they do in a Python set.
    return new Set(policyStatements(policy).map((statement) => JSON.stringify("Effect" in statement ? statement.Effect : "")));
}
