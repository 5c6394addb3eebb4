/** The six parts of an ARN: `arn:partition:service:region:account:resource` (the resource may hold more colons). */
export interface ArnParts {
    partition: string;
    service: string;
    region: string;
    account: string;
    resource: string;
}

const PARTITIONS = new Set(["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"]);

/**
 * Splits an ARN (or ARN pattern) into its parts. Policy variables (`${aws:username}`) become `*`
 * first: they may hold colons, and they match whatever they are replaced by at request time.
 */
export function parseArn(arn: string): ArnParts | undefined {
    const text = withVariablesAsWildcards(arn);
    const parts = text.split(":");
    if (parts.length < 6 || parts[0] !== "arn")
        return undefined;
    return {partition: parts[1]!, service: parts[2]!, region: parts[3]!, account: parts[4]!, resource: parts.slice(5).join(":")};
}

export function withVariablesAsWildcards(text: string) {
    return text.replace(/\$\{[^}]*\}/g, "*");
}

/** Why a resource string is not a well-formed ARN, or undefined when it is one (or `*`). */
export function arnProblem(resource: string): string | undefined {
    if (resource === "*")
        return undefined;
    if (!resource.startsWith("arn:"))
        return "a resource must be \"*\" or an ARN starting with \"arn:\"";
    const arn = parseArn(resource);
    if (arn == null)
        return "an ARN has six parts, arn:partition:service:region:account:resource";
    if (!hasWildcard(arn.partition) && !PARTITIONS.has(arn.partition))
        return `"${arn.partition}" is not an AWS partition (aws, aws-cn, aws-us-gov, ...)`;
    if (arn.service === "")
        return "the ARN names no service";
    if (!/^[a-z0-9*?-]+$/.test(arn.service))
        return `"${arn.service}" is not a service name (lower-case letters, digits and hyphens)`;
    if (arn.region !== "" && !hasWildcard(arn.region) && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(arn.region))
        return `"${arn.region}" is not an AWS Region (e.g. us-east-1)`;
    if (arn.account !== "" && !hasWildcard(arn.account) && !/^(\d{12}|aws)$/.test(arn.account))
        return `"${arn.account}" is not an account ID (12 digits)`;
    return undefined;
}

export function hasWildcard(text: string) {
    return text.includes("*") || text.includes("?");
}

const STAR = -1;
const ANY = -2;
/** One character, not a slash: a placeholder that ends where a child type's `/` begins (a bucket name). */
const ANY_BUT_SLASH = -3;
const STAR_BUT_SLASH = -4;
const SLASH = 47;

/** Tokens of a policy's pattern: character codes, ANY for `?`, STAR for `*`. */
export function patternTokens(pattern: string): number[] {
    const tokens: number[] = [];
    for (const char of pattern)
        tokens.push(char === "*" ? STAR : char === "?" ? ANY : char.codePointAt(0)!);
    return tokens;
}

/**
 * Tokens of a catalog ARN template part: each `${Placeholder}` is any non-empty text. With
 * `lastHoldsNoSlash`, the final placeholder holds no `/`: another type continues the template
 * with `/` (bucket → object, table → index), so a `/` after it belongs to that type.
 */
export function templateTokens(template: string, lastHoldsNoSlash = false): number[] {
    const tokens: number[] = [];
    const pieces = template.split(/(\$\{[^}]+\})/).filter((piece) => piece !== "");
    pieces.forEach((piece, index) => {
        if (!piece.startsWith("${"))
            tokens.push(...[...piece].map((char) => char.codePointAt(0)!));
        else if (lastHoldsNoSlash && index === pieces.length - 1)
            tokens.push(ANY_BUT_SLASH, STAR_BUT_SLASH);
        else
            tokens.push(ANY, STAR);
    });
    return tokens;
}

/**
 * Whether some string matches both patterns: `left` a policy's (STAR, ANY), `right` a template's (also
 * the no-slash kinds). `can[i][j]`: the rests from `i` and `j` can match one string, computed row by row
 * from the end, with no recursion: a 10,000-character ARN must not overflow the stack. Templates are a
 * few tokens long, so this is linear in the ARN's length.
 */
export function globsIntersect(left: number[], right: number[]): boolean {
    const width = right.length + 1;
    let below = new Uint8Array(width);
    let row = new Uint8Array(width);
    for (let i = left.length; i >= 0; i--) {
        for (let j = right.length; j >= 0; j--) {
            let result: boolean;
            if (i === left.length && j === right.length)
                result = true;
            else if (i < left.length && left[i] === STAR)
                result = below[j] === 1 || (j < right.length && row[j + 1] === 1);
            else if (j < right.length && (right[j] === STAR || right[j] === STAR_BUT_SLASH))
                result = row[j + 1] === 1 || (i < left.length && (right[j] === STAR || left[i] !== SLASH) && below[j] === 1);
            else if (i === left.length || j === right.length)
                result = false;
            else
                result = (left[i] === right[j] || left[i] === ANY || right[j] === ANY || (right[j] === ANY_BUT_SLASH && left[i] !== SLASH)) && below[j + 1] === 1;
            row[j] = result ? 1 : 0;
        }
        [below, row] = [row, below];
    }
    return below[0] === 1;
}
