import fs from "node:fs";
import path from "node:path";
import {describe, expect, it} from "vitest";
import {exportPolicy, readPolicyFile} from "../../source/export/index.js";
import type {PolicyDocument} from "../../source/policy/types.js";
import {currentRevision} from "../../source/tui/state/sessionState.js";
import {sidePanelSections} from "../../source/tui/view/sidePanelSections.js";
import {createHarness, lastNotice} from "./harness.js";

const POLICY: PolicyDocument = {Version: "2012-10-17", Statement: [
    {Sid: "ReadReports", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]},
    {Sid: "DenyOtherRegions", Effect: "Deny", NotAction: "iam:*", Resource: "*", Condition: {StringNotEquals: {"aws:RequestedRegion": ["eu-west-1", "us-east-1"]}}}
]};

describe("/open and /export", () => {
    it("opens a Terraform export as revision 1, named after the file", async () => {
        const {controller, directory} = await createHarness();
        fs.writeFileSync(path.join(directory, "reports-read.tf"), exportPolicy(POLICY, "terraform", {request: "read reports", account: "123456789012", region: "eu-west-1"}));
        await controller.submit("/open reports-read.tf");
        const state = controller.getState();
        expect(lastNotice(controller)).toBe("opened reports-read.tf as revision 1; describe how to change it");
        expect(state.revisions).toHaveLength(1);
        expect(currentRevision(state)!.policy).toEqual(readPolicyFile(JSON.stringify(POLICY)));
        expect(controller.firstRequest).toBe("reports-read");
    });

    it("refuses a bad file in one line and leaves the session as it was", async () => {
        const {controller, directory} = await createHarness();
        await controller.submit("Allow reading the reports bucket");
        const before = controller.getState().revisions;
        const files: Record<string, string> = {
            "empty.json": "",
            "broken.json": "{\"Statement\": [",
            "note.yaml": "shopping: [milk, eggs]\n",
            "unknown.json": JSON.stringify({Statement: [{Effect: "Allow", Action: "nosuchservice:Read", Resource: "*"}]}),
            "no-default.tf": "variable \"account\" {}\ndata \"aws_iam_policy_document\" \"x\" {\n  statement {\n    actions   = [\"s3:GetObject\"]\n    resources = [\"arn:aws:s3:::b-${var.account}/*\"]\n  }\n}\n",
            "function.tf": "data \"aws_iam_policy_document\" \"x\" {\n  statement {\n    actions   = jsonencode([\"s3:GetObject\"])\n  }\n}\n",
            "ref.yaml": "Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: s3:GetObject\n            Resource: !Ref Bucket\n",
            "two.yaml": "Resources:\n  A:\n    Type: AWS::IAM::ManagedPolicy\n    Properties: {PolicyDocument: {Statement: []}}\n  B:\n    Type: AWS::IAM::ManagedPolicy\n    Properties: {PolicyDocument: {Statement: []}}\n"
        };
        for (const [name, text] of Object.entries(files))
            fs.writeFileSync(path.join(directory, name), text);
        fs.mkdirSync(path.join(directory, "folder"));
        const reasons: string[] = [];
        for (const name of [...Object.keys(files), "missing.json", "folder"]) {
            await controller.submit(`/open ${name}`);
            reasons.push(lastNotice(controller)!);
            expect(controller.getState().revisions).toBe(before);
        }
        expect(reasons).toEqual([
            "cannot open empty.json: the file is empty",
            expect.stringMatching(/^cannot open broken\.json: it is not valid JSON: /),
            "cannot open note.yaml: it holds no policy: no Statement, CloudFormation IAM resource or Terraform aws_iam_policy_document",
            expect.stringMatching(/^cannot open unknown\.json: it is not a valid policy: .*nosuchservice/),
            "cannot open no-default.tf: line 5: var.account has no default value to read",
            expect.stringMatching(/^cannot open function\.tf: line 3: /),
            "cannot open ref.yaml: P uses Ref, whose value is not in the file; write the value instead",
            "cannot open two.yaml: the template has 2 IAM policies (A, B); open one at a time",
            "cannot open missing.json: no such file",
            "cannot open folder: it is a folder"
        ]);
        for (const reason of reasons)
            expect(reason).not.toContain("\n");
    });

    it("exports the current policy with the configured account and region as variables, and the side panel says where", async () => {
        const {controller, directory, store} = await createHarness();
        store.setFromText("accountId", "123456789012");
        store.setFromText("region", "eu-west-1");
        fs.writeFileSync(path.join(directory, "start.json"), JSON.stringify({Version: "2012-10-17", Statement: [{Sid: "ReadOrders", Effect: "Allow", Action: "dynamodb:GetItem", Resource: "arn:aws:dynamodb:eu-west-1:123456789012:table/orders"}]}));
        await controller.submit("/export terraform");
        expect(lastNotice(controller)).toBe("no policy to export yet");
        await controller.submit("/open start.json");
        await controller.submit("/export hcl");
        expect(lastNotice(controller)).toMatch(/^unknown format "hcl"; \/export <format> \[path\], the formats: json, yaml, terraform/);

        await controller.submit("/export terraform");
        const file = path.join(directory, "policies", "start.tf");
        expect(lastNotice(controller)).toBe("exported policies/start.tf");
        const text = fs.readFileSync(file, "utf8");
        expect(text).toContain("\"arn:${data.aws_partition.current.partition}:dynamodb:${var.region}:${var.account_id}:table/orders\"");
        expect(readPolicyFile(text)).toEqual(readPolicyFile(JSON.stringify(currentRevision(controller.getState())!.policy)));
        const state = controller.getState();
        expect(state.lastExport).toBe("policies/start.tf");
        const panel = sidePanelSections({context: null, result: state.shown, rag: true, engine: "catalog", lastExport: state.lastExport});
        expect(panel.find((section) => section.title === "Last export")?.items).toEqual(["policies/start.tf"]);

        // An existing file is replaced only when the user says so.
        const asked = controller.submit("/export terraform");
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(controller.getState().confirm).toBe("policies/start.tf exists. Overwrite it? (y/n)");
        controller.answer(false);
        await asked;
        expect(lastNotice(controller)).toBe("not exported: policies/start.tf kept as it was");
    });
});
