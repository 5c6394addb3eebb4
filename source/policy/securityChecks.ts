import {type CatalogAction} from "../catalog/types.js";
import {type ActionEntry, type AnalyzedStatement, type CheckContext, listNames, qualifiedName} from "./analyze.js";
import {type CatalogLookups} from "./CatalogLookups.js";
import {isKmsDataKeyCall} from "./worksFirstTimeChecks.js";

/**
 * Sets of actions that together let a principal give itself more permissions (after Rhino Security
 * Labs' list, as cloudsplaining uses it). `harmlessWhen`: `"ownUser"` when scoped to `${aws:username}`;
 * `"namedResources"` when every resource is an ARN whose resource part has no wildcard (deploying one
 * named Lambda function runs code as that function's role by design; on `*` it is any function's role).
 */
const ESCALATIONS: ReadonlyArray<{actions: string[]; how: string; harmlessWhen?: "ownUser" | "namedResources"}> = [
    {actions: ["iam:CreatePolicyVersion"], how: "rewrite a managed policy attached to it"},
    {actions: ["iam:SetDefaultPolicyVersion"], how: "switch a managed policy to a more permissive version"},
    {actions: ["iam:AttachUserPolicy"], how: "attach any managed policy, AdministratorAccess included, to a user"},
    {actions: ["iam:AttachGroupPolicy"], how: "attach any managed policy to a group it belongs to"},
    {actions: ["iam:AttachRolePolicy"], how: "attach any managed policy to a role"},
    {actions: ["iam:PutUserPolicy"], how: "write an inline policy granting anything to a user"},
    {actions: ["iam:PutGroupPolicy"], how: "write an inline policy granting anything to a group"},
    {actions: ["iam:PutRolePolicy"], how: "write an inline policy granting anything to a role"},
    {actions: ["iam:AddUserToGroup"], how: "add a user to a more privileged group"},
    {actions: ["iam:CreateAccessKey"], how: "create access keys for other users", harmlessWhen: "ownUser"},
    {actions: ["iam:CreateLoginProfile"], how: "set a console password for other users", harmlessWhen: "ownUser"},
    {actions: ["iam:UpdateLoginProfile"], how: "change other users' console passwords", harmlessWhen: "ownUser"},
    {actions: ["iam:UpdateAssumeRolePolicy"], how: "let itself assume a more privileged role"},
    {actions: ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], how: "run code as any role it can pass"},
    {actions: ["iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"], how: "run code as any role it can pass"},
    {actions: ["lambda:UpdateFunctionCode"], how: "run its own code as an existing function's role", harmlessWhen: "namedResources"},
    {actions: ["iam:PassRole", "ec2:RunInstances"], how: "start an instance with a more privileged role"},
    {actions: ["iam:PassRole", "cloudformation:CreateStack"], how: "create resources as a more privileged role"},
    {actions: ["iam:PassRole", "glue:CreateDevEndpoint"], how: "open a Glue endpoint with a more privileged role"},
    {actions: ["glue:UpdateDevEndpoint"], how: "take over a Glue endpoint's role"},
    {actions: ["iam:PassRole", "datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition"], how: "run commands as a more privileged role"},
    {actions: ["iam:PassRole", "sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"], how: "open a notebook with a more privileged role"},
    {actions: ["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"], how: "run a build as a more privileged role"},
    {actions: ["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"], how: "run a task as a more privileged role"}
];

/** Allow statements that grant more than they should: admin, service wildcards, PassRole, escalation, exfiltration, exposure, NotAction/NotResource. */
export function checkSecurity(context: CheckContext) {
    const allows = context.statements.filter((statement) => statement.effect === "Allow");
    for (const statement of allows) {
        checkBroadStatement(statement, context);
        checkPassRole(statement, context);
    }
    const escalating = checkEscalation(allows, context);
    for (const statement of allows) {
        checkDataAccess(statement, context);
        checkResourceExposure(statement, escalating, context);
    }
}

function unrestricted(statement: AnalyzedStatement, lookups: CatalogLookups) {
    return statement.resourceField === "NotResource" || statement.resources.some((resource) => lookups.isUnrestrictedArn(resource.value));
}

function checkBroadStatement(statement: AnalyzedStatement, {lookups, report}: CheckContext) {
    if (statement.actionField === "NotAction") {
        report({
            code: "ALLOW_NOT_ACTION",
            severity: unrestricted(statement, lookups) ? "SECURITY_WARNING" : "WARNING",
            message: "Allow with NotAction grants every other action of every service, including ones AWS adds later",
            path: statement.actionPath!,
            fix: "List the allowed actions in Action instead"
        });
    }
    if (statement.resourceField === "NotResource")
        report({
            code: "ALLOW_NOT_RESOURCE",
            severity: "WARNING",
            message: "Allow with NotResource grants the actions on every other resource, including ones created later",
            path: statement.resourcePath!,
            fix: "List the allowed resources in Resource instead"
        });
    for (const entry of statement.actionField === "Action" ? statement.entries : []) {
        if (entry.value === "*") {
            if (statement.anyResource && statement.conditions.length === 0)
                report({code: "ADMIN_ACCESS", severity: "SECURITY_WARNING", message: "\"Action\": \"*\" on \"Resource\": \"*\" grants full administrator access", path: entry.path, fix: "Grant only the actions the task needs"});
            continue;
        }
        if (!entry.serviceWide || entry.actions.length === 0)
            continue;
        const {permissionsManagement: permissions, writes} = lookups.traits(entry.actions);
        if (permissions.length === 0 && writes.length === 0)
            continue;
        const examples = (permissions.length > 0 ? permissions : writes).slice(0, 3).map(qualifiedName);
        report({
            code: "SERVICE_WILDCARD",
            severity: permissions.length > 0 ? "SECURITY_WARNING" : "WARNING",
            message: `"${entry.value}" grants all ${entry.actions.length} actions of the service, ${permissions.length > 0 ? `${permissions.length} of them Permissions management` : `${writes.length} of them Write`} (e.g. ${listNames(examples)})`,
            path: entry.path,
            fix: "List the actions the task needs"
        });
    }
}

function checkPassRole(statement: AnalyzedStatement, {lookups, report}: CheckContext) {
    const entry = grantingEntry(statement, lookups.expand("iam:PassRole")[0], undefined);
    if (entry == null)
        return;
    const limitedToService = statement.conditions.some((condition) => condition.key.toLowerCase() === "iam:passedtoservice");
    const anyRole = statement.resourceField === "NotResource" || statement.resources.some((resource) => lookups.isUnrestrictedArn(resource.value));
    if (anyRole)
        report({
            code: "PASS_ROLE_WILDCARD",
            severity: limitedToService ? "WARNING" : "SECURITY_WARNING",
            message: `iam:PassRole on every role lets the holder hand any role, an administrator's included, to ${limitedToService ? "the services in iam:PassedToService" : "any service"}`,
            path: entry.path,
            fix: "Name the role ARNs it may pass (arn:aws:iam::<account>:role/<name>) and add an iam:PassedToService condition"
        });
    else if (!limitedToService)
        report({
            code: "PASS_ROLE_WITHOUT_SERVICE",
            severity: "SUGGESTION",
            message: "iam:PassRole without an iam:PassedToService condition lets the role be passed to any service",
            path: entry.path,
            fix: "Add \"Condition\": {\"StringEquals\": {\"iam:PassedToService\": \"<service>.amazonaws.com\"}}"
        });
}

/** The entry through which an Allow statement grants the action: an explicit name or a narrow pattern (not `*`, not `service:*`). */
function grantingEntry(statement: AnalyzedStatement, action: CatalogAction | undefined, harmlessWhen: "ownUser" | "namedResources" | undefined): ActionEntry | undefined {
    if (action == null || statement.actionField !== "Action")
        return undefined;
    const harmless = harmlessWhen === "ownUser" ? (value: string) => value.includes("${aws:username}")
        // The resource part names one resource; region and account may be wildcards (a policy acts in its own account).
        : harmlessWhen === "namedResources" ? (value: string) => value.startsWith("arn:") && value.split(":").length >= 6 && !/[*?]/.test(value.split(":").slice(5).join(":"))
            : undefined;
    if (harmless != null && statement.resourceField === "Resource" && statement.resources.length > 0 && statement.resources.every((resource) => harmless(resource.value)))
        return undefined;
    return statement.entriesByService.get(action.service)?.find((entry) => !entry.serviceWide && entry.actions.includes(action));
}

function checkEscalation(allows: AnalyzedStatement[], {lookups, report}: CheckContext): Set<string> {
    const reported = new Set<string>();
    for (const escalation of ESCALATIONS) {
        const entries = escalation.actions.map((action) => {
            for (const statement of allows) {
                const entry = grantingEntry(statement, lookups.expand(action)[0], escalation.harmlessWhen);
                if (entry != null)
                    return entry;
            }
            return undefined;
        });
        if (entries.some((entry) => entry == null))
            continue;
        for (const action of escalation.actions)
            reported.add(action.toLowerCase());
        report({
            code: "PRIVILEGE_ESCALATION",
            severity: "SECURITY_WARNING",
            message: `${listNames(escalation.actions)} ${escalation.actions.length > 1 ? "together let" : "lets"} the holder ${escalation.how}: privilege escalation`,
            path: entries.at(-1)!.path,
            fix: escalation.harmlessWhen === "ownUser" ? "Limit the resource to the caller's own user: arn:aws:iam::<account>:user/${aws:username}" : "Remove these actions, or limit them to specific resources and a condition"
        });
    }
    return reported;
}

function narrowEntries(statement: AnalyzedStatement) {
    return statement.actionField === "Action" ? statement.entries.filter((entry) => !entry.serviceWide) : [];
}

function checkDataAccess(statement: AnalyzedStatement, {lookups, report}: CheckContext) {
    if (!unrestricted(statement, lookups))
        return;
    for (const entry of narrowEntries(statement)) {
        // KMS data-key calls are checked with what scopes them (kms:ViaService, an alias): worksFirstTimeChecks.
        const reads = lookups.traits(entry.actions).dataReads.filter((action) => !isKmsDataKeyCall(action));
        if (reads.length === 0)
            continue;
        report({
            code: "DATA_EXFILTRATION",
            severity: statement.conditions.length === 0 ? "SECURITY_WARNING" : "WARNING",
            message: `${entry.wildcard ? `"${entry.value}" includes ${listNames(reads.map(qualifiedName))}, which read` : `${entry.value} reads`} data on every resource of the service${statement.conditions.length > 0 ? " matching the conditions" : ""}`,
            path: entry.path,
            fix: "Name the resources (bucket, secret, parameter, key ARNs) instead of \"*\""
        });
    }
}

function checkResourceExposure(statement: AnalyzedStatement, escalating: Set<string>, {lookups, report}: CheckContext) {
    const broad = unrestricted(statement, lookups);
    for (const entry of narrowEntries(statement)) {
        const permissions = lookups.traits(entry.actions).permissionsManagement;
        const exposing = escalating.size === 0 ? permissions : permissions.filter((action: CatalogAction) => !escalating.has(qualifiedName(action).toLowerCase()));
        if (exposing.length === 0)
            continue;
        report({
            code: "RESOURCE_EXPOSURE",
            severity: broad ? "SECURITY_WARNING" : "WARNING",
            message: `${entry.wildcard ? `"${entry.value}" includes ${listNames(exposing.map(qualifiedName))}, Permissions management actions that` : `${entry.value} is a Permissions management action that`} can change who may access ${broad ? "any" : "these"} resources`,
            path: entry.path,
            fix: broad ? "Name the resources it may change instead of \"*\"" : "Make sure the holder should control access to these resources"
        });
    }
}
