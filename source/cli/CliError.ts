/** An error the CLI reports in one line, without a stack trace, exiting with `exitCode`. */
export class CliError extends Error {
    constructor(message: string, readonly exitCode = 2) {
        super(message);
        this.name = "CliError";
    }
}
