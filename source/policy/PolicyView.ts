import {childPath} from "./jsonPath.js";

/** A string of the policy and where it is. */
export interface Located<T = string> {
    value: T;
    path: string;
}

export interface ConditionEntryView {
    operator: string;
    key: string;
    /** Path of the key, e.g. `$.Statement[0].Condition.StringEquals["aws:SourceIp"]`. */
    path: string;
    values: Array<Located<unknown>>;
}

export interface StatementView {
    /** The statement as written. */
    raw: Record<string, unknown>;
    index: number;
    path: string;
    sid?: string;
    effect?: "Allow" | "Deny";
    actionField?: "Action" | "NotAction";
    /** The field's path (for findings about the whole list). */
    actionPath?: string;
    actions: Located[];
    resourceField?: "Resource" | "NotResource";
    resourcePath?: string;
    resources: Located[];
    /** The Condition block's path, when present. */
    conditionPath?: string;
    conditions: ConditionEntryView[];
}

/**
 * A read-only, type-tolerant view of any value as a policy: only the well-typed parts are kept,
 * so that the checks after the schema never trip over a malformed input (the schema reports those).
 */
export class PolicyView {
    readonly statements: StatementView[];
    readonly version?: string;

    constructor(readonly document: unknown) {
        const root = isRecord(document) ? document : {};
        this.version = typeof root.Version === "string" ? root.Version : undefined;
        const statement = root.Statement;
        if (Array.isArray(statement))
            this.statements = statement.flatMap((item, index) => isRecord(item) ? [viewStatement(item, index, `$.Statement[${index}]`)] : []);
        else if (isRecord(statement))
            this.statements = [viewStatement(statement, 0, "$.Statement")];
        else
            this.statements = [];
    }

    get allows() {
        return this.statements.filter((statement) => statement.effect === "Allow");
    }
}

function viewStatement(raw: Record<string, unknown>, index: number, path: string): StatementView {
    const view: StatementView = {raw, index, path, actions: [], resources: [], conditions: []};
    if (typeof raw.Sid === "string")
        view.sid = raw.Sid;
    if (raw.Effect === "Allow" || raw.Effect === "Deny")
        view.effect = raw.Effect;
    const actionField = "Action" in raw ? "Action" : "NotAction" in raw ? "NotAction" : undefined;
    if (actionField != null) {
        view.actionField = actionField;
        view.actionPath = childPath(path, actionField);
        view.actions = stringEntries(raw[actionField], view.actionPath);
    }
    const resourceField = "Resource" in raw ? "Resource" : "NotResource" in raw ? "NotResource" : undefined;
    if (resourceField != null) {
        view.resourceField = resourceField;
        view.resourcePath = childPath(path, resourceField);
        view.resources = stringEntries(raw[resourceField], view.resourcePath);
    }
    if (isRecord(raw.Condition)) {
        view.conditionPath = childPath(path, "Condition");
        for (const [operator, block] of Object.entries(raw.Condition)) {
            if (!isRecord(block))
                continue;
            const operatorPath = childPath(view.conditionPath, operator);
            for (const [key, value] of Object.entries(block)) {
                const keyPath = childPath(operatorPath, key);
                const values = Array.isArray(value)
                    ? value.map((item, position) => ({value: item as unknown, path: childPath(keyPath, position)}))
                    : [{value: value as unknown, path: keyPath}];
                view.conditions.push({operator, key, path: keyPath, values});
            }
        }
    }
    return view;
}

/** A string or an array's string items, each with its path. */
function stringEntries(value: unknown, path: string): Located[] {
    if (typeof value === "string")
        return [{value, path}];
    if (!Array.isArray(value))
        return [];
    return value.flatMap((item, index) => typeof item === "string" ? [{value: item, path: childPath(path, index)}] : []);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
