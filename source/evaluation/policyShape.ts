/** Reading policies that came from untrusted text: any JSON value may appear where a policy part is expected. */

export function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The statements of a policy: `Statement` as one object or an array of them (non-objects skipped); anything else is none. */
export function policyStatements(policy: unknown): Array<Record<string, unknown>> {
    if (!isObject(policy))
        return [];
    const statements = policy.Statement;
    if (isObject(statements))
        return [statements];
    return Array.isArray(statements) ? statements.filter(isObject) : [];
}

/** The strings of an `Action`/`NotAction` value: one string or an array (non-strings skipped). */
export function stringsOf(value: unknown): string[] {
    if (typeof value === "string")
        return [value];
    return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === "string") : [];
}

/** Every string in `Action` and `NotAction` of every statement. */
export function actionPatterns(policy: unknown): string[] {
    return policyStatements(policy).flatMap((statement) => [...stringsOf(statement.Action), ...stringsOf(statement.NotAction)]);
}
