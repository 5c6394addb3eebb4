import {createReadStream, statSync} from "node:fs";
import {createInterface} from "node:readline";
import {Command} from "commander";
import chalk from "chalk";
import {loadCatalog} from "../../catalog/index.js";
import {validateSchema} from "../../policy/schema.js";
import type {PolicyDocument} from "../../policy/types.js";
import {CompiledPolicies, describeEvaluation, evaluate, evaluateDecision, isActionName, parseContextPairs, type Evaluation, type PolicySet, type RequestContext, type SimulationRequest} from "../../simulation/index.js";
import {CliError} from "../CliError.js";
import {printable} from "../../text/printable.js";
import {inputName} from "../readInput.js";
import {readPolicyText} from "./validate.js";


interface SimulateOptions {
    action?: string;
    resource?: string;
    context: string[];
    boundary?: string;
    scp: string[];
    session?: string;
    requests?: string;
    json?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * `iam-gen simulate <policy|-> --action A [--resource ARN] [--context key=value …] [--boundary FILE] [--scp FILE…] [--session FILE] [--json]`:
 * AWS's decision for one request, offline, with the statements that decided it; exit 0 allowed, 1 denied, 2 bad input.
 * With `--requests FILE` (JSON lines), one decision per line; exit 0 when every line was answered, 2 when one was not.
 */
export function simulateCommand() {
    return new Command("simulate")
        .description("decide whether a policy allows a request, as AWS would, offline (exit 0 allowed, 1 denied, 2 bad input)")
        .argument("<policy>", "the identity policy JSON file, or - for standard input")
        .option("--action <action>", "the request's action, e.g. s3:GetObject")
        .option("--resource <arn>", "the request's resource ARN (default *: an action that names no resource)")
        .option("--context <key=value>", "a request context value (repeat a key for a multivalued key)", collect, [] as string[])
        .option("--boundary <file>", "a permissions boundary policy")
        .option("--scp <file>", "a service control policy (repeatable: each must allow)", collect, [] as string[])
        .option("--session <file>", "a session policy")
        .option("--requests <file>", "many requests, one JSON object {action, resource?, context?} per line (- for standard input)")
        .option("--json", "print the decision and its evidence as JSON")
        .exitOverride()
        .action(async (policyFile: string, options: SimulateOptions) => {
            if ((options.action == null) === (options.requests == null))
                throw new CliError("give either --action or --requests");
            if (policyFile === "-" && options.requests === "-")
                throw new CliError("the policy and the requests cannot both come from standard input");
            const policies = await readPolicySet(policyFile, options);
            if (options.requests != null) {
                const unanswered = await answerRequests(new CompiledPolicies(policies), options.requests, options.json === true);
                process.exitCode = unanswered > 0 ? 2 : 0;
                return;
            }
            const request = singleRequest(options);
            const result = evaluate(policies, request);
            console.log(options.json ? printable(JSON.stringify({request, ...result}, null, 2), {keepNewlines: true}) : formatEvaluation(request, result));
            process.exitCode = result.decision === "allowed" ? 0 : 1;
        });
}

async function readPolicySet(policyFile: string, options: SimulateOptions): Promise<PolicySet> {
    return {
        identity: await readPolicy(policyFile),
        ...(options.boundary != null ? {boundary: await readPolicy(options.boundary)} : {}),
        ...(options.scp.length > 0 ? {scps: await Promise.all(options.scp.map(readPolicy))} : {}),
        ...(options.session != null ? {session: await readPolicy(options.session)} : {})
    };
}

/** A policy document from a file or standard input (read as validate reads it), refused unless AWS would accept it. */
export async function readPolicy(file: string): Promise<PolicyDocument> {
    const name = printable(inputName(file));
    const text = await readPolicyText(file);
    let policy: unknown;
    try {
        policy = JSON.parse(text);
    } catch (error) {
        throw new CliError(`${name} is not valid JSON: ${(error as Error).message}`);
    }
    const problem = validateSchema(policy)[0];
    if (problem != null)
        throw new CliError(`${name} is not an identity policy AWS accepts: ${problem.message} (${problem.path})`);
    return policy as PolicyDocument;
}

function singleRequest(options: SimulateOptions): SimulationRequest {
    const action = options.action!;
    if (!isActionName(action))
        throw new CliError(`--action ${JSON.stringify(action)} is not service:Action (e.g. s3:GetObject)`);
    return {action, resource: options.resource ?? "*", context: parseContext(options.context)};
}

function parseContext(pairs: readonly string[]): RequestContext {
    try {
        return parseContextPairs(pairs, loadCatalog);
    } catch (error) {
        throw new CliError(`--context ${(error as Error).message}`);
    }
}

/** Answers each JSON line with one JSON line; returns how many lines could not be answered. */
async function answerRequests(policies: CompiledPolicies, file: string, withEvidence: boolean): Promise<number> {
    const input = openRequests(file);
    let unanswered = 0;
    let lineNumber = 0;
    let pending: string[] = [];
    for await (const line of createInterface({input, crlfDelay: Infinity})) {
        lineNumber++;
        if (line.trim() === "")
            continue;
        const parsed = parseRequestLine(line);
        if (typeof parsed === "string") {
            unanswered++;
            pending.push(printable(JSON.stringify({line: lineNumber, error: parsed})));
        } else {
            pending.push(printable(JSON.stringify({line: lineNumber, ...parsed, ...(withEvidence ? evaluate(policies, parsed) : evaluateDecision(policies, parsed))})));
        }
        if (pending.length >= 1000) {
            process.stdout.write(`${pending.join("\n")}\n`);
            pending = [];
        }
    }
    if (pending.length > 0)
        process.stdout.write(`${pending.join("\n")}\n`);
    return unanswered;
}

function openRequests(file: string): NodeJS.ReadableStream {
    if (file === "-")
        return process.stdin;
    let directory: boolean;
    try {
        directory = statSync(file).isDirectory();
    } catch (error) {
        throw new CliError((error as NodeJS.ErrnoException).code === "ENOENT" ? `${file}: no such file` : `cannot read ${file}: ${(error as Error).message}`);
    }
    if (directory)
        throw new CliError(`${file} is a directory`);
    return createReadStream(file);
}

/** A request from one JSON line, or why it is not one. */
function parseRequestLine(line: string): SimulationRequest | string {
    let value: unknown;
    try {
        value = JSON.parse(line);
    } catch (error) {
        return `not JSON: ${(error as Error).message}`;
    }
    if (value == null || typeof value !== "object" || Array.isArray(value))
        return "a request is an object {action, resource?, context?}";
    const {action, resource, context} = value as Record<string, unknown>;
    if (typeof action !== "string" || !isActionName(action))
        return "action must be service:Action, e.g. s3:GetObject";
    if (resource != null && typeof resource !== "string")
        return "resource must be a string";
    if (context != null && (typeof context !== "object" || Array.isArray(context)
        || !Object.values(context).every((entry) => typeof entry === "string" || (Array.isArray(entry) && entry.every((item) => typeof item === "string")))))
        return "context must map keys to a string or a list of strings";
    return {action, resource: resource ?? "*", ...(context != null ? {context: context as RequestContext} : {})};
}

const STYLE = {allowed: chalk.green, denied: chalk.red, dim: chalk.dim, bold: chalk.bold};

function formatEvaluation(request: SimulationRequest, result: Evaluation): string {
    return describeEvaluation(request, result, STYLE).join("\n");
}
