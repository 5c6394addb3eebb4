import {type Catalog} from "../catalog/Catalog.js";
import {loadCatalog} from "../catalog/loadCatalog.js";
import {checkActions} from "./actionChecks.js";
import {analyzeStatements, type CheckContext} from "./analyze.js";
import {CatalogLookups} from "./CatalogLookups.js";
import {checkConditions} from "./conditionChecks.js";
import {checkDocument} from "./documentChecks.js";
import {isRecord, PolicyView} from "./PolicyView.js";
import {checkResources} from "./resourceChecks.js";
import {validateSchema} from "./schema.js";
import {checkSecurity} from "./securityChecks.js";
import {policySize} from "./size.js";
import {type JsonKeyProblem, parseJsonStrict} from "./strictJson.js";
import {checkWorksFirstTime} from "./worksFirstTimeChecks.js";
import {type CheckReport, type Finding, SEVERITIES, type SizeTarget} from "./types.js";

export interface CheckOptions {
    /** Where the policy will be attached, for the size quota; `managed` by default. */
    sizeTarget?: SizeTarget;
    /** The catalog to check against; the shared one by default. */
    catalog?: Catalog;
}

/**
 * Checks any value as an identity policy: grammar, then the catalog (actions, ARNs, condition keys),
 * then security, then size. Never throws: whatever the input, the problems come back as findings,
 * most severe first. `valid` means no ERROR.
 */
export function checkPolicy(policy: unknown, options: CheckOptions = {}): CheckReport {
    const findings = validateSchema(policy);
    if (isRecord(policy)) {
        const view = new PolicyView(policy);
        const lookups = CatalogLookups.for(options.catalog ?? loadCatalog());
        const context: CheckContext = {view, lookups, statements: analyzeStatements(view, lookups), report: (finding) => findings.push(finding)};
        checkDocument(context);
        checkActions(context);
        checkResources(context);
        checkConditions(context);
        checkSecurity(context);
        checkWorksFirstTime(context);
    }
    const size = policySize(policy, options.sizeTarget ?? "managed");
    if (!size.withinLimit)
        findings.push({
            code: "POLICY_SIZE_EXCEEDED",
            severity: "ERROR",
            message: `the policy has ${size.characters} characters (whitespace excluded), over the ${size.limit} AWS allows for a ${size.target === "managed" ? "managed policy" : `${size.target}'s inline policies`}`,
            path: "$",
            fix: "Use wildcards for families of actions (s3:Get*), merge statements, or split into several policies"
        });
    return {valid: !findings.some((finding) => finding.severity === "ERROR"), findings: sortFindings(findings), size};
}

/**
 * Checks the text of a policy: parsed strictly (see parseJsonStrict), so duplicate keys, which AWS
 * rejects and JSON.parse silently resolves, and prototype keys, left out of the value, are ERROR findings.
 * Throws JsonSyntaxError when the text is not JSON.
 */
export function checkPolicyText(text: string, options: CheckOptions = {}): {policy: unknown; keyProblems: JsonKeyProblem[]; report: CheckReport} {
    const {value, problems} = parseJsonStrict(text);
    const report = checkPolicy(value, options);
    if (problems.length === 0)
        return {policy: value, keyProblems: problems, report};
    const findings = sortFindings([...problems.map(keyFinding), ...report.findings]);
    return {policy: value, keyProblems: problems, report: {...report, valid: false, findings}};
}

function keyFinding(problem: JsonKeyProblem): Finding {
    return problem.kind === "duplicate"
        ? {code: "DUPLICATE_KEY", severity: "ERROR", message: `"${problem.key}" is given twice in the same object: AWS rejects the policy, and JSON readers silently keep the last value`, path: problem.path, fix: `Keep one "${problem.key}"`}
        : {code: "PROTOTYPE_KEY", severity: "ERROR", message: `"${problem.key}" is not a policy element; it is left out, never applied`, path: problem.path, fix: `Remove "${problem.key}"`};
}

/** Most severe first; Array.prototype.sort is stable, so each severity keeps the order of the checks. */
function sortFindings(findings: Finding[]): Finding[] {
    return findings.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}
