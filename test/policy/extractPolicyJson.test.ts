import {describe, expect, it} from "vitest";
import {extractPolicyJson} from "../../source/policy/index.js";

const policy = {Version: "2012-10-17", Statement: [{Effect: "Allow", Action: "s3:GetObject", Resource: "*"}]};
const text = JSON.stringify(policy, null, 2);

describe("extractPolicyJson", () => {
    it("takes the whole text when it parses", () => {
        expect(extractPolicyJson(`  ${text}\n`)).toEqual({value: policy, exact: true});
    });

    it("takes a code fence", () => {
        expect(extractPolicyJson(`Here it is:\n\`\`\`json\n${text}\n\`\`\`\nIt grants reads.`)).toEqual({value: policy, exact: false});
        expect(extractPolicyJson(`\`\`\`\n${text}\n\`\`\``)).toEqual({value: policy, exact: false});
    });

    it("takes the first balanced object in prose, ignoring braces inside strings", () => {
        const withBrace = {...policy, Id: "a } brace"};
        expect(extractPolicyJson(`Sure! ${JSON.stringify(withBrace)}\n\n### Instruction: more`)).toEqual({value: withBrace, exact: false});
        expect(extractPolicyJson(`{not json} then ${text}`)).toEqual({value: policy, exact: false});
    });

    it("does not mistake a statement inside a truncated policy for the policy", () => {
        expect(extractPolicyJson(text.slice(0, -10))).toBeNull();
        expect(extractPolicyJson("{\"")).toBeNull();
    });

    it("returns null without an object", () => {
        expect(extractPolicyJson("")).toBeNull();
        expect(extractPolicyJson("I cannot help with that.")).toBeNull();
        expect(extractPolicyJson("[1, 2]")).toBeNull();
    });
});
