import YAML from "yaml";
import {checkPolicyText, JsonSyntaxError, parseJsonStrict} from "../policy/index.js";
import type {PolicyDocument} from "../policy/types.js";
import {ImportError} from "./importErrors.js";
import {CLOUDFORMATION_TAGS, isTemplate, readCloudFormationPolicy} from "./readCloudFormation.js";
import {readTerraformPolicy} from "./readTerraform.js";

/** A Terraform file starts its top-level blocks with one of these words. */
const TERRAFORM_BLOCK = /^\s*(data|resource|variable|locals|provider|terraform|output|module)\s+("|\{)/m;

/**
 * The policy a file holds: policy JSON, or what iam-gen exports (YAML, a CloudFormation template in
 * YAML or JSON, Terraform), checked as `iam-gen validate` checks it. Throws ImportError with one line
 * saying why not.
 */
export function readPolicyFile(text: string): PolicyDocument {
    const content = text.replace(/^\uFEFF/, "");
    if (content.trim() === "")
        throw new ImportError("the file is empty");
    if (/^\s*[{[]/.test(content)) {
        let parsed: unknown;
        try {
            parsed = parseJsonStrict(content).value;
        } catch (error) {
            if (!(error instanceof JsonSyntaxError))
                throw error;
            throw new ImportError(`it is not valid JSON: ${error.message}`);
        }
        // The policy's own text is checked, so that what only the text shows (a key given twice) is found.
        return isTemplate(parsed) ? checkedValue(readCloudFormationPolicy(parsed)) : checked(content);
    }
    if (TERRAFORM_BLOCK.test(content))
        return checkedValue(readTerraformPolicy(content));
    let parsed: unknown;
    try {
        parsed = YAML.parse(content, {customTags: CLOUDFORMATION_TAGS, prettyErrors: false, uniqueKeys: true});
    } catch (error) {
        throw new ImportError(`it is neither JSON, YAML nor Terraform (${(error as Error).message.split("\n")[0]})`);
    }
    if (isTemplate(parsed))
        return checkedValue(readCloudFormationPolicy(parsed));
    if (typeof parsed === "object" && parsed != null && "Statement" in parsed)
        return checkedValue(parsed);
    throw new ImportError("it holds no policy: no Statement, CloudFormation IAM resource or Terraform aws_iam_policy_document");
}

/** A value read from YAML or Terraform, checked as its JSON; a value JSON cannot hold (YAML aliases that loop) is refused. */
function checkedValue(value: unknown): PolicyDocument {
    let json: string;
    try {
        json = JSON.stringify(value);
    } catch {
        throw new ImportError("it refers to itself (a YAML alias inside its own anchor)");
    }
    return checked(json);
}

function checked(json: string): PolicyDocument {
    let result: ReturnType<typeof checkPolicyText>;
    try {
        result = checkPolicyText(json);
    } catch (error) {
        // Deeper than any policy (the strict reader's limit).
        if (error instanceof JsonSyntaxError)
            throw new ImportError(error.message);
        throw error;
    }
    const {policy, keyProblems, report} = result;
    if (keyProblems.length > 0)
        throw new ImportError(`it has keys AWS rejects (${keyProblems.map((problem) => problem.path).join(", ")})`);
    const errors = report.findings.filter((finding) => finding.severity === "ERROR");
    if (errors.length > 0)
        throw new ImportError(`it is not a valid policy: ${errors[0]!.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}`);
    return policy as PolicyDocument;
}
