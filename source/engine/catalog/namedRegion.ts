import {type ArnParts, hasWildcard, parseArn} from "../../policy/arn.js";
import {policyStatements} from "../../policy/statements.js";
import type {PolicyDocument} from "../../policy/types.js";
import type {ConditionHint} from "../../retrieval/types.js";

/** The current policy with its Allow ARNs moved out of the configured region, and how many moved where. */
export interface RegionMove {
    policy: PolicyDocument;
    moved: number;
    from: string;
    to: string;
}

/** The regions a follow-up's region condition lets requests be made in; empty when it names none, excludes regions (StringNotEquals) or names a pattern. */
function namedRegions(hints: readonly ConditionHint[]): string[] {
    const regions = hints.filter((hint) => hint.kind === "region" && !/Not/.test(hint.operator)).flatMap((hint) => hint.values);
    return regions.some(hasWildcard) ? [] : [...new Set(regions.map((region) => region.toLowerCase()))];
}

/**
 * A region the user names wins over the configured one: the configured region is only where ARNs go
 * when the request names none, so "restrict it to us-east-1" moves the Allow ARNs written in the
 * configured eu-west-1 to us-east-1 (an ARN in eu-west-1 under an aws:RequestedRegion of us-east-1
 * would grant nothing). ARNs in any other region were the user's own words and stay. Undefined when
 * nothing moves.
 */
export function moveToNamedRegion(policy: PolicyDocument, hints: readonly ConditionHint[], configured: string | undefined): RegionMove | undefined {
    const named = namedRegions(hints);
    const from = configured?.toLowerCase();
    if (from == null || named.length === 0 || named.includes(from))
        return undefined;
    // Several regions: the ARNs take any, and the condition says which.
    const to = named.length === 1 ? named[0]! : "*";
    let moved = 0;
    const move = (resource: string) => {
        const parts = parseArn(resource);
        // An ARN with a policy variable (parseArn reads it as *) is left as written.
        if (parts == null || parts.region.toLowerCase() !== from || resource !== rejoined(parts))
            return resource;
        moved++;
        return rejoined({...parts, region: to});
    };
    const statements = policyStatements(policy).map((statement) => {
        if (statement.Effect !== "Allow" || statement.Resource == null)
            return statement;
        return {...statement, Resource: Array.isArray(statement.Resource) ? statement.Resource.map(move) : move(statement.Resource)};
    });
    return moved === 0 ? undefined : {policy: {...policy, Statement: statements}, moved, from, to};
}

function rejoined(parts: ArnParts) {
    return `arn:${parts.partition}:${parts.service}:${parts.region}:${parts.account}:${parts.resource}`;
}
