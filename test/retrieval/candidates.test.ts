import {describe, expect, it} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {rankCandidates, retrieve} from "../../source/retrieval/index.js";

const catalog = loadCatalog();
const actions = (request: string) => retrieve(request, {catalog}).candidates.map((candidate) => candidate.action);

describe("candidate actions", () => {
    it("answers the issue's first example: reads on the table, log writes, no DynamoDB write", () => {
        const context = retrieve("Allow a Lambda function to read from DynamoDB table users and write logs to CloudWatch", {catalog});
        const names = context.candidates.map((candidate) => candidate.action);
        expect(names).toEqual(expect.arrayContaining([
            "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:BatchGetItem",
            "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"
        ]));
        const dynamodbLevels = context.candidates.filter((candidate) => candidate.service === "dynamodb").flatMap((candidate) => candidate.accessLevels);
        expect(dynamodbLevels).not.toContain("Write");
        expect(names.length).toBeLessThanOrEqual(15);
        for (const candidate of context.candidates) {
            expect(catalog.action(candidate.action), candidate.action).toBeDefined();
            expect(candidate.reason).not.toBe("");
            expect(candidate.accessLevel).toBe(catalog.action(candidate.action)!.accessLevels.join(", "));
        }
        expect(context.candidates.map((candidate) => candidate.score)).toEqual([...context.candidates.map((candidate) => candidate.score)].sort((a, b) => b - a));
    });

    it("answers the issue's second example: start and stop, terminate excluded", () => {
        const context = retrieve("Allow a user to start and stop EC2 instances but not terminate them", {catalog});
        expect(context.candidates.map((candidate) => candidate.action)).toEqual(expect.arrayContaining(["ec2:StartInstances", "ec2:StopInstances"]));
        expect(context.candidates.map((candidate) => candidate.action)).not.toContain("ec2:TerminateInstances");
        expect(context.excluded).toContainEqual({action: "ec2:TerminateInstances", reason: expect.stringContaining("terminate")});
    });

    it("matches verbs on action names and ranks the best noun fit first", () => {
        expect(actions("Allow sending and receiving messages from SQS queue named task-queue")).toEqual(expect.arrayContaining(["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"]));
        expect(actions("Allow publishing messages to the SNS topic order-notifications")[0]).toBe("sns:Publish");
        expect(actions("Allow invoking a specific Lambda function named process-orders")[0]).toBe("lambda:InvokeFunction");
        expect(actions("Allow a user to upload files to the S3 bucket named data-uploads")[0]).toBe("s3:PutObject");
        expect(actions("Allow managing Lambda function event source mappings")).toEqual(expect.arrayContaining([
            "lambda:CreateEventSourceMapping", "lambda:DeleteEventSourceMapping", "lambda:UpdateEventSourceMapping"
        ]));
        expect(actions("Allow describing EC2 instances, security groups, and VPCs")).toEqual(expect.arrayContaining([
            "ec2:DescribeInstances", "ec2:DescribeSecurityGroups", "ec2:DescribeVpcs"
        ]));
    });

    it("gives each object listed its own best matches", () => {
        expect(actions("Deny creating IAM users or access keys")).toEqual(expect.arrayContaining(["iam:CreateUser", "iam:CreateAccessKey"]));
    });

    it("falls back to the verb's access level when no action carries its name", () => {
        expect(actions("Let EC2 instances pull config from AppConfig")).toContain("appconfig:GetConfiguration");
    });

    it("knows the verbs the catalog's action names start with, beyond the vocabulary", () => {
        expect(actions("Allow renewing ACM certificates")).toEqual(["acm:RenewCertificate"]);
        expect(actions("Allow failing over the Aurora cluster orders")).toContain("rds:FailoverDBCluster");
    });

    it("falls back to the catalog's descriptions when names and levels find nothing", () => {
        const intent = {service: "guardduty", effect: "Allow" as const, access: [], verbs: ["silence"], negated: {access: [], verbs: []}, matched: ["silence"], nouns: ["finding"]};
        const {candidates} = rankCandidates(catalog, [intent], []);
        expect(candidates.length).toBeGreaterThan(0);
        for (const candidate of candidates) {
            expect(candidate.reason).toMatch(/description mentions/);
            expect(catalog.action(candidate.action)!.description).toMatch(/finding/i);
        }
    });

    it("keeps an action written out even when a later sentence seems to rule it out", () => {
        expect(actions("Allow iam:PassRole only for roles that start with app-. This prevents users from passing admin roles to services.")).toEqual(["iam:PassRole"]);
    });

    it("uses the usual action set where no action is named after the verb", () => {
        expect(actions("ECS task execution role that allows pulling Docker images from ECR")).toEqual(expect.arrayContaining([
            "ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"
        ]));
        expect(actions("Allow viewing CloudWatch dashboards")).toEqual(["cloudwatch:GetDashboard", "cloudwatch:ListDashboards"]);
        expect(actions("Allow an IAM user to change their own password")).toEqual(["iam:ChangePassword", "iam:GetAccountPasswordPolicy"]);
        expect(actions("Allow the EKS cluster admins to describe clusters and node groups")).toEqual(["eks:DescribeCluster", "eks:DescribeNodegroup"]);
        expect(actions("Allow the user to view billing information")).toEqual(expect.arrayContaining(["billing:GetBillingData", "billing:GetBillingDetails"]));
        // Deploying updates an existing function: its code, configuration, versions and aliases, not CreateFunction.
        expect(actions("Give the CI role permission to deploy the Lambda function api-handler")).toEqual(expect.arrayContaining([
            "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration", "lambda:PublishVersion", "lambda:UpdateAlias"
        ]));
    });

    it("prefers actions on the resource type named", () => {
        const streams = actions("Allow DynamoDB Streams read access for the user-events table");
        expect(streams).toContain("dynamodb:DescribeStream");
        expect(actions("Allow read access to the DynamoDB table orders")).not.toContain("dynamodb:DescribeStream");
    });

    it("keeps read intents to Read and List actions", () => {
        const context = retrieve("Read-only access to the Kinesis stream clicks", {catalog});
        expect(context.candidates.length).toBeGreaterThan(0);
        for (const candidate of context.candidates)
            expect(candidate.accessLevels.some((level) => level === "Read" || level === "List"), candidate.action).toBe(true);
    });

    it("gives the service wildcard for full access", () => {
        const context = retrieve("Grant full EC2 access but only in the us-east-1 region", {catalog});
        expect(context.candidates).toHaveLength(1);
        expect(context.candidates[0]).toMatchObject({action: "ec2:*", service: "ec2", effect: "Allow"});
    });

    it("marks the candidates of a deny request as Deny", () => {
        const context = retrieve("Prevent anyone from deleting CloudTrail trails or stopping CloudTrail logging", {catalog});
        expect(context.candidates.map((candidate) => candidate.action)).toEqual(expect.arrayContaining(["cloudtrail:DeleteTrail", "cloudtrail:StopLogging"]));
        expect(new Set(context.candidates.map((candidate) => candidate.effect))).toEqual(new Set(["Deny"]));
    });

    it("lists negated actions as excluded, not as candidates", () => {
        const context = retrieve("Allow a developer to manage security groups but not delete security groups", {catalog});
        expect(context.excluded.map((entry) => entry.action)).toContain("ec2:DeleteSecurityGroup");
        expect(context.candidates.map((candidate) => candidate.action)).not.toContain("ec2:DeleteSecurityGroup");
    });

    it("binds a verb to its direct object: deleting objects in a bucket is DeleteObject first", () => {
        const ranked = actions("Let the cleanup job delete objects from the S3 bucket tmp-exports");
        expect(ranked[0]).toBe("s3:DeleteObject");
        expect(ranked.indexOf("s3:DeleteObject")).toBeLessThan(ranked.indexOf("s3:DeleteBucket") < 0 ? Infinity : ranked.indexOf("s3:DeleteBucket"));
        expect(actions("Permit removing S3 buckets")[0]).toBe("s3:DeleteBucket");
        // The head of "Lambda function event source mappings" is the mapping, not the function.
        expect(actions("Let ops administer Lambda function event source mappings")[0]).toMatch(/EventSourceMapping/);
        // Objects listed with "and" are all the verb's objects.
        expect(actions("Let the platform team create and edit EventBridge rules and targets")).toEqual(expect.arrayContaining(["events:PutRule", "events:PutTargets"]));
        // What is ruled out does not steer what is asked for.
        expect(actions("Allow listing buckets and getting any bucket's location, but never reading objects")).not.toContain("s3:GetObject");
    });

    it("reads 'write to a queue' as writing into it, not creating, deleting or purging it", () => {
        const ranked = actions("The ingest service must write to the SQS queue raw-events");
        expect(ranked[0]).toBe("sqs:SendMessage");
        for (const lifecycle of ["sqs:CreateQueue", "sqs:DeleteQueue", "sqs:PurgeQueue", "sqs:TagQueue"])
            expect(ranked).not.toContain(lifecycle);
    });

    it("returns nothing for junk", () => {
        for (const junk of ["", "   ", "🙂🙂🙂", "SELECT * FROM users; DROP TABLE users;--", "Bonjour, comment ça va ?", "x".repeat(20_000)]) {
            const context = retrieve(junk, {catalog});
            expect(context.candidates, junk.slice(0, 20)).toEqual([]);
            expect(context.services).toEqual([]);
        }
    });
});
