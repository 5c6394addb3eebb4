/** Why a file does not hold a policy iam-gen can read, in one line. */
export class ImportError extends Error {}
