import {globsIntersect, patternTokens} from "../policy/arn.js";
import {toList} from "../policy/lists.js";
import {policySize} from "../policy/size.js";
import {policyStatements} from "../policy/statements.js";
import type {PolicyDocument, PolicyStatement} from "../policy/types.js";

/** A statement of the policy to split, or one piece of a statement too large for a part on its own. */
interface Piece {
    statement: PolicyStatement;
    /** Where its statement stood, so that a part keeps the policy's order. */
    order: number;
    characters: number;
}

interface Part {
    pieces: Piece[];
    denies: Set<Piece>;
    characters: number;
}

/**
 * The policy as managed policies of at most `limit` characters each that, attached together, allow
 * exactly what it allows: each Allow statement (or a piece of one, split by its action or resource
 * list) goes into one part, largest first, into the first part with room.
 *
 * Deny statements: a Deny in any policy attached to the principal applies to every request, so
 * attached together the parts would deny the same with each Deny written once. But parts are
 * separate documents that can be attached, detached or copied one at a time; a part whose Allow
 * outlived the Deny that bounded it would allow more than the input did. So every part carries each
 * Deny whose actions can meet those of its Allows (with NotAction, any Deny can), and a part alone
 * never allows more than the whole. A Deny that meets no Allow still blocks what other policies
 * grant, so it is written once, where there is room.
 */
export function splitPolicy(policy: PolicyDocument, limit: number): PolicyDocument[] {
    const wrapper = policySize({...policy, Statement: []}).characters;
    const budget = limit - wrapper;
    const statements = policyStatements(policy);
    const sids = new Set(statements.flatMap((statement) => statement.Sid ?? []));
    const denies = statements.flatMap((statement, order) => statement.Effect === "Deny" ? piecesOf(statement, order, budget, sids) : []);
    // An Allow is cut to leave room for the Denies it carries into its part.
    const allows = statements.flatMap((statement, order) => {
        if (statement.Effect === "Deny")
            return [];
        const carried = denies.filter((deny) => actionsMeet(statement, deny.statement)).reduce((sum, deny) => sum + deny.characters + 1, 0);
        return piecesOf(statement, order, budget - carried, sids);
    }).sort((left, right) => right.characters - left.characters);
    const parts: Part[] = [];
    const place = (piece: Piece, needs: readonly Piece[]) => {
        const cost = (part: Part) => [piece, ...needs.filter((deny) => !part.denies.has(deny))]
            .reduce((sum, added) => sum + added.characters + (part.pieces.length > 0 || sum > 0 ? 1 : 0), 0);
        let part = parts.find((candidate) => candidate.characters + cost(candidate) <= budget);
        if (part == null) {
            part = {pieces: [], denies: new Set(), characters: 0};
            if (cost(part) > budget)
                throw new Error(`statement ${piece.order + 1} with the Deny statements that bound it takes ${wrapper + cost(part)} characters, over the ${limit} of one policy`);
            parts.push(part);
        }
        part.characters += cost(part);
        for (const added of [piece, ...needs.filter((deny) => !part.denies.has(deny))]) {
            part.pieces.push(added);
            if (added.statement.Effect === "Deny")
                part.denies.add(added);
        }
    };
    for (const allow of allows)
        place(allow, denies.filter((deny) => actionsMeet(allow.statement, deny.statement)));
    for (const deny of denies)
        if (!parts.some((part) => part.denies.has(deny)))
            place(deny, []);
    return parts.map((part) => ({...policy, Statement: part.pieces.sort((left, right) => left.order - right.order).map((piece) => piece.statement)}));
}

/** The statement, or pieces of it that each fit `budget`: its Action or Resource list cut in runs (the pieces together grant or deny the same). */
function piecesOf(statement: PolicyStatement, order: number, budget: number, sids: Set<string>): Piece[] {
    const characters = policySize(statement).characters;
    if (characters <= budget)
        return [{statement, order, characters}];
    const field = (["Action", "Resource"] as const)
        .filter((name) => statement[name] !== undefined)
        .sort((left, right) => policySize(statement[right]).characters - policySize(statement[left]).characters)[0];
    if (field == null)
        throw new Error(`statement ${order + 1} takes ${characters} characters and has no Action or Resource list to split`);
    // Room for the number each piece's Sid gets (`Reads`, `Reads2`, …): a Sid is unique in a policy, and pieces may share a part.
    const empty = policySize({...statement, [field]: []}).characters + (statement.Sid != null ? 3 : 0);
    const runs: string[][] = [[]];
    let runCharacters = empty;
    for (const entry of toList(statement[field])) {
        const entryCharacters = policySize(entry).characters;
        if (empty + entryCharacters > budget)
            throw new Error(`statement ${order + 1} has an entry too long for one policy: ${entry.slice(0, 60)}…`);
        if (runs.at(-1)!.length > 0 && runCharacters + 1 + entryCharacters > budget) {
            runs.push([]);
            runCharacters = empty;
        }
        runCharacters += entryCharacters + (runs.at(-1)!.length > 0 ? 1 : 0);
        runs.at(-1)!.push(entry);
    }
    return runs.map((run, index) => {
        const piece: PolicyStatement = {...statement, ...(statement.Sid != null && index > 0 ? {Sid: freeSid(statement.Sid, sids)} : {}), [field]: run};
        return {statement: piece, order, characters: policySize(piece).characters};
    });
}

/** `Reads2`, or the next number no statement of the policy has taken yet. */
function freeSid(sid: string, taken: Set<string>): string {
    let index = 2;
    while (taken.has(`${sid}${index}`))
        index++;
    taken.add(`${sid}${index}`);
    return `${sid}${index}`;
}

/** Whether some action can match both statements' action elements (exact glob intersection, so actions AWS adds later count too). */
function actionsMeet(allow: PolicyStatement, deny: PolicyStatement): boolean {
    if (allow.NotAction !== undefined || deny.NotAction !== undefined)
        return true;
    const tokens = (statement: PolicyStatement) => toList(statement.Action).map((pattern) => patternTokens(pattern.toLowerCase()));
    const denied = tokens(deny);
    return tokens(allow).some((allowed) => denied.some((pattern) => globsIntersect(allowed, pattern)));
}
