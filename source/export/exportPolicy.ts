import YAML from "yaml";
import {formatPolicy} from "../policy/normalizePolicy.js";
import type {PolicyDocument} from "../policy/types.js";
import {toCdkPython, toCdkTypeScript} from "./cdk.js";
import {toCloudFormation} from "./cloudformation.js";
import {toTerraform} from "./terraform.js";
import {EXPORT_FORMATS, type ExportContext, type ExportFormat} from "./types.js";

const WRITERS: Record<ExportFormat, (policy: PolicyDocument, context: ExportContext) => string> = {
    "json": (policy) => `${formatPolicy(policy)}\n`,
    // YAML 1.1 rules for quoting: "2012-10-17" stays a string for 1.1 readers too.
    "yaml": (policy) => new YAML.Document(policy, {version: "1.1"}).toString({lineWidth: 0}),
    "terraform": toTerraform,
    "cloudformation": toCloudFormation,
    "cdk-ts": toCdkTypeScript,
    "cdk-py": toCdkPython
};

/** One policy document in one format; throws ExportError when the format cannot say the same thing. */
export function exportPolicy(policy: PolicyDocument, format: ExportFormat, context: ExportContext): string {
    return WRITERS[format](policy, context);
}

export function isExportFormat(text: string): text is ExportFormat {
    return (EXPORT_FORMATS as readonly string[]).includes(text);
}
