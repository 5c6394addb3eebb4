import {describe, expect, it} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {retrieve} from "../../source/retrieval/index.js";
import type {ConditionHint} from "../../source/retrieval/types.js";

const catalog = loadCatalog();
const conditions = (request: string): ConditionHint[] => retrieve(request, {catalog}).conditions;
const hint = (request: string, kind: ConditionHint["kind"]) => conditions(request).find((candidate) => candidate.kind === kind);

describe("condition hints", () => {
    it("recognises MFA, for allows and for denies", () => {
        expect(hint("Allow assuming any role but only if MFA is present", "mfa")).toMatchObject({key: "aws:MultiFactorAuthPresent", operator: "Bool", values: ["true"]});
        expect(hint("Deny access to the S3 bucket secrets for everyone without multi-factor authentication", "mfa"))
            .toMatchObject({operator: "BoolIfExists", values: ["false"]});
        expect(hint("Allow users to manage their own MFA device", "mfa")).toBeUndefined();
    });

    it("recognises regions, source IPs, VPC endpoints and VPCs", () => {
        expect(hint("Grant full EC2 access but only in the us-east-1 region", "region")).toMatchObject({key: "aws:RequestedRegion", operator: "StringEquals", values: ["us-east-1"]});
        expect(hint("Deny everything outside us-east-1 and us-west-2", "region")).toMatchObject({operator: "StringNotEquals", values: ["us-east-1", "us-west-2"]});
        expect(hint("Allow S3 reads only from 203.0.113.0/24", "sourceIp")).toMatchObject({key: "aws:SourceIp", operator: "IpAddress", values: ["203.0.113.0/24"]});
        expect(hint("Allow access to S3 only from the VPC endpoint vpce-1a2b3c4d", "vpcEndpoint")).toMatchObject({key: "aws:SourceVpce", values: ["vpce-1a2b3c4d"]});
        expect(hint("Allow managing EC2 instances only within VPC vpc-0abc123", "vpc")).toMatchObject({key: "ec2:Vpc", values: ["arn:aws:ec2:*:*:vpc/vpc-0abc123"]});
        expect(hint("Allow reading DynamoDB only from vpc-0abc123", "vpc")).toMatchObject({key: "aws:SourceVpc", values: ["vpc-0abc123"]});
    });

    it("recognises SSL only, encryption on upload and S3 prefixes", () => {
        expect(hint("Allow S3 read access only if the request uses SSL/TLS", "secureTransport")).toMatchObject({key: "aws:SecureTransport", values: ["true"]});
        expect(hint("Allow uploading objects to the logs bucket only if server-side encrypted with AWS KMS", "encryption"))
            .toMatchObject({key: "s3:x-amz-server-side-encryption", values: ["aws:kms"]});
        expect(hint("Read the bucket reports, only objects under the prefix team/2024/", "s3Prefix")).toMatchObject({key: "s3:prefix", operator: "StringLike", values: ["team/2024/*"]});
    });

    it("recognises resource, request and principal tags", () => {
        expect(hint("Allow invoking any Lambda function that has the tag Environment=staging", "resourceTag"))
            .toMatchObject({key: "aws:ResourceTag/Environment", values: ["staging"]});
        expect(hint("Allow launching EC2 instances only if they are tagged with Environment=development", "requestTag"))
            .toMatchObject({key: "aws:RequestTag/Environment", values: ["development"]});
        expect(hint("Allow reading S3 for principals tagged Team=data", "principalTag")).toMatchObject({key: "aws:PrincipalTag/Team", values: ["data"]});
    });

    it("recognises time windows and instance types", () => {
        const window = conditions("Allow EC2 operations only between 9 AM and 6 PM UTC").filter((condition) => condition.kind === "timeWindow");
        expect(window.map((condition) => [condition.operator, condition.values[0]])).toEqual([["DateGreaterThan", "09:00:00Z"], ["DateLessThan", "18:00:00Z"]]);
        expect(hint("Allow S3 reads until 2026-12-31", "timeWindow")).toMatchObject({operator: "DateLessThan", values: ["2026-12-31T00:00:00Z"]});
        expect(hint("Allow only t2.micro and t3.micro instance types to be launched", "instanceType"))
            .toMatchObject({key: "ec2:InstanceType", values: ["t2.micro", "t3.micro"]});
    });

    it("recognises PassRole to a service and the caller's own user", () => {
        expect(hint("Allow passing roles to lambda", "passedToService")).toMatchObject({key: "iam:PassedToService", values: ["lambda.amazonaws.com"]});
        expect(hint("Allow a user to change their own password", "selfUser")).toMatchObject({values: ["${aws:username}"]});
    });

    it("finds none in a plain request", () => {
        expect(conditions("Allow reading objects from the S3 bucket reports")).toEqual([]);
    });
});
