import type {Severity} from "./types.js";

/** One kind of finding, as a linter keeps its rules: how severe it can be, a title, and why it matters. */
export interface FindingRule {
    /** The most severe it is reported as; a check may report a milder case lower (a condition that limits it). */
    severity: Severity;
    title: string;
    explanation: string;
}

const rule = (severity: Severity, title: string, explanation: string): FindingRule => ({severity, title, explanation});

/**
 * Every finding code, checker and verification alike. A check can only report a code of this table
 * (CheckContext.report takes a FindingCode), and test/policy/findingRules.test.ts holds each
 * reported finding to its rule's severity.
 */
export const FINDING_RULES = {
    // The document's form: AWS rejects the policy.
    NOT_AN_OBJECT: rule("ERROR", "Not a JSON object", "A policy is a JSON object with Version and Statement."),
    INVALID_TYPE: rule("ERROR", "Wrong type", "An element has a type the policy grammar does not allow (a number where a string belongs)."),
    INVALID_FORMAT: rule("ERROR", "Malformed value", "A value does not have the form its element requires."),
    INVALID_VERSION: rule("ERROR", "Unknown Version", "The only current policy language version is 2012-10-17."),
    INVALID_SID: rule("ERROR", "Invalid Sid", "A Sid may hold only ASCII letters and digits."),
    INVALID_EFFECT: rule("ERROR", "Invalid Effect", "Effect is \"Allow\" or \"Deny\", spelt with that case."),
    INVALID_ACTION_FORMAT: rule("ERROR", "Malformed action", "An action is \"service:Action\", with * and ? as wildcards, or \"*\"."),
    INVALID_RESOURCE: rule("ERROR", "Empty resource", "A resource is an ARN or \"*\"; an empty string matches nothing and AWS rejects it."),
    INVALID_CONDITION_OPERATOR: rule("ERROR", "Unknown condition operator", "A Condition block's keys must be IAM condition operators."),
    INVALID_CONDITION_VALUE: rule("ERROR", "Condition value that cannot match", "A value of another JSON type than string, number or boolean is rejected by AWS; one the operator cannot read as its type never matches as meant."),
    CONFLICTING_ELEMENTS: rule("ERROR", "Conflicting elements", "A statement has Action or NotAction, and Resource or NotResource, never both of a pair."),
    MISSING_ACTION: rule("ERROR", "No action", "A statement needs Action or NotAction."),
    MISSING_RESOURCE: rule("ERROR", "No resource", "An identity policy's statement needs Resource or NotResource."),
    MISSING_ELEMENT: rule("ERROR", "Missing element", "A required element (Statement, Effect) is missing."),
    PRINCIPAL_NOT_ALLOWED: rule("ERROR", "Principal in an identity policy", "An identity policy applies to whoever it is attached to; Principal belongs in resource policies."),
    UNKNOWN_ELEMENT: rule("ERROR", "Unknown element", "The policy grammar has no such element; AWS rejects the policy."),
    DUPLICATE_KEY: rule("ERROR", "Key given twice", "AWS rejects an object with a repeated key, and JSON readers silently keep only the last value."),
    PROTOTYPE_KEY: rule("ERROR", "Not a policy element", "A key such as __proto__ is no policy element and is never applied."),
    EMPTY_STATEMENT: rule("ERROR", "No statement", "A policy needs at least one statement."),
    DUPLICATE_SID: rule("ERROR", "Sid used twice", "Sids must be unique within a policy."),
    POLICY_SIZE_EXCEEDED: rule("ERROR", "Over the size limit", "AWS limits a policy's characters (whitespace excluded) by where it is attached."),
    MISSING_VERSION: rule("WARNING", "No Version", "Without Version, AWS reads the policy as the 2008 language, in which policy variables are plain text."),
    OLD_VERSION: rule("WARNING", "Old Version", "The 2008-10-17 language does not read policy variables."),
    VARIABLE_REQUIRES_VERSION: rule("ERROR", "Variables need Version 2012-10-17", "Under the old language ${aws:username} is literal text, so the statement never matches what it means."),
    // Actions.
    UNKNOWN_SERVICE: rule("ERROR", "Unknown service", "The service prefix is not in the AWS catalog: misspelt, or a retired service."),
    UNKNOWN_ACTION: rule("ERROR", "Unknown action", "The service has no such action, so the entry grants or denies nothing."),
    UNMATCHED_WILDCARD: rule("ERROR", "Wildcard that matches nothing", "The pattern matches no action of the service."),
    ACTION_CASE: rule("SUGGESTION", "Action spelt in another case", "IAM compares actions case-insensitively, but AWS's spelling reads better and diffs cleanly."),
    REDUNDANT_ACTION: rule("SUGGESTION", "Redundant action", "The action is listed twice or already covered by a pattern of the same list."),
    // Resources.
    MALFORMED_ARN: rule("ERROR", "Malformed ARN", "A resource must be an ARN (arn:partition:service:region:account:resource) or \"*\"."),
    REDUNDANT_RESOURCE: rule("SUGGESTION", "Redundant resource", "The resource is listed twice or already covered by a pattern of the same list."),
    STAR_ONLY_ACTION_WITH_ARN: rule("WARNING", "Action that takes only \"*\" given an ARN", "Actions without resource types are authorized against \"*\"; a statement naming ARNs never matches them."),
    RESOURCE_TYPE_MISMATCH: rule("WARNING", "Resource of another type", "None of the statement's actions act on this resource's type, so it grants nothing on it."),
    ACTION_RESOURCE_MISMATCH: rule("WARNING", "Action without its resource", "The action acts on resource types the statement does not name, so it grants nothing here."),
    SECRET_ARN_WITHOUT_SUFFIX: rule("WARNING", "Secret ARN without its suffix", "Secrets Manager ends every secret's ARN with a hyphen and six random characters; an exact name matches no secret."),
    ECS_CLUSTER_FOR_SERVICE: rule("WARNING", "Cluster ARN for service actions", "ECS service actions act on service/<cluster>/<service> ARNs, not on the cluster's."),
    ARN_REGION_EXCLUDED: rule("WARNING", "ARN in a region the condition rules out", "Requests about a resource are made in its region, so an aws:RequestedRegion condition that excludes the ARN's region lets nothing through on it."),
    // Conditions.
    NULL_WITH_IF_EXISTS: rule("ERROR", "NullIfExists", "Null already tests whether the key exists; NullIfExists is no operator."),
    INVALID_CONDITION_KEY: rule("ERROR", "Not a condition key", "Condition keys are \"service:name\", e.g. aws:SourceIp."),
    UNKNOWN_GLOBAL_CONDITION_KEY: rule("WARNING", "Unknown global condition key", "AWS sets no such aws: key, so the condition never holds (or always, negated)."),
    UNKNOWN_CONDITION_KEY: rule("WARNING", "Unknown condition key", "The service defines no such key."),
    CONDITION_KEY_SERVICE_MISMATCH: rule("WARNING", "Key of another service", "The key belongs to a service none of the statement's actions are of, so it is never set."),
    CONDITION_KEY_NOT_SUPPORTED: rule("WARNING", "Key the actions do not support", "AWS does not set the key for the statement's actions."),
    OPERATOR_TYPE_MISMATCH: rule("WARNING", "Operator of another type", "The operator compares values of another type than the key's."),
    SET_OPERATOR_ON_SINGLE_VALUED_KEY: rule("SECURITY_WARNING", "Set operator on a single-valued key", "ForAllValues holds when the key is missing, so on a single-valued key an Allow can hold for every request."),
    EMPTY_ARRAY: rule("WARNING", "Empty list", "An empty Action or Resource list matches nothing; an empty condition list tests nothing."),
    EMPTY_CONDITION: rule("SUGGESTION", "Empty Condition", "A Condition block or operator that tests no key says nothing."),
    WILDCARD_WITHOUT_LIKE: rule("WARNING", "Wildcard in an Equals test", "Only the Like operators read * and ? as wildcards; Equals compares them literally."),
    // Security.
    ADMIN_ACCESS: rule("SECURITY_WARNING", "Administrator access", "\"Action\": \"*\" on \"Resource\": \"*\" grants everything, now and later."),
    ALLOW_NOT_ACTION: rule("SECURITY_WARNING", "Allow with NotAction", "It grants every other action of every service, including ones AWS adds later."),
    ALLOW_NOT_RESOURCE: rule("WARNING", "Allow with NotResource", "It grants the actions on every other resource, including ones created later."),
    SERVICE_WILDCARD: rule("SECURITY_WARNING", "Whole-service wildcard", "svc:* grants every action of the service, Permissions management ones included."),
    PASS_ROLE_WILDCARD: rule("SECURITY_WARNING", "iam:PassRole on every role", "The holder can hand any role, an administrator's included, to a service."),
    PASS_ROLE_WITHOUT_SERVICE: rule("SUGGESTION", "iam:PassRole to any service", "Without iam:PassedToService, the role can be passed to any service."),
    PRIVILEGE_ESCALATION: rule("SECURITY_WARNING", "Privilege escalation", "The actions together let the holder grant themselves more than the policy does."),
    DATA_EXFILTRATION: rule("SECURITY_WARNING", "Data read on every resource", "Actions that read data, on \"*\", reach every bucket, secret, parameter or key of the account."),
    RESOURCE_EXPOSURE: rule("SECURITY_WARNING", "Access to resources can be changed", "Permissions management actions can change who may access the resources, outside the account included."),
    KMS_ANY_KEY: rule("SECURITY_WARNING", "KMS on every key", "Decrypting with any key decrypts whatever any key protects."),
    MISSING_COMPANION: rule("SUGGESTION", "Missing companion action", "The actions look like a known job's calls, but one it needs is missing, so the job fails at run time."),
    // Verification: what a result does against what was asked (source/verification).
    INTENDED_NOT_ALLOWED: rule("ERROR", "Asked for, not allowed", "An action the request asks for, on its resource with its conditions met, is not allowed."),
    EXCLUDED_ALLOWED: rule("ERROR", "Ruled out, allowed", "An action the request rules out (\"but not delete\") is allowed."),
    GUARDRAIL_NOT_DENYING: rule("ERROR", "Deny that does not deny", "An action the request asks to deny is not denied by a Deny where the request's requirement fails."),
    CONDITION_NOT_REQUIRED: rule("ERROR", "Condition that does not matter", "The request is allowed without a condition the user asked for (MFA, region, source IP, tag)."),
    GUARDRAIL_TOO_BROAD: rule("WARNING", "Deny beyond its condition", "The Deny also denies where the request's requirement holds or outside its scope."),
    NARROWING_WIDENED: rule("ERROR", "Narrowing that widens", "A follow-up that asked to narrow allows something the policy did not allow before."),
    REFERENCE_DISAGREES: rule("WARNING", "Differs from the reference", "The policy decides a request differently from the reference policy it is measured against.")
} as const satisfies Record<string, FindingRule>;

export type FindingCode = keyof typeof FINDING_RULES;

/** The rule of a code, or undefined for a code that is not in the table. */
export function findingRule(code: string): FindingRule | undefined {
    return Object.hasOwn(FINDING_RULES, code) ? FINDING_RULES[code as FindingCode] : undefined;
}
