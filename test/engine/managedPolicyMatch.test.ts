import {describe, expect, test} from "vitest";
import {ManagedPolicyMatcher, nameWords} from "../../source/engine/managedPolicyMatch.js";

const names = ["AmazonS3ReadOnlyAccess", "AmazonS3FullAccess", "ReadOnlyAccess", "IAMReadOnlyAccess", "AWSWAFFullAccess", "AmazonEKS_CNI_Policy", "AdministratorAccess"];
const matcher = new ManagedPolicyMatcher(names.map((name) => ({name, arn: `arn:aws:iam::aws:policy/${name}`})));

describe("ManagedPolicyMatcher", () => {
    test("splits names as they are read, without the vendor words", () => {
        expect(nameWords("AmazonS3ReadOnlyAccess")).toEqual(["s3", "read", "only", "access"]);
        expect(nameWords("AWSWAFFullAccess")).toEqual(["waf", "full", "access"]);
        expect(nameWords("AmazonEKS_CNI_Policy")).toEqual(["eks", "cni"]);
    });

    test("finds the policy a request names, however it is spelled", () => {
        expect(matcher.match("Provide an IAM policy for Amazon S3 Read Only Access")?.policy.name).toBe("AmazonS3ReadOnlyAccess");
        expect(matcher.match("Provide an IAM policy for AWSWAF Full Access")?.policy.name).toBe("AWSWAFFullAccess");
        expect(matcher.match("I want the AmazonS3FullAccess policy")?.policy.name).toBe("AmazonS3FullAccess");
        expect(matcher.match("read only access to s3")?.policy.name).toBe("AmazonS3ReadOnlyAccess");
        // "IAM" is filler in "an IAM policy", but part of this name.
        expect(matcher.match("Provide an IAM policy for IAM Read Only Access")?.policy.name).toBe("IAMReadOnlyAccess");
    });

    test("a name written as AWS spells it inside a longer request is a model of the grant only where the request says so", () => {
        const named = matcher.match("Let the auditors have permissions equivalent to the AmazonS3ReadOnlyAccess managed policy, but only on bucket audit-logs.");
        expect(named?.policy.name).toBe("AmazonS3ReadOnlyAccess");
        expect(named?.inText).toBe(true);
        expect(matcher.match("The IAMReadOnlyAccess policy grants read-only access to users, groups and roles.")?.policy.name).toBe("IAMReadOnlyAccess");
        // Beside the policy, not its model.
        expect(matcher.match("Attach this statement together with the AmazonS3ReadOnlyAccess managed policy so that uploads to bucket drop-box work.")).toBeUndefined();
    });

    test("a request about specific resources is not a managed policy", () => {
        expect(matcher.match("Allow read-only access to S3 bucket customer-data and its objects")).toBeUndefined();
        expect(matcher.match("Allow a Lambda function to read from DynamoDB table users")).toBeUndefined();
        expect(matcher.match("")).toBeUndefined();
        expect(matcher.match("🔥🔥")).toBeUndefined();
    });
});
