import type {PolicyDocument} from "../../source/policy/types.js";

/**
 * About 9,000 characters over eight statements that share neither actions nor resources (nothing
 * merges) and no NotAction (few probes to compare): a quick policy to split in two managed policies.
 */
export function archiveRolePolicy(withSids = false): PolicyDocument {
    const actions = ["GetObject", "PutObject", "DeleteObject", "GetObjectTagging", "PutObjectTagging", "GetObjectAcl", "PutObjectAcl", "RestoreObject"];
    return {Version: "2012-10-17", Statement: actions.map((action, team) => ({
        ...withSids ? {Sid: `Team${team}`} : {},
        Effect: "Allow", Action: `s3:${action}`,
        Resource: Array.from({length: 24}, (_, index) => `arn:aws:s3:::team-${team}-archive/quarterly-reports/${index}/*`)
    }))};
}
