import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {retrieve} from "../../source/retrieval/index.js";

const catalog = loadCatalog();
const targets = (request: string) => retrieve(request, {catalog}).services.filter((service) => service.role === "target").map((service) => service.prefix).sort();
const principals = (request: string) => retrieve(request, {catalog}).services.filter((service) => service.role === "principal").map((service) => service.prefix);

describe("service detection", () => {
    it("finds prefixes, catalog names, joined names and curated aliases, with the words that matched", () => {
        const context = retrieve("Read from Amazon DynamoDB, fetch secrets from Secrets Manager and push images to the container registry", {catalog});
        expect(context.services.map((service) => service.prefix)).toEqual(["dynamodb", "secretsmanager", "ecr"]);
        expect(context.services[0]!.matched).toEqual(["Amazon DynamoDB"]);
        expect(context.services[2]!.matched).toEqual(["container registry"]);
        expect(targets("Allow reading SecretsManager secrets")).toEqual(["secretsmanager"]);
        expect(targets("Give read access to Sage Maker endpoints")).toEqual(["sagemaker"]);
        expect(targets("Allow reading parameters from parameter store")).toEqual(["ssm"]);
        expect(targets("Let me assume role Admin")).toEqual(["sts"]);
    });

    it("covers services beyond the popular ones through the catalog's names", () => {
        expect(targets("Allow reading AWS Ground Station contacts")).toEqual(["groundstation"]);
        expect(targets("Allow listing Amazon Managed Blockchain networks")).toEqual(["managedblockchain"]);
        expect(targets("Allow describing Amazon Keyspaces tables")).toEqual(["cassandra"]);
    });

    it("tells the principal from the targets", () => {
        const request = "Allow a Lambda function to read from DynamoDB table users and write logs to CloudWatch";
        expect(targets(request)).toEqual(["dynamodb", "logs"]);
        expect(principals(request)).toEqual(["lambda"]);
        expect(targets("Allow invoking the Lambda function process-orders")).toEqual(["lambda"]);
        expect(principals("Lambda execution role that can read from DynamoDB table user-sessions")).toEqual(["lambda"]);
        expect(principals("ECS task execution role that allows pulling images from ECR")).toEqual(["ecs"]);
        expect(principals("I need a policy for its ECS task. It reads the SQS queue jobs.")).toEqual(["ecs"]);
        expect(principals("Our EC2 instances need to read objects from the S3 bucket assets")).toEqual(["ec2"]);
        expect(principals("Allow a Step Functions state machine to invoke the Lambda function resize")).toEqual(["states"]);
        expect(principals("My Lambda reads from the S3 bucket data and writes to DynamoDB")).toEqual(["lambda"]);
        expect(principals("Create a policy for my Lambda to read from S3")).toEqual(["lambda"]);
        expect(principals("Grant the Glue job read access to the S3 bucket raw")).toEqual(["glue"]);
        expect(principals("Create a policy for S3 that allows reading the bucket logs")).toEqual([]);
    });

    it("keeps a lone actor as the target, since a policy must grant something", () => {
        expect(targets("Allow EC2 instances that are tagged with Team=backend to be started and stopped")).toEqual(["ec2"]);
    });

    it("needs context for service names that are also common words", () => {
        expect(targets("Allow uploading objects to the logs bucket")).toEqual(["s3"]);
        expect(targets("Allow assuming any role in the organization")).toEqual(["sts"]);
        expect(targets("Read the batch of records from the DynamoDB table events")).toEqual(["dynamodb"]);
        expect(targets("Create a backup of the S3 bucket config-files")).toEqual(["s3"]);
        expect(targets("Security audit with read-only access across IAM, CloudTrail, Config and GuardDuty")).toEqual(["cloudtrail", "config", "guardduty", "iam"]);
        expect(targets("Allow submitting jobs to AWS Batch")).toEqual(["batch"]);
        expect(targets("Allow read-only access to Cost Explorer and budgets")).toEqual(["budgets", "ce"]);
        expect(targets("Let the data pipeline put objects in s3://raw-events/incoming/")).toEqual(["s3"]);
        expect(targets("Allow activating pipelines in AWS Data Pipeline")).toEqual(["datapipeline"]);
        // The role ARN is what STS acts on; the receiving service of a passed role is no target either.
        expect(targets("Allow the role to assume the role arn:aws:iam::123456789012:role/ReadOnly")).toEqual(["sts"]);
        expect(targets("Allow passing the role arn:aws:iam::123456789012:role/app to EC2")).toEqual(["iam"]);
    });

    it("lets a resource noun imply the service of a permission request that names none, and only then", () => {
        const launch = retrieve("Permit launching only t3.micro instances", {catalog});
        expect(launch.services).toEqual([{prefix: "ec2", name: "Amazon EC2", role: "target", matched: ["instances"], implied: true}]);
        expect(targets("Allow sending messages to the orders queue")).toEqual(["sqs"]);
        expect(targets("SELECT * FROM users WHERE 1=1; DROP TABLE users; --")).toEqual([]);
        expect(targets("Allow the billing team to view invoices")).toEqual(["invoicing"]);
        expect(targets("Allow reading the secrets table in DynamoDB")).toEqual(["dynamodb"]);
        expect(targets("Allow the Lightsail instance admins to read the S3 bucket logs")).toEqual(expect.arrayContaining(["s3"]));
        expect(retrieve("don't allow deleting objects", {catalog, impliedServices: false}).services).toEqual([]);
    });

    it("does not read services inside identifiers or condition phrases", () => {
        expect(targets("Allow reading objects in the shared-workspace bucket")).toEqual(["s3"]);
        expect(targets("Allow DynamoDB reads on the user-events table")).toEqual(["dynamodb"]);
        expect(targets("Allow access to S3 only from our VPC endpoint vpce-1a2b3c4d")).toEqual(["s3"]);
        expect(targets("Allow uploading to S3 only if objects are server-side encrypted with AWS KMS")).toEqual(["s3"]);
    });

    it("does not take 'an IAM policy for' as a request for IAM", () => {
        expect(targets("Provide an IAM policy for Amazon Connect read only access")).toEqual(["connect"]);
        expect(targets("Allow listing IAM users")).toEqual(["iam"]);
    });

    it("reads CloudWatch as CloudWatch Logs when the sentence is about logs", () => {
        expect(targets("write logs to CloudWatch")).toEqual(["logs"]);
        expect(targets("read CloudWatch metrics and logs")).toEqual(["cloudwatch", "logs"]);
        expect(targets("Allow viewing CloudWatch dashboards")).toEqual(["cloudwatch"]);
    });

    it("finds services of actions written out, such as iam:PassRole", () => {
        const context = retrieve("Allow iam:PassRole only for roles that start with app-", {catalog});
        expect(context.services.map((service) => service.prefix)).toEqual(["iam"]);
        expect(context.candidates[0]!.action).toBe("iam:PassRole");
    });

    it("detects the services of a set of unseen requests", () => {
        const rows = readFileSync(new URL("fixtures/unseen-requests.jsonl", import.meta.url), "utf8").trim().split("\n")
            .map((line) => JSON.parse(line) as {prompt: string; services: string[]});
        let hits = 0;
        let detected = 0;
        let expected = 0;
        for (const row of rows) {
            const found = targets(row.prompt);
            hits += found.filter((service) => row.services.includes(service)).length;
            detected += found.length;
            expected += row.services.length;
        }
        expect(hits / detected).toBeGreaterThanOrEqual(0.9);
        expect(hits / expected).toBeGreaterThanOrEqual(0.9);
    });
    it("takes a common word for its service when the request speaks of that part of the policy", () => {
        expect(targets("now take out the logs bit")).toEqual(["logs"]);
        expect(targets("drop the backup section, keep the rest")).toEqual(["backup"]);
        expect(targets("Read the logs of the nightly run from S3")).toEqual(["s3"]);
    });

    it("takes a common word for its service when a verb before it names one of its actions", () => {
        expect(targets("Block member accounts from leaving the organization")).toEqual(["organizations"]);
        expect(retrieve("Let this account leave the organization", {catalog}).candidates.map((candidate) => candidate.action)).toContain("organizations:LeaveOrganization");
        expect(targets("Allow the team to read the organization chart in S3")).toEqual(["s3"]);
    });
});
