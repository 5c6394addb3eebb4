import type {Catalog} from "../../catalog/Catalog.js";
import type {Effect} from "../../retrieval/types.js";
import {gbnfLiteral, prefixTreeGrammar} from "./prefixTree.js";

/** IAM condition operators; each also takes `IfExists`, and the set operators `ForAllValues:`/`ForAnyValue:`. */
export const CONDITION_OPERATORS = [
    "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
    "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
    "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
    "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike"
] as const;

export interface PolicyGrammarOptions {
    catalog: Catalog;
    /**
     * Service prefixes whose actions and condition keys are allowed; all of the catalog when
     * omitted. Retrieval narrows it to the services a request is about.
     */
    services?: readonly string[];
    /**
     * `"catalog"` (the product): only catalog actions and wildcards that match some. `"free"`: any
     * `service:Name` string, the baseline the benchmark compares the catalog grammar with.
     */
    actions?: "catalog" | "free";
    /** The effects statements may have (default both); retrieval knows whether a request denies. */
    effects?: readonly Effect[];
}

/**
 * GBNF for an identity-based policy: `{"Version": "2012-10-17", "Statement": [...]}` where each
 * statement has an optional Sid, an Effect, Action or NotAction, Resource or NotResource (arrays
 * of at least one entry) and an optional Condition with real operators and condition keys.
 * NotAction and NotResource only come with Deny: with Allow they grant everything else.
 * Whitespace is bounded so that even a random model cannot spend its token budget on it.
 */
export function buildPolicyGrammar({catalog, services, actions = "catalog", effects = ["Allow", "Deny"]}: PolicyGrammarOptions): string {
    if (effects.length === 0)
        throw new Error("A policy grammar needs at least one effect");
    const selected = services == null
        ? catalog.services
        : services.map((prefix) => catalog.service(prefix)).filter((service) => service != null);
    const actionTree = prefixTreeGrammar(
        selected.flatMap((service) => service.actions.map((action) => `${service.prefix}:${action.name}`)),
        {ruleName: "act", terminator: "\"\\\"\"", wildcardAfter: ":"}
    );
    const conditionKeys = new Set(catalog.globalConditionKeys.map((key) => key.key));
    for (const service of selected) {
        for (const key of service.conditionKeys)
            conditionKeys.add(key.key);
    }
    const keyTree = prefixTreeGrammar([...conditionKeys].sort(), {
        ruleName: "key",
        terminator: "\"\\\"\"",
        placeholder: {pattern: /\$\{[^}]+\}/g, rule: "key-variable"}
    });
    const arnServices = new Set<string>();
    for (const service of catalog.services) {
        for (const resource of service.resourceTypes) {
            const match = /^arn:\$\{Partition\}:([a-z0-9-]+):/.exec(resource.arn);
            if (match != null)
                arnServices.add(match[1]!);
        }
    }
    const arnServiceTree = prefixTreeGrammar([...arnServices].sort(), {ruleName: "arnsvc", terminator: "\":\""});

    return [
        `statement ::= "{" ws sid? (${[...new Set(effects)].map((effect) => `${effect.toLowerCase()}-body`).join(" | ")}) condition-field? ws "}"`,
        POLICY_RULES.trim(),
        `operator ::= ${CONDITION_OPERATORS.map(gbnfLiteral).join(" | ")}`,
        actions === "catalog" ? String.raw`action ::= "\"" ${actionTree.root}` : FREE_ACTION_RULE,
        String.raw`condition-key ::= "\"" ${keyTree.root}`,
        `arn-service ::= ${arnServiceTree.root}`,
        ...(actions === "catalog" ? actionTree.rules : []),
        ...keyTree.rules,
        ...arnServiceTree.rules
    ].join("\n");
}

const POLICY_RULES = String.raw`
root ::= "{" ws "\"Version\":" ws "\"2012-10-17\"," ws "\"Statement\":" ws "[" ws statement ("," ws statement)* ws "]" ws "}"
sid ::= "\"Sid\":" ws "\"" [A-Za-z0-9]{1,64} "\"," ws
allow-body ::= "\"Effect\":" ws "\"Allow\"," ws "\"Action\":" ws action-list "," ws "\"Resource\":" ws resource-list
deny-body ::= "\"Effect\":" ws "\"Deny\"," ws ("\"Action\":" | "\"NotAction\":") ws action-list "," ws ("\"Resource\":" | "\"NotResource\":") ws resource-list
action-list ::= "[" ws action ("," ws action)* ws "]"
resource-list ::= "[" ws resource ("," ws resource)* ws "]"
resource ::= "\"*\"" | "\"arn:" ("aws" | "aws-cn" | "aws-us-gov") ":" arn-service arn-region ":" arn-account ":" arn-char{1,200} "\""
arn-region ::= "" | "*" | [a-z]{2} ("-" [a-z]{1,12}){1,3} "-" [0-9]{1,2}
arn-account ::= "" | "*" | "aws" | [0-9]{12}
arn-char ::= [^"\\\x00-\x1F]
condition-field ::= "," ws "\"Condition\":" ws "{" ws condition-operator ("," ws condition-operator)* ws "}"
condition-operator ::= "\"" (("ForAllValues:" | "ForAnyValue:")? operator "IfExists"? | "Null") "\":" ws "{" ws condition-entry ("," ws condition-entry)* ws "}"
condition-entry ::= condition-key ":" ws (condition-value | "[" ws condition-value ("," ws condition-value)* ws "]")
condition-value ::= "\"" string-char{1,256} "\"" | "true" | "false" | "-"? [0-9]{1,15}
string-char ::= [^"\\\x00-\x1F] | "\\" ["\\/nt]
key-variable ::= [A-Za-z0-9_.:/=+@-]{1,128}
ws ::= " "? | "\n" [ \t]{0,24}
`;

/** "Without the action list": any \`service:Name\` string, for measuring what the catalog tree costs. */
const FREE_ACTION_RULE = String.raw`action ::= "\"" [a-z0-9-]{1,40} ":" [A-Za-z0-9*-]{1,80} "\""`;
