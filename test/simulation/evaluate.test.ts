import {describe, expect, it} from "vitest";
import type {PolicyDocument, PolicyStatement} from "../../source/policy/types.js";
import {CompiledPolicies, decide, evaluate, evaluateDecision, type SimulationRequest} from "../../source/simulation/index.js";

const policy = (...statements: PolicyStatement[]): PolicyDocument => ({Version: "2012-10-17", Statement: statements});
const allowAll: PolicyStatement = {Effect: "Allow", Action: "*", Resource: "*"};
const get = (resource = "arn:aws:s3:::reports/2024/a.csv", context?: SimulationRequest["context"]): SimulationRequest =>
    ({action: "s3:GetObject", resource, ...(context != null ? {context} : {})});

describe("evaluation rules", () => {
    // Policy evaluation logic: "By default, all requests are implicitly denied".
    it("denies implicitly when no statement applies", () => {
        const result = evaluate(policy({Effect: "Allow", Action: "s3:PutObject", Resource: "*"}), get());
        expect(result.decision).toBe("implicitDeny");
        expect(result.deniedBy).toEqual(["identity"]);
        expect(result.decisive).toEqual([]);
    });

    // "An explicit allow in an identity-based policy overrides this default."
    it("allows when an Allow statement applies, naming it", () => {
        const result = evaluate(policy({Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*"}), get());
        expect(result).toMatchObject({decision: "allowed", decisive: [{document: "identity", index: 0, sid: "Read"}]});
    });

    // "An explicit deny in any policy overrides any allows."
    it("lets an explicit Deny win over any Allow, naming the Deny", () => {
        const result = evaluate(policy(allowAll, {Sid: "NoReports", Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::reports/*"}), get());
        expect(result).toMatchObject({decision: "explicitDeny", decisive: [{index: 1, sid: "NoReports"}]});
    });

    // Action element: "action names are case-insensitive"; wildcards * and ? are allowed.
    it("matches action names case-insensitively, with * and ?", () => {
        expect(decide(policy({Effect: "Allow", Action: "S3:get*", Resource: "*"}), get())).toBe("allowed");
        expect(decide(policy({Effect: "Allow", Action: "s3:GetObjec?", Resource: "*"}), get())).toBe("allowed");
        expect(decide(policy({Effect: "Allow", Action: "s3:Get?", Resource: "*"}), get())).toBe("implicitDeny");
    });

    // NotAction: "matches everything except the specified list of actions".
    it("applies NotAction to every action except those listed", () => {
        const notIam = policy({Effect: "Allow", NotAction: "iam:*", Resource: "*"});
        expect(decide(notIam, get())).toBe("allowed");
        expect(decide(notIam, {action: "iam:CreateUser", resource: "*"})).toBe("implicitDeny");
        const result = evaluate(notIam, {action: "iam:CreateUser"});
        expect(result.documents[0]!.statements[0]!.action).toMatchObject({matched: false, entry: "iam:*"});
    });

    // Resource element: ARNs are matched case-sensitively, each colon-separated segment on its own.
    it("matches resources case-sensitively and segment by segment", () => {
        expect(decide(policy({Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::Reports/*"}), get())).toBe("implicitDeny");
        const ec2 = policy({Effect: "Allow", Action: "ec2:StartInstances", Resource: "arn:aws:ec2:us-*:*:instance/*"});
        expect(decide(ec2, {action: "ec2:StartInstances", resource: "arn:aws:ec2:us-east-1:123456789012:instance/i-1"})).toBe("allowed");
        // A * in the region segment does not reach across the colon into the account.
        const regionOnly = policy({Effect: "Allow", Action: "ec2:StartInstances", Resource: "arn:aws:ec2:*:123456789012:instance/*"});
        expect(decide(regionOnly, {action: "ec2:StartInstances", resource: "arn:aws:ec2:us-east-1:999:123456789012:instance/i-1"})).toBe("implicitDeny");
    });

    // NotResource: "matches every resource except those specified".
    it("applies NotResource to every resource except those listed", () => {
        const others = policy({Effect: "Allow", Action: "s3:*", NotResource: "arn:aws:s3:::secret/*"});
        expect(decide(others, get())).toBe("allowed");
        expect(decide(others, get("arn:aws:s3:::secret/key"))).toBe("implicitDeny");
    });

    it("treats a request without a resource as the literal * (wildcard-only actions need Resource \"*\")", () => {
        expect(decide(policy({Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*"}), {action: "s3:ListAllMyBuckets"})).toBe("allowed");
        expect(decide(policy({Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "arn:aws:s3:::*"}), {action: "s3:ListAllMyBuckets"})).toBe("implicitDeny");
    });

    it("reports per statement why it did not apply, stopping at the first element that fails", () => {
        const result = evaluate(policy(
            {Effect: "Allow", Action: "s3:PutObject", Resource: "*"},
            {Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::other/*"},
            {Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: {Bool: {"aws:SecureTransport": "true"}, StringEquals: {"aws:PrincipalTag/team": "ops"}}}
        ), get(undefined, {"aws:SecureTransport": "true"}));
        const [first, second, third] = result.documents[0]!.statements;
        expect(first).toMatchObject({applies: false, action: {matched: false}});
        expect(first!.resource).toBeUndefined();
        expect(second).toMatchObject({applies: false, action: {matched: true}, resource: {matched: false}});
        expect(third!.conditions).toMatchObject([{operator: "Bool", satisfied: true}, {operator: "StringEquals", satisfied: false}]);
        expect(third!.conditions![1]!.reason).toContain("missing");
    });
});

describe("compiling", () => {
    it("reads a document at each call, so a change between calls is seen", () => {
        const document = policy({Effect: "Allow", Action: "s3:GetObject", Resource: "*"});
        expect(decide(document, get())).toBe("allowed");
        (document.Statement as PolicyStatement[])[0]!.Effect = "Deny";
        expect(decide(document, get())).toBe("explicitDeny");
    });

    it("answers many requests from policies compiled once, as from the documents", () => {
        const set = {identity: policy(allowAll), scps: [policy({Effect: "Allow", Action: "s3:*", Resource: "*"})]};
        const compiled = new CompiledPolicies(set);
        for (const action of ["s3:GetObject", "ec2:RunInstances"])
            expect(evaluate(compiled, {action})).toEqual(evaluate(set, {action}));
        expect(evaluateDecision(compiled, {action: "ec2:RunInstances"})).toEqual({decision: "implicitDeny", decisive: [], deniedBy: ["scp"]});
    });
});

describe("policy layers", () => {
    const identity = policy(allowAll);

    // Permissions boundaries: "the effective permissions are the intersection of the identity-based policy and the boundary".
    it("needs the permissions boundary to allow too", () => {
        const boundary = policy({Effect: "Allow", Action: "s3:*", Resource: "*"});
        expect(decide({identity, boundary}, get())).toBe("allowed");
        const result = evaluate({identity, boundary}, {action: "ec2:RunInstances"});
        expect(result).toMatchObject({decision: "implicitDeny", deniedBy: ["boundary"]});
    });

    it("does not let a boundary grant what the identity policy does not", () => {
        expect(decide({identity: policy(), boundary: policy(allowAll)}, get())).toBe("implicitDeny");
    });

    // SCPs: "an SCP must allow at every level"; a Deny in an SCP overrides any allow.
    it("needs every SCP to allow, and an SCP's Deny denies", () => {
        const allowS3 = policy({Effect: "Allow", Action: "s3:*", Resource: "*"});
        expect(decide({identity, scps: [policy(allowAll), allowS3]}, get())).toBe("allowed");
        expect(evaluate({identity, scps: [policy(allowAll), allowS3]}, {action: "ec2:RunInstances"})).toMatchObject({decision: "implicitDeny", deniedBy: ["scp"]});
        const denyGet = policy(allowAll, {Sid: "NoGet", Effect: "Deny", Action: "s3:GetObject", Resource: "*"});
        expect(evaluate({identity, scps: [denyGet]}, get())).toMatchObject({decision: "explicitDeny", decisive: [{document: "scp[0]", sid: "NoGet"}]});
    });

    // Session policies: "the resulting session's permissions are the intersection of the identity-based policies and the session policies".
    it("needs the session policy to allow too", () => {
        const session = policy({Effect: "Allow", Action: "s3:GetObject", Resource: "*"});
        expect(decide({identity, session}, get())).toBe("allowed");
        expect(evaluate({identity, session}, {action: "s3:PutObject", resource: "*"})).toMatchObject({decision: "implicitDeny", deniedBy: ["session"]});
    });

    it("treats several identity policies as one layer: any of them may allow", () => {
        const result = evaluate({identity: [policy(), policy({Effect: "Allow", Action: "s3:GetObject", Resource: "*"})]}, get());
        expect(result).toMatchObject({decision: "allowed", decisive: [{document: "identity[1]", index: 0}]});
    });

    it("names the allowing statement of every layer when allowed", () => {
        const result = evaluate({identity, boundary: policy({Sid: "B", Effect: "Allow", Action: "s3:*", Resource: "*"})}, get());
        expect(result.decisive).toEqual([{document: "identity", index: 0}, {document: "boundary", index: 0, sid: "B"}]);
    });
});
