import {describe, expect, it} from "vitest";
import {loadCatalog} from "../../source/catalog/index.js";
import {buildArn, retrieve} from "../../source/retrieval/index.js";

const catalog = loadCatalog();
const arns = (request: string, options = {}) => retrieve(request, {catalog, ...options}).resources.map((resource) => resource.arn);

describe("resources", () => {
    it("builds ARNs from the catalog's templates", () => {
        const context = retrieve("Allow a Lambda function to read from DynamoDB table users and write logs to CloudWatch", {catalog});
        expect(context.resources).toEqual([{service: "dynamodb", type: "table", arn: "arn:aws:dynamodb:*:*:table/users", matched: ["table users"]}]);
        expect(arns("Allow sending messages to the SQS queue named task-queue")).toEqual(["arn:aws:sqs:*:*:task-queue"]);
        expect(arns("Allow publishing to the SNS topic order-notifications")).toEqual(["arn:aws:sns:*:*:order-notifications"]);
        expect(arns("Read-only access to CloudWatch logs for the log group named /app/production")).toEqual(["arn:aws:logs:*:*:log-group:/app/production"]);
    });

    it("fills account and region from the request, else from the options", () => {
        const context = retrieve("Allow invoking a specific Lambda function named process-orders in us-east-1 for account 123456789012", {catalog});
        expect(context.account).toBe("123456789012");
        expect(context.region).toBe("us-east-1");
        expect(context.resources.map((resource) => resource.arn)).toEqual(["arn:aws:lambda:us-east-1:123456789012:function:process-orders"]);
        expect(arns("Allow sending to the SQS queue jobs", {account: "111122223333", region: "eu-west-1", partition: "aws-cn"}))
            .toEqual(["arn:aws-cn:sqs:eu-west-1:111122223333:jobs"]);
        expect(arns("Allow sending to the SQS queue jobs in eu-central-1", {region: "eu-west-1"})).toEqual(["arn:aws:sqs:eu-central-1:*:jobs"]);
    });

    it("gives a bucket both its bucket and object ARNs, with the prefix asked", () => {
        expect(arns("Allow reading objects from the input-data bucket")).toEqual(["arn:aws:s3:::input-data", "arn:aws:s3:::input-data/*"]);
        expect(arns("Read from the bucket analytics-prod, only objects under the prefix reports/2024/"))
            .toEqual(["arn:aws:s3:::analytics-prod", "arn:aws:s3:::analytics-prod/reports/2024/*"]);
        expect(arns("Allow listing S3 buckets with prefix devops-")).toEqual(["arn:aws:s3:::devops-*", "arn:aws:s3:::devops-*/*"]);
    });

    it("turns name prefixes and paths into wildcards", () => {
        expect(arns("Allow creating and managing SQS queues with names starting with dev- only")).toEqual(["arn:aws:sqs:*:*:dev-*"]);
        expect(arns("Allow iam:PassRole only for roles that start with app- prefix")).toEqual(["arn:aws:iam::*:role/app-*"]);
        expect(arns("Secrets Manager read only for secrets with prefix prod/")).toEqual(["arn:aws:secretsmanager:*:*:secret:prod/*"]);
        expect(arns("Read parameters from Parameter Store under /myservice/config/")).toEqual(["arn:aws:ssm:*:*:parameter/myservice/config/*"]);
        expect(arns("Allow reading secrets under prod/ in Secrets Manager")).toEqual(["arn:aws:secretsmanager:*:*:secret:prod/*"]);
        expect(arns("Allow reading secrets under prod/ in Secrets Manager and parameters under /prod/ in SSM Parameter Store"))
            .toEqual(["arn:aws:secretsmanager:*:*:secret:prod/*", "arn:aws:ssm:*:*:parameter/prod/*"]);
        expect(arns("Allow managing CloudFormation stacks with names starting with dev-")).toEqual(["arn:aws:cloudformation:*:*:stack/dev-*/*"]);
    });

    it("keeps explicit ARNs and names that end with their type", () => {
        const key = "arn:aws:kms:us-east-1:123456789012:key/12345678-1234-1234-1234-123456789012";
        expect(retrieve(`Allow decrypting with the KMS key ${key}`, {catalog}).resources).toEqual([{service: "kms", type: "key", arn: key, matched: [key]}]);
        // The most specific template wins: a bucket's template also reads "bucket/key".
        expect(retrieve("Allow GetObject on arn:aws:s3:::reports/*", {catalog}).resources.map((resource) => resource.type)).toEqual(["object"]);
        expect(arns("Allow receiving from the DLQ named failed-orders-dlq and sending to the main orders-queue"))
            .toEqual(["arn:aws:sqs:*:*:failed-orders-dlq", "arn:aws:sqs:*:*:orders-queue"]);
        expect(arns("Allow assuming a cross-account role in account 987654321098 named DataAnalystRole")).toEqual(["arn:aws:iam::987654321098:role/DataAnalystRole"]);
        expect(arns("Allow writing records to the Firehose delivery stream clickstream")).toEqual(["arn:aws:firehose:*:*:deliverystream/clickstream"]);
        expect(arns("Allow the EKS cluster admins to describe clusters")).toEqual([]);
        // Types the catalog writes as one word, requests as two.
        expect(arns("Allow starting executions of the Step Functions state machine order-flow")).toEqual(["arn:aws:states:*:*:stateMachine:order-flow"]);
        expect(arns("Allow managing Route 53 records in the hosted zone Z123456ABCDEFG")).toEqual(["arn:aws:route53:::hostedzone/Z123456ABCDEFG"]);
        expect(arns("Allow putting objects in s3://raw-events/incoming/")).toEqual(["arn:aws:s3:::raw-events", "arn:aws:s3:::raw-events/incoming/*"]);
        expect(arns("Allow downloading s3://configs/app/settings.json.")).toEqual(["arn:aws:s3:::configs", "arn:aws:s3:::configs/app/settings.json"]);
        // "uploads" is also an S3 verb (UploadPart): between the article and the type it is the name, and asks for no write.
        const uploads = retrieve("Let the app fetch objects from the uploads bucket", {catalog});
        expect(uploads.resources.map((resource) => resource.arn)).toEqual(["arn:aws:s3:::uploads", "arn:aws:s3:::uploads/*"]);
        expect(uploads.intents.flatMap((intent) => intent.access)).not.toContain("write");
        // After a determined type, a word that ends the phrase is the name, though it is an S3 action word too.
        const after = retrieve("Allow reading objects in the S3 bucket uploads", {catalog});
        expect(after.resources.map((resource) => resource.arn)).toEqual(["arn:aws:s3:::uploads", "arn:aws:s3:::uploads/*"]);
        expect(after.intents.flatMap((intent) => intent.verbs)).not.toContain("upload");
        // Before "to", "uploads" is the act; "logs" ends the bucket's phrase and names it.
        const act = retrieve("Allow uploads to the S3 bucket logs", {catalog});
        expect(act.resources.map((resource) => resource.arn)).toEqual(["arn:aws:s3:::logs", "arn:aws:s3:::logs/*"]);
        expect(act.intents.flatMap((intent) => intent.verbs)).toContain("upload");
        // Not ending the phrase, an action word after the type is no name: "the bucket upload settings".
        expect(arns("Allow changing the S3 bucket upload settings")).toEqual([]);
        // A preposition of place opens the phrase as an article does: "objects in bucket logs" names the bucket.
        expect(arns("Allow reading S3 objects in bucket logs and writing to DynamoDB table orders"))
            .toEqual(["arn:aws:s3:::logs", "arn:aws:s3:::logs/*", "arn:aws:dynamodb:*:*:table/orders"]);
    });

    it("names no resource with the words of who receives the policy", () => {
        expect(arns("Allow the bucket owner to delete objects")).toEqual([]);
        expect(arns("Let the bucket owner delete objects in bucket media")).toEqual(["arn:aws:s3:::media", "arn:aws:s3:::media/*"]);
        expect(arns("Allow the table owner to delete items in the DynamoDB table users")).toEqual(["arn:aws:dynamodb:*:*:table/users"]);
        // Not who acts: a name after a preposition, a role passed.
        expect(arns("Allow reading items for the DynamoDB table users")).toEqual(["arn:aws:dynamodb:*:*:table/users"]);
        expect(arns("Allow passing the deploy role to EC2")).toEqual(["arn:aws:iam::*:role/deploy"]);
        expect(arns("Allow writing logs to the api log group that the service uses")).toEqual(["arn:aws:logs:*:*:log-group:api"]);
    });

    it("uses ${aws:username} for self-service IAM requests", () => {
        expect(arns("Allow a user to manage their own access keys")).toEqual(["arn:aws:iam::*:user/${aws:username}"]);
    });

    it("does not take ordinary words for names", () => {
        expect(arns("Allow listing the bucket contents in S3")).toEqual([]);
        expect(arns("Read-only access to EC2 - describe instances, images, volumes and snapshots")).toEqual([]);
        expect(arns("Allow viewing CloudWatch dashboards")).toEqual([]);
        expect(arns("Allow uploading to the S3 bucket named data-uploads")).toEqual(["arn:aws:s3:::data-uploads", "arn:aws:s3:::data-uploads/*"]);
    });

    it("takes S3 prefixes written as folders: under uploads/, in the folder reports/2024", () => {
        expect(arns("Let the indexer read the S3 bucket captures under incoming/")).toEqual(["arn:aws:s3:::captures", "arn:aws:s3:::captures/incoming/*"]);
        expect(arns("Allow writing to the bucket archive-store in the folder exports/2025")).toEqual(["arn:aws:s3:::archive-store", "arn:aws:s3:::archive-store/exports/2025/*"]);
        expect(retrieve("Let the indexer read the S3 bucket captures under incoming/", {catalog}).candidates.map((candidate) => candidate.action)).not.toContain("s3:PutObject");
    });

    it("builds no instance from an instance type: that is the ec2:InstanceType condition", () => {
        expect(arns("Permit creating EC2 instance c6g.large for the build farm")).toEqual([]);
        expect(arns("Let CI launch r5.2xlarge instances on EC2")).toEqual([]);
        expect(arns("Only allow EC2 instance types m6i.xlarge when launching")).toEqual([]);
    });

    it("writes a name that starts with another type's path as that type: KMS aliases", () => {
        expect(retrieve("Let the service encrypt with the KMS key alias/orders-key", {catalog}).resources).toEqual([
            {service: "kms", type: "alias", arn: "arn:aws:kms:*:*:alias/orders-key", matched: ["key alias/orders-key", "alias/orders-key"]}
        ]);
        expect(arns("Allow generating data keys with alias/reports in KMS")).toEqual(["arn:aws:kms:*:*:alias/reports"]);
        expect(arns("Allow decrypting with the KMS alias named ledger")).toEqual(["arn:aws:kms:*:*:alias/ledger"]);
    });

    it("takes no actor nouns for names", () => {
        expect(arns("Allow the topic consumer to receive messages from SNS")).toEqual([]);
        expect(arns("Let the stream poller that runs hourly read Kinesis")).toEqual([]);
        expect(arns("Give the analytics data S3 read access")).toEqual([]);
        expect(arns("Allow sending to the SQS queue workers")).toEqual(["arn:aws:sqs:*:*:workers"]);
        expect(arns("Let the billing app poll the deferred queue in SQS")).toEqual([]);
        expect(arns("Allow putting files into the landing bucket")).toEqual(["arn:aws:s3:::landing", "arn:aws:s3:::landing/*"]);
        // An id is never a plain word.
        expect(arns("Let the sandbox account leave the organization")).toEqual([]);
        expect(arns("Allow stopping the EC2 instance web")).toEqual([]);
        expect(arns("Allow stopping the EC2 instance i-0abc1234")).toEqual(["arn:aws:ec2:*:*:instance/i-0abc1234"]);
        expect(arns("Allow copying into the replicated bucket on S3")).toEqual([]);
        expect(arns("Allow reading the reports bucket on S3")).toEqual(["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]);
    });

    it("fills templates in order and leaves the rest to *", () => {
        expect(buildArn("arn:${Partition}:s3:::${BucketName}/${ObjectName}", ["b", "p/*"], {partition: "aws"})).toBe("arn:aws:s3:::b/p/*");
        expect(buildArn("arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/stream/${StreamLabel}", "t", {partition: "aws", account: "123456789012"}))
            .toBe("arn:aws:dynamodb:*:123456789012:table/t/stream/*");
    });
});
