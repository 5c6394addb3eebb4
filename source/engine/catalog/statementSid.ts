import type {AccessLevel} from "../../catalog/types.js";

const LEVEL_WORDS: Record<AccessLevel | "Full", string> = {
    "Full": "FullAccess",
    "List": "List",
    "Read": "Read",
    "Write": "Write",
    "Tagging": "Tagging",
    "Permissions management": "Permissions"
};
const LEVEL_ORDER: Array<AccessLevel | "Full"> = ["Full", "List", "Read", "Write", "Tagging", "Permissions management"];
const MAX_SID_LENGTH = 64;

function pascal(text: string) {
    return text.split(/[^A-Za-z0-9]+/).filter(Boolean).map((word) => word[0]!.toUpperCase() + word.slice(1)).join("");
}

/** The resource's own name, from the end of its ARN (`table/users` → `Users`, `bucket/reports/*` → `Reports`). */
function resourceName(arn: string) {
    if (arn === "*")
        return "";
    const parts = arn.split(/[:/]/).filter((part) => part !== "" && part !== "*" && !part.startsWith("${"));
    return pascal(parts.at(-1) ?? "");
}

/** `If` and the condition keys' names (`aws:RequestedRegion` → `IfRequestedRegion`). */
function conditionWords(conditions: ReadonlyArray<{key: string}>) {
    const keys = [...new Set(conditions.map((condition) => pascal(condition.key.split(":").at(-1)!.split("/")[0]!)))];
    return keys.length === 0 ? "" : `If${keys.slice(0, 2).join("And")}`;
}

/**
 * A Sid that says what the statement is for, e.g. `AllowDynamodbReadOnUsers`, `DenyEc2Write`,
 * `AllowS3FullAccessOnMyAppBucket`, or for a NotResource statement (`except`) `DenyS3FullAccessExceptReports`:
 * alphanumeric as IAM requires, unique within the policy.
 */
export function statementSid(
    statement: {effect: string; services: string[]; levels: ReadonlySet<AccessLevel | "Full">; resources: string[]; conditions: ReadonlyArray<{key: string}>; except?: boolean},
    used: Set<string>
): string {
    const services = statement.services.slice(0, 3).map(pascal).join("");
    const levels = LEVEL_ORDER.filter((level) => statement.levels.has(level)).map((level) => LEVEL_WORDS[level]).join("");
    const names = [...new Set(statement.resources.map(resourceName).filter(Boolean))].slice(0, 2).join("And");
    const base = `${statement.effect}${services}${levels}${names !== "" ? `${statement.except === true ? "Except" : "On"}${names}` : ""}${conditionWords(statement.conditions)}`
        .slice(0, MAX_SID_LENGTH);
    let sid = base;
    for (let index = 2; used.has(sid); index++)
        sid = `${base}${index}`;
    used.add(sid);
    return sid;
}
