import type {Catalog} from "../../catalog/Catalog.js";
import type {Effect} from "../../retrieval/types.js";

/** At most this long, as the GBNF grammar bounds them. */
const MAX_SID = 64;
const MAX_RESOURCE = 256;

/**
 * A JSON schema for an identity-based policy, for servers that constrain output by a schema rather
 * than a grammar (`response_format: {type: "json_schema"}`): Version, statements of the given
 * effects, and, narrowed to services, actions from their catalog entries (each action or the
 * service's `svc:*`). It keeps to the subset every server's schema compiler takes (no `pattern`), so
 * it is looser than the grammar: over the whole catalog an action is any string, and condition keys
 * are free. The checker reads what comes back either way.
 */
export function buildPolicyJsonSchema({catalog, services, effects = ["Allow", "Deny"]}: {catalog: Catalog; services?: readonly string[]; effects?: readonly Effect[]}): object {
    const selected = services?.map((prefix) => catalog.service(prefix)).filter((service) => service != null);
    const action = selected == null
        ? {type: "string", minLength: 3, maxLength: 128}
        : {enum: selected.flatMap((service) => [`${service.prefix}:*`, ...service.actions.map((entry) => `${service.prefix}:${entry.name}`)])};
    const list = (items: object) => ({type: "array", items, minItems: 1});
    const conditionValue = {oneOf: [{type: "string", minLength: 1, maxLength: MAX_RESOURCE}, {type: "boolean"}, list({type: "string", minLength: 1, maxLength: MAX_RESOURCE})]};
    const statement = (effect: Effect) => ({
        type: "object",
        properties: {
            Sid: {type: "string", minLength: 1, maxLength: MAX_SID},
            Effect: {const: effect},
            Action: list(action),
            Resource: list({type: "string", minLength: 1, maxLength: MAX_RESOURCE}),
            Condition: {type: "object", additionalProperties: {type: "object", additionalProperties: conditionValue}}
        },
        required: ["Sid", "Effect", "Action", "Resource"],
        additionalProperties: false
    });
    const allowed = (["Allow", "Deny"] as const).filter((effect) => effects.includes(effect));
    return {
        type: "object",
        properties: {
            Version: {const: "2012-10-17"},
            Statement: list(allowed.length === 1 ? statement(allowed[0]!) : {oneOf: allowed.map(statement)})
        },
        required: ["Version", "Statement"],
        additionalProperties: false
    };
}
