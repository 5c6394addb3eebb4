import type {ResourceHint} from "./types.js";

/** Secrets Manager appends a hyphen and six random characters to every secret's name in its ARN. */
const SECRET_SUFFIX = "-??????";

/** A secret named in words ("the secret prod/db") matches no ARN without the suffix Secrets Manager adds; an ARN written out is kept as it is. */
function withSecretSuffix(hint: ResourceHint): ResourceHint {
    if (hint.service !== "secretsmanager" || hint.type.toLowerCase() !== "secret" || hint.matched.some((phrase) => phrase.startsWith("arn:")))
        return hint;
    const name = hint.arn.slice(hint.arn.indexOf(":secret:") + ":secret:".length);
    return name === "" || /[*?]$/.test(name) ? hint : {...hint, arn: `${hint.arn}${SECRET_SUFFIX}`};
}

/**
 * The request's resources as the services write their ARNs: a named secret with its suffix wildcard.
 * The engine grants on these and verification probes them, so both mean the same resource.
 */
export function exactHints(hints: readonly ResourceHint[]): ResourceHint[] {
    return hints.map(withSecretSuffix);
}
