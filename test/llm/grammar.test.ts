import {describe, expect, it} from "vitest";
import {getLlama} from "node-llama-cpp";
import {loadCatalog} from "../../source/catalog/index.js";
import {buildPolicyGrammar} from "../../source/llm/grammar/policyGrammar.js";
import {prefixTreeGrammar} from "../../source/llm/grammar/prefixTree.js";

const catalog = loadCatalog();

/**
 * Every string the prefix-tree rules accept. They are a finite tree of alternatives, each a
 * sequence of string literals and rule names, so the language can be listed.
 */
function language(rules: string[], root: string, terminator: string): string[] {
    const byName = new Map(rules.map((rule) => {
        const [name, body] = rule.split(" ::= ") as [string, string];
        return [name, body.split(" | ").map((alternative) => alternative.match(/"(?:[^"\\]|\\.)*"|[A-Za-z0-9-]+/g)!)];
    }));
    // A rule outside the tree (a placeholder's) stands for itself.
    const expand = (name: string): string[] => byName.get(name)?.flatMap((sequence) => sequence.reduce<string[]>(
        (prefixes, item) => prefixes.flatMap((prefix) => item.startsWith("\"")
            ? [prefix + JSON.parse(item)]
            : expand(item).map((rest) => prefix + rest)),
        [""]
    )) ?? [`<${name}>`];
    return expand(root).map((text) => {
        expect(text.endsWith(terminator)).toBe(true);
        return text.slice(0, -terminator.length);
    }).sort();
}

describe("prefix-tree grammar", () => {
    it("accepts exactly the entries, plus wildcards at branch points after the separator", () => {
        const entries = ["s3:GetObject", "s3:GetObjectAcl", "s3:PutObject", "sqs:SendMessage", "sns:Publish"];
        const tree = prefixTreeGrammar(entries, {ruleName: "a", terminator: "\"!\"", wildcardAfter: ":"});
        expect(language(tree.rules, tree.root, "!")).toEqual([
            "s3:*", "s3:GetObject", "s3:GetObject*", "s3:GetObjectAcl", "s3:PutObject",
            "sns:*", "sns:Publish", "sqs:*", "sqs:SendMessage"
        ].sort());
    });

    it("branches on distinct characters: no two alternatives of a rule start alike", () => {
        const names = catalog.service("ec2")!.actions.map((action) => `ec2:${action.name}`);
        const tree = prefixTreeGrammar(names, {ruleName: "a", terminator: "\"!\"", wildcardAfter: ":"});
        for (const rule of tree.rules) {
            const firsts = rule.split(" ::= ")[1]!.split(" | ").map((alternative) => JSON.parse(alternative.split(" ")[0]!)[0]);
            expect(new Set(firsts).size).toBe(firsts.length);
        }
        expect(language(tree.rules, tree.root, "!").filter((name) => !name.endsWith("*"))).toEqual([...names].sort());
    });

    it("turns placeholders such as ${TagKey} into a rule reference", () => {
        const tree = prefixTreeGrammar(["aws:RequestTag/${TagKey}", "aws:SourceIp"], {
            ruleName: "k", terminator: "\"!\"", placeholder: {pattern: /\$\{[^}]+\}/g, rule: "key-variable"}
        });
        expect(tree.rules.join("\n")).toContain("\"RequestTag/\" key-variable \"!\"");
    });
});

describe("policy grammar", () => {
    it("is valid GBNF for llama.cpp: whole catalog, narrowed to services, and without the action list", async () => {
        const llama = await getLlama({gpu: false, build: "never", maxThreads: 1});
        for (const grammar of [
            buildPolicyGrammar({catalog}),
            buildPolicyGrammar({catalog, services: ["s3", "kms"]}),
            buildPolicyGrammar({catalog, actions: "free"})
        ])
            await expect(llama.createGrammar({grammar})).resolves.toBeDefined();
    });

    it("admits NotAction/NotResource only in Deny statements, and only the effects asked for", () => {
        const rules = (grammar: string) => grammar.split("\n");
        const both = rules(buildPolicyGrammar({catalog, services: ["s3"]}));
        expect(both.find((rule) => rule.startsWith("allow-body"))).not.toMatch(/NotAction|NotResource/);
        expect(both.find((rule) => rule.startsWith("deny-body"))).toMatch(/NotAction.*NotResource/);
        expect(both.find((rule) => rule.startsWith("statement"))).toContain("(allow-body | deny-body)");
        expect(rules(buildPolicyGrammar({catalog, services: ["s3"], effects: ["Allow"]})).find((rule) => rule.startsWith("statement"))).toContain("(allow-body)");
    });

    it("narrows actions and condition keys to the given services", () => {
        const narrowed = buildPolicyGrammar({catalog, services: ["s3"]});
        const actionRules = narrowed.split("\n").filter((rule) => /^act[0-9a-z]+ ::=/.test(rule));
        const actions = language(actionRules, "act0", "\"");
        expect(actions).toContain("s3:GetObject");
        expect(actions).toContain("s3:*");
        expect(actions).toContain("s3:Get*");
        expect(actions.filter((action) => !action.endsWith("*"))).toEqual(catalog.service("s3")!.actions.map((action) => `s3:${action.name}`).sort());
        const keyRules = narrowed.split("\n").filter((rule) => /^key[0-9a-z]+ ::=/.test(rule));
        const keys = language(keyRules, "key0", "\"");
        expect(keys).toEqual(expect.arrayContaining(["s3:prefix", "aws:MultiFactorAuthPresent", "aws:RequestTag/<key-variable>"]));
        expect(keys).not.toContain("ec2:InstanceType");
        expect(buildPolicyGrammar({catalog}).length).toBeGreaterThan(narrowed.length * 10);
    });
});
