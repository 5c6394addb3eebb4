import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {afterAll, describe, expect, it} from "vitest";
import {canonicalPolicy} from "../export/roundTrip/canonical.js";
import {terraformPolicy} from "../export/roundTrip/terraform.js";
import {TmuxSession} from "./TmuxSession.js";

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const tui = path.join(packageRoot, "dist", "bundle", "tui.js");
const haveTmux = TmuxSession.available();

const STARTING_POLICY = {Version: "2012-10-17", Statement: [
    {Sid: "ReportsReadWrite", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: "arn:aws:s3:::reports/*"},
    {Sid: "ReportsList", Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::reports"},
    {Sid: "OrdersTable", Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"], Resource: "arn:aws:dynamodb:eu-west-1:123456789012:table/orders"}
]};

/** The policy pane's JSON as the screen shows it: the left column of every row from `{` to the `}` that closes it. */
function shownPolicy(screen: string): unknown {
    const rows = screen.split("\n").map((row) => row.split("│")[0]!.trimEnd());
    const start = rows.findIndex((row) => row === "{");
    const end = rows.findIndex((row, index) => index > start && row === "}");
    return JSON.parse(rows.slice(start, end + 1).join("\n"));
}

const sessions: TmuxSession[] = [];
afterAll(() => sessions.forEach((session) => session.kill()));

describe.skipIf(!haveTmux)("iam-gen-tui: from a policy file to Terraform", () => {
    it("opens a policy file, refines it twice, exports Terraform that hcl2json parses into the policy shown", async () => {
        const directory = fs.mkdtempSync(path.join(os.tmpdir(), "iam-gen-export-e2e-"));
        fs.writeFileSync(path.join(directory, "start.json"), JSON.stringify(STARTING_POLICY, null, 2));
        const session = TmuxSession.start({command: [process.execPath, tui], columns: 160, rows: 48, cwd: directory, env: {IAM_GEN_CONFIG_DIR: path.join(directory, "config")}});
        sessions.push(session);
        await session.waitFor((screen) => screen.includes("catalog engine"), "the catalog engine");

        session.keys("/open start.json", "Enter");
        await session.waitFor((screen) => screen.includes("revision 1/1"), "the opened policy");
        session.keys("make it read-only", "Enter");
        await session.waitFor((screen) => screen.includes("revision 2/2"), "the read-only revision");
        session.keys("remove everything on DynamoDB", "Enter");
        const refined = await session.waitFor((screen) => screen.includes("revision 3/3"), "the revision without DynamoDB");
        const shown = shownPolicy(refined);
        expect(JSON.stringify(shown)).not.toMatch(/s3:PutObject|s3:DeleteObject|dynamodb:/);
        // Each step said what it changed in what the policy allows.
        const transcript = session.capture({history: true});
        expect(transcript).toMatch(/removed\s+s3:PutObject on arn:aws:s3:::reports\/\*/);
        expect(transcript).toMatch(/removed\s+dynamodb:GetItem on arn:aws:dynamodb:eu-west-1:123456789012:table\/orders/);

        session.keys("/export terraform out/final.tf", "Enter");
        // The notice, and the side panel's last export.
        await session.waitFor((screen) => screen.includes("exported out/final.tf") && /│ Last export\s*\n.*│ out\/final\.tf/.test(screen), "the export");
        const written = await terraformPolicy(fs.readFileSync(path.join(directory, "out", "final.tf"), "utf8"));
        expect(canonicalPolicy(written)).toEqual(canonicalPolicy(shown as never));
    }, 120_000);
});
