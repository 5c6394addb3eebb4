import {describe, expect, it} from "vitest";
import {arnProblem, globsIntersect, parseArn, patternTokens, templateTokens} from "../../source/policy/arn.js";
import {editDistance} from "../../source/policy/editDistance.js";

describe("ARN helpers", () => {
    it("parses ARNs with variables holding colons", () => {
        expect(parseArn("arn:aws:iam::${aws:PrincipalAccount}:user/${aws:username}")).toEqual({partition: "aws", service: "iam", region: "", account: "*", resource: "user/*"});
        expect(parseArn("arn:aws:logs:us-east-1:123456789012:log-group:/a:log-stream:b")?.resource).toBe("log-group:/a:log-stream:b");
    });

    it("says what is wrong with a malformed ARN", () => {
        expect(arnProblem("*")).toBeUndefined();
        expect(arnProblem("arn:aws:s3:::bucket")).toBeUndefined();
        expect(arnProblem("arn:aws-cn:ec2:cn-north-1:123456789012:instance/*")).toBeUndefined();
        expect(arnProblem("bucket")).toMatch(/arn:/);
        expect(arnProblem("arn:aws:s3")).toMatch(/six parts/);
        expect(arnProblem("arn:amazon:s3:::b")).toMatch(/partition/);
        expect(arnProblem("arn:aws:dynamodb:us-east-1:1234:table/t")).toMatch(/account/);
        expect(arnProblem("arn:aws:dynamodb:virginia:123456789012:table/t")).toMatch(/Region/);
    });

    it("intersects glob patterns", () => {
        const template = templateTokens("${BucketName}/${ObjectName}");
        expect(globsIntersect(patternTokens("reports/*"), template)).toBe(true);
        expect(globsIntersect(patternTokens("reports"), template)).toBe(false);
        expect(globsIntersect(patternTokens("*"), template)).toBe(true);
        expect(globsIntersect(patternTokens("table/*"), templateTokens("table/${TableName}/index/${IndexName}"))).toBe(true);
        expect(globsIntersect(patternTokens("table/users"), templateTokens("table/${TableName}/index/${IndexName}"))).toBe(false);
        expect(globsIntersect(patternTokens("a?c"), patternTokens("abc"))).toBe(true);
        // A bucket name holds no slash, because the object type continues the template with one.
        expect(globsIntersect(patternTokens("reports/*"), templateTokens("${BucketName}"))).toBe(true);
        expect(globsIntersect(patternTokens("reports/*"), templateTokens("${BucketName}", true))).toBe(false);
        expect(globsIntersect(patternTokens("reports*"), templateTokens("${BucketName}", true))).toBe(true);
    });

    it("measures edit distance with transpositions", () => {
        expect(editDistance("getobjekt", "getobject")).toBe(1);
        expect(editDistance("getobjcet", "getobject")).toBe(1);
        expect(editDistance("", "abc")).toBe(3);
    });
});
