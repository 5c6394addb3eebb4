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
        // IDs are hexadecimal: a hyphenated word is no VPC.
        expect(hint("Allow deploying only VPC-connected Lambda functions", "vpc")).toBeUndefined();
        expect(hint("Allow S3 only through vpce-endpoints", "vpcEndpoint")).toBeUndefined();
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
        expect(hint("Allow S3 reads until 2026-12-31", "timeWindow")).toMatchObject({operator: "DateLessThan", values: ["2026-12-31T23:59:59Z"]});
        expect(hint("Allow S3 reads before 2026-12-31", "timeWindow")).toMatchObject({operator: "DateLessThan", values: ["2026-12-31T00:00:00Z"]});
        expect(hint("Allow only t2.micro and t3.micro instance types to be launched", "instanceType"))
            .toMatchObject({key: "ec2:InstanceType", values: ["t2.micro", "t3.micro"]});
    });

    it("gives time windows as full ISO 8601 date-times for aws:CurrentTime", () => {
        const window = (request: string) => conditions(request).filter((condition) => condition.kind === "timeWindow").map((condition) => [condition.operator, ...condition.values]);
        expect(window("Let the auditors read CloudTrail from 2027-02-01 to 2027-02-28")).toEqual([["DateGreaterThan", "2027-02-01T00:00:00Z"], ["DateLessThan", "2027-02-28T23:59:59Z"]]);
        expect(window("Grant Glue access until September 15, 2027")).toEqual([["DateLessThan", "2027-09-15T23:59:59Z"]]);
        expect(window("Allow Athena queries starting 3rd of May 2027")).toEqual([["DateGreaterThan", "2027-05-03T00:00:00Z"]]);
        expect(window("Allow Lambda deploys on 2027-04-10 between 8:30 am and 4 pm")).toEqual([["DateGreaterThan", "2027-04-10T08:30:00Z"], ["DateLessThan", "2027-04-10T16:00:00Z"]]);
        expect(window("Allow deleting 3 to 4 snapshots")).toEqual([]);
        expect(window("Allow the nightly export job to read DynamoDB")).toEqual([]);
    });

    it("says a daily window cannot be expressed instead of giving clock times", () => {
        for (const request of ["Allow EC2 operations only between 9 AM and 6 PM UTC", "Let support staff read tickets in S3 from 8am to 8pm on weekdays", "Allow Redshift queries during office hours", "Allow S3 writes from 7am-7pm"]) {
            const windows = conditions(request).filter((condition) => condition.kind === "timeWindow");
            expect(windows, request).toHaveLength(1);
            expect(windows[0]).toMatchObject({operator: "Unsupported", values: []});
            expect(windows[0]!.note).toMatch(/cannot express a daily recurrence/);
        }
    });

    it("takes a region written anywhere outside an ARN, with the operator the statement tests", () => {
        expect(hint("Let the batch job describe Glue tables in ap-southeast-2", "region")).toMatchObject({operator: "StringEquals", values: ["ap-southeast-2"]});
        expect(hint("now keep it to eu-north-1", "region")).toMatchObject({operator: "StringEquals", values: ["eu-north-1"]});
        expect(hint("restrict the role to ca-central-1", "region")).toMatchObject({operator: "StringEquals"});
        expect(hint("Block all actions in regions other than eu-west-3", "region")).toMatchObject({operator: "StringNotEquals", values: ["eu-west-3"]});
        expect(hint("Keep the sandbox to eu-west-2 only. Deny every action in any other region.", "region")).toMatchObject({operator: "StringNotEquals", values: ["eu-west-2"]});
        expect(hint("Deny all API calls made in ap-east-1", "region")).toMatchObject({operator: "StringEquals", values: ["ap-east-1"]});
        expect(hint("Allow reading arn:aws:sqs:us-east-2:123456789012:jobs", "region")).toBeUndefined();
    });

    it("leaves the sentence's punctuation out of tag values", () => {
        expect(hint("Allow stopping instances tagged Stage=qa.", "resourceTag")).toMatchObject({key: "aws:ResourceTag/Stage", values: ["qa"]});
        expect(hint("Allow stopping instances tagged owner=ops-team, nothing else", "resourceTag")).toMatchObject({values: ["ops-team"]});
    });

    it("recognises PassRole to a service and the caller's own user", () => {
        expect(hint("Allow passing roles to lambda", "passedToService")).toMatchObject({key: "iam:PassedToService", values: ["lambda.amazonaws.com"]});
        expect(hint("Allow passing the role arn:aws:iam::123456789012:role/app to EC2", "passedToService")).toMatchObject({values: ["ec2.amazonaws.com"]});
        expect(hint("Deny access to S3 buckets outside the organization o-abc123xyz", "organization")).toMatchObject({key: "aws:ResourceOrgID", operator: "StringEquals", values: ["o-abc123xyz"]});
        expect(hint("Deny S3 requests from principals outside the organization o-abc123xyz", "organization")).toMatchObject({key: "aws:PrincipalOrgID"});
        expect(hint("Allow a user to change their own password", "selfUser")).toMatchObject({values: ["${aws:username}"]});
    });

    it("finds none in a plain request", () => {
        expect(conditions("Allow reading objects from the S3 bucket reports")).toEqual([]);
    });
});
