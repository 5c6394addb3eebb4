import type {PolicyDocument} from "../policy/types.js";
import type {RetrievalContext} from "../retrieval/types.js";

/**
 * The rules of a good policy. The same text for every request, so that llama.cpp keeps its
 * evaluation in the context cache and only the request part is evaluated each time.
 */
export const SYSTEM_PROMPT = [
    "You write AWS IAM identity-based policies as JSON. Answer with the policy document only.",
    "Rules of a good policy:",
    "- Least privilege: grant only the actions the request needs; never \"*\" as an action, and a service wildcard such as \"s3:*\" only when full access is asked for.",
    "- Use only real actions in the form service:ActionName, in the catalog's exact spelling.",
    "- Scope resources to the ARNs the request names; use \"*\" only for actions that do not support resource-level permissions.",
    "- Put actions on different resources, or with different conditions, in separate statements, each with a short descriptive Sid.",
    "- Use \"Deny\" only when the request asks to deny, prevent or block something.",
    "- Add a Condition only when the request asks for one (MFA, region, IP range, tags, time, encryption), with real condition keys and operators.",
    "- When catalog context is given, prefer its candidate actions, resource ARNs and conditions: they come from the AWS service catalog."
].join("\n");

/** At most this many candidate actions go into the prompt: the best-scored ones, enough to choose from. */
const MAX_CANDIDATES = 40;

export interface PolicyExample {
    name: string;
    document: PolicyDocument;
}

/** The user message for a new request: the request, and with retrieval the catalog context and examples. */
export function requestPrompt(request: string, context: RetrievalContext | null, examples: readonly PolicyExample[] = []): string {
    const parts = [`Request: ${request.trim()}`];
    if (context != null)
        parts.push(contextSection(context));
    for (const example of examples)
        parts.push(`A similar AWS managed policy, ${example.name}, for reference:\n${JSON.stringify(example.document)}`);
    parts.push("Write the policy.");
    return parts.join("\n\n");
}

/** The user message for a follow-up: the model already has the previous policy in the conversation. */
export function refinementPrompt(followUp: string, current: PolicyDocument | null, context: RetrievalContext | null): string {
    const parts = [`Change the policy: ${followUp.trim()}`];
    if (current != null)
        parts.push(`The current policy (after checks and repairs) is:\n${JSON.stringify(current)}`);
    if (context != null && (context.candidates.length > 0 || context.conditions.length > 0 || context.resources.length > 0))
        // Without actions of its own the follow-up changes the policy's statements, whatever its effect:
        // "Also restrict it to us-east-1" reads as a guardrail (Deny) but means a condition on the grants.
        parts.push(contextSection(context, {effect: context.candidates.length > 0}));
    parts.push("Write the complete new policy.");
    return parts.join("\n\n");
}

/** A repair turn: the checks of what was asked that the policy failed, one a line. */
export function repairPrompt(failures: readonly string[]): string {
    return [
        `The policy does not do what was asked; ${failures.length === 1 ? "this check fails" : "these checks fail"}:`,
        ...failures.map((failure) => `- ${failure}`),
        "Write the complete corrected policy."
    ].join("\n");
}

/** The retrieval result as compact facts. */
export function contextSection(context: RetrievalContext, {effect = true}: {effect?: boolean} = {}): string {
    const lines = ["Catalog context:"];
    const targets = context.services.filter((service) => service.role === "target");
    if (targets.length > 0)
        lines.push(`Services: ${targets.map((service) => `${service.prefix} (${service.name})`).join(", ")}`);
    const principals = context.services.filter((service) => service.role === "principal");
    if (principals.length > 0)
        lines.push(`Acting service (the principal, not a target): ${principals.map((service) => service.prefix).join(", ")}`);
    if (effect)
        lines.push(`Effect: ${context.effect}`);
    if (context.candidates.length > 0) {
        lines.push("Candidate actions (access level):");
        for (const candidate of context.candidates.slice(0, MAX_CANDIDATES))
            lines.push(`- ${candidate.action} (${candidate.accessLevel}${candidate.effect !== context.effect ? `, ${candidate.effect}` : ""})`);
    }
    if (context.excluded.length > 0)
        lines.push(`Leave out: ${context.excluded.slice(0, 20).map((excluded) => excluded.action).join(", ")}`);
    if (context.resources.length > 0) {
        lines.push("Resources:");
        for (const resource of context.resources)
            lines.push(`- ${resource.service} ${resource.type}: ${resource.arn}`);
    }
    if (context.conditions.length > 0) {
        lines.push("Conditions:");
        for (const condition of context.conditions)
            lines.push(`- ${condition.operator} ${condition.key} = ${condition.values.join(", ")}`);
    }
    return lines.join("\n");
}
