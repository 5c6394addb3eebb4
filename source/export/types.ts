export const EXPORT_FORMATS = ["json", "yaml", "terraform", "cloudformation", "cdk-ts", "cdk-py"] as const;
export type ExportFormat = typeof EXPORT_FORMATS[number];

/** What an exported policy is named after and which ARN parts become the target's variables. */
export interface ExportContext {
    /** The request the policy answers: resource names and the description come from it. */
    request: string;
    /** The account (12 digits) whose ARNs name it through a variable or pseudo-parameter; others stay literal. */
    account?: string;
    /** The region whose ARNs name it through a variable or pseudo-parameter. */
    region?: string;
}

/** The file name ending each format is written with. */
export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
    "json": ".json",
    "yaml": ".yaml",
    "terraform": ".tf",
    "cloudformation": ".yaml",
    "cdk-ts": ".ts",
    "cdk-py": ".py"
};

/** A policy that cannot be written faithfully in a format (a string the target would rewrite). */
export class ExportError extends Error {}
