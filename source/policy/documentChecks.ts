import {type CheckContext} from "./analyze.js";
import {childPath} from "./jsonPath.js";
import {isRecord} from "./PolicyView.js";

/** Version, an empty Statement, duplicate Sids, and empty arrays or condition blocks. */
export function checkDocument({view, statements, report}: CheckContext) {
    const document = view.document as Record<string, unknown>;
    const usesVariables = statements.some((statement) => statement.resources.some((resource) => resource.value.includes("${")));
    if (document.Version === undefined) {
        report({
            code: usesVariables ? "VARIABLE_REQUIRES_VERSION" : "MISSING_VERSION",
            severity: usesVariables ? "ERROR" : "WARNING",
            message: usesVariables
                ? "policy variables such as ${aws:username} need \"Version\": \"2012-10-17\"; without it they are read literally"
                : "no Version: AWS then uses 2008-10-17, where policy variables do not work",
            path: "$",
            fix: "Add \"Version\": \"2012-10-17\""
        });
    } else if (document.Version === "2008-10-17") {
        report({
            code: usesVariables ? "VARIABLE_REQUIRES_VERSION" : "OLD_VERSION",
            severity: usesVariables ? "ERROR" : "WARNING",
            message: usesVariables
                ? "policy variables such as ${aws:username} do not work with Version 2008-10-17"
                : "Version 2008-10-17 is the old policy language: policy variables do not work with it",
            path: "$.Version",
            fix: "Use \"Version\": \"2012-10-17\""
        });
    }
    if (Array.isArray(document.Statement) && document.Statement.length === 0)
        report({code: "EMPTY_STATEMENT", severity: "ERROR", message: "the policy has no statement", path: "$.Statement", fix: "Add at least one statement"});

    const sids = new Map<string, string>();
    for (const statement of statements) {
        if (statement.sid != null && statement.sid !== "") {
            const first = sids.get(statement.sid);
            if (first != null)
                report({code: "DUPLICATE_SID", severity: "ERROR", message: `Sid "${statement.sid}" is already used by ${first}; Sids must be unique in a policy`, path: childPath(statement.path, "Sid"), fix: "Give each statement its own Sid"});
            else
                sids.set(statement.sid, statement.path);
        }
        for (const field of ["Action", "NotAction", "Resource", "NotResource"]) {
            const value = statement.raw[field];
            if (Array.isArray(value) && value.length === 0)
                report({code: "EMPTY_ARRAY", severity: "WARNING", message: `${field} is an empty array: the statement matches nothing`, path: childPath(statement.path, field), fix: `Name at least one ${field.replace("Not", "").toLowerCase()}, or remove the statement`});
        }
        const condition = statement.raw.Condition;
        if (isRecord(condition)) {
            const conditionPath = childPath(statement.path, "Condition");
            if (Object.keys(condition).length === 0)
                report({code: "EMPTY_CONDITION", severity: "SUGGESTION", message: "the Condition block is empty", path: conditionPath, fix: "Remove the empty Condition"});
            for (const [operator, block] of Object.entries(condition)) {
                if (isRecord(block) && Object.keys(block).length === 0)
                    report({code: "EMPTY_CONDITION", severity: "SUGGESTION", message: `the ${operator} block tests no key`, path: childPath(conditionPath, operator), fix: `Remove the empty ${operator}`});
            }
        }
    }
}
