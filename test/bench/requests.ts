/**
 * Requests the core paths are timed on: written for the benchmark (not taken from the public
 * benchmark files), one to four clauses each, across common services and conditions.
 */
export const BENCH_REQUESTS = [
    "Allow a Lambda function to read from DynamoDB table users and write logs to CloudWatch",
    "Allow a user to start and stop EC2 instances but not terminate them",
    "Read-only access to the S3 bucket customer-data",
    "Let the CI role push and pull images in the ECR repository web-frontend",
    "Allow sending and receiving messages on the SQS queue orders in us-east-1",
    "Grant decrypt with the KMS key alias/app-secrets only when MFA is present",
    "Allow reading secrets under prod/ in Secrets Manager and parameters under /prod/ in SSM Parameter Store",
    "Deny deleting any object in the S3 bucket audit-logs",
    "Allow publishing to the SNS topic alerts and subscribing email endpoints",
    "Let a Step Functions state machine invoke the Lambda functions of account 123456789012",
    "Full access to the Glue data catalog database analytics and read access to the Athena workgroup primary",
    "Allow uploading objects to the reports bucket from the 10.0.0.0/16 network over TLS only",
    "Allow describing RDS instances and creating snapshots of the database billing",
    "Let developers tag and untag EC2 volumes that carry the tag team=platform",
    "Allow an ECS task to read the CloudWatch metrics and put custom metrics in the namespace App/Orders",
    "Block IAM user creation and access key creation outside us-west-2"
] as const;
