import type {ExportContext} from "../../../source/export/index.js";

/** What CloudFormation's pseudo-parameters are when a stack deploys in the context's account and region. */
export function pseudoParameters(context: ExportContext): Record<string, string | undefined> {
    return {"AWS::Partition": "aws", "AWS::AccountId": context.account, "AWS::Region": context.region};
}

/** A synthesised value with CDK's tokens (Ref of pseudo-parameters, Fn::Join) evaluated in the context's account and region. */
export function resolveCloudFormation(value: unknown, context: ExportContext): unknown {
    if (Array.isArray(value))
        return value.map((item) => resolveCloudFormation(item, context));
    if (typeof value !== "object" || value == null)
        return value;
    const record = value as Record<string, unknown>;
    if ("Ref" in record) {
        const resolved = pseudoParameters(context)[record.Ref as string];
        if (resolved == null)
            throw new Error(`unresolved Ref ${String(record.Ref)}`);
        return resolved;
    }
    if ("Fn::Join" in record) {
        const [separator, parts] = record["Fn::Join"] as [string, unknown[]];
        return parts.map((part) => resolveCloudFormation(part, context)).join(separator);
    }
    return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, resolveCloudFormation(item, context)]));
}
