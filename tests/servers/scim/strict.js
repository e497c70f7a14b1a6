// Strict-mode checks of the SCIM test peer (server.js --strict), modelled on what real clouds (Entra ID, Okta,
// Slack, ...) refuse where SCIMMY, left alone, is lenient:
//  - filters: only `attrPath eq value` comparisons, optionally joined by `and` (no or/not/( )/[ ], no other operator);
//  - attributes, sub-attributes, extension attributes and schema URNs the served schemas do not declare are refused
//    (SCIMMY silently drops unknown attributes and keeps unknown URNs in `schemas`);
//  - group members may only be Users (no nested groups);
//  - users need at least one email address.
// Everything here throws SCIMMY Types.Error (a SCIM error response) or returns nothing; nothing is stored.

import {SCIMMY} from "scimmy-routers";

const {Types} = SCIMMY;

export const STRICT_MAX_RESULTS = 100;

const isPlainObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const lc = (s) => String(s).toLowerCase();

// ---------------------------------------------------------------------------------------------
// Schema changes served (and enforced by SCIMMY) in strict mode
// ---------------------------------------------------------------------------------------------

// Group members are Users only; a User needs emails. Changes the (process-wide) SCIMMY definitions, so /Schemas
// shows them and SCIMMY's own coercion enforces them too.
export function applyStrictSchemas(Schemas) {
    const members = Schemas.Group.definition.attribute("members");
    for (const sub of members.subAttributes) {
        if (sub.name === "$ref") sub.config.referenceTypes = ["User"];
        if (sub.name === "type") sub.config.canonicalValues = ["User"];
    }
    members.config.description = "A list of members of the Group. Members must be Users: this service does not "
        + "support nested groups.";
    let emails;
    try {
        emails = Schemas.User.definition.attribute("emails");
    } catch {
        return;  // dropped with --drop-attribute emails: nothing to require
    }
    emails.config.required = true;
    emails.config.description = `${emails.config.description} REQUIRED: at least one email address.`;
}

// ---------------------------------------------------------------------------------------------
// Filters
// ---------------------------------------------------------------------------------------------
const FILTER_OPERATORS = new Set(["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr"]);
const COMP_VALUE_WORD = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)$/i;

const invalidFilter = (detail) => new Types.Error(400, "invalidFilter", detail);
const unsupported = (what) => invalidFilter(`Unsupported filter: ${what} is not supported by this service `
    + "(only 'attribute eq value' comparisons, optionally joined by 'and')");

function filterTokens(expression) {
    const out = [];
    let i = 0;
    while (i < expression.length) {
        const c = expression[i];
        if (/\s/.test(c)) {
            i++;
        } else if ("()[]".includes(c)) {
            out.push({type: c, text: c});
            i++;
        } else if (c === "\"") {
            let j = i + 1;
            while (j < expression.length && expression[j] !== "\"") j += expression[j] === "\\" ? 2 : 1;
            if (j >= expression.length) throw invalidFilter("Invalid filter: unterminated string");
            out.push({type: "string", text: expression.slice(i, j + 1)});
            i = j + 1;
        } else {
            let j = i;
            while (j < expression.length && !/[\s()[\]"]/.test(expression[j])) j++;
            out.push({type: "word", text: expression.slice(i, j)});
            i = j;
        }
    }
    return out;
}

// True when any of `definitions` (SCIMMY SchemaDefinitions) declares the attribute path.
function declares(definitions, path) {
    return definitions.some((d) => {
        try {
            d.attribute(path);
            return true;
        } catch {
            return false;
        }
    });
}

// Throws 400 invalidFilter unless `expression` is `attrPath eq value [and attrPath eq value ...]` over attributes
// that one of `definitions` declares.
export function checkFilter(expression, definitions) {
    if (expression === undefined) return;
    if (typeof expression !== "string" || !expression.trim()) throw invalidFilter("Invalid filter: empty expression");
    const toks = filterTokens(expression);
    let k = 0;
    for (;;) {
        const attr = toks[k++];
        if (!attr) throw invalidFilter("Invalid filter: expected a comparison after 'and'");
        if (attr.type === "(" || attr.type === ")") throw unsupported("grouping with parentheses");
        if (attr.type !== "word") throw invalidFilter(`Invalid filter: expected an attribute, found '${attr.text}'`);
        if (lc(attr.text) === "not") throw unsupported("the logical operator 'not'");
        const op = toks[k++];
        if (op?.type === "[") throw unsupported(`the value path filter '${attr.text}[...]'`);
        if (!op || op.type !== "word") throw invalidFilter(`Invalid filter: expected an operator after '${attr.text}'`);
        if (lc(op.text) !== "eq") {
            if (FILTER_OPERATORS.has(lc(op.text))) throw unsupported(`the operator '${op.text}'`);
            throw invalidFilter(`Invalid filter: unknown operator '${op.text}'`);
        }
        const value = toks[k++];
        if (!value || !(value.type === "string" || (value.type === "word" && COMP_VALUE_WORD.test(value.text))))
            throw invalidFilter(`Invalid filter: '${attr.text} ${op.text}' needs a string, number, true, false or null`);
        if (!declares(definitions, attr.text)) throw invalidFilter(`Invalid filter: unknown attribute '${attr.text}'`);
        const join = toks[k++];
        if (!join) return;
        if (join.type === "word" && lc(join.text) === "and") continue;
        if (join.type === "word" && lc(join.text) === "or") throw unsupported("the logical operator 'or'");
        if (join.type === "(" || join.type === ")") throw unsupported("grouping with parentheses");
        if (join.type === "[") throw unsupported(`the value path filter '${attr.text}[...]'`);
        throw invalidFilter(`Invalid filter: unexpected '${join.text}' after '${attr.text} ${op.text} ${value.text}'`);
    }
}

// ---------------------------------------------------------------------------------------------
// Unknown attributes
// ---------------------------------------------------------------------------------------------
const unknownAttribute = (path, definition) => new Types.Error(400, "invalidSyntax",
    `Unknown attribute '${path}': not declared by the schemas of ${definition.name} resources (see /Schemas)`);

// A PATCH path without its value filters: emails[type eq "work"].value -> emails.value
const barePath = (path) => path.replace(/\[[^\]]*\]/g, "");
// True for a sub-attribute path (name.givenName, urn:...:2.0:User:manager.value), false for a top-level attribute.
const isSubPath = (path) => path.slice(path.lastIndexOf(":") + 1).includes(".");

// The first attribute in `obj` that `definition` does not declare, as a path ("foo", "name.foo",
// "urn:...:User:foo"), or undefined. `base`/`sep` give the enclosing complex attribute or extension.
function firstUnknown(definition, obj, base = "", sep = "") {
    for (const [key, value] of Object.entries(obj)) {
        const path = base ? `${base}${sep}${key}` : key;
        let attr;
        try {
            attr = definition.attribute(path);
        } catch {
            return path;
        }
        if (attr instanceof Types.SchemaDefinition) {
            // An extension object: its keys are the extension's attributes.
            const unknown = isPlainObject(value) ? firstUnknown(definition, value, path, ":") : undefined;
            if (unknown) return unknown;
        } else if (String(attr.type) === "complex" && !isSubPath(path)) {
            for (const element of Array.isArray(value) ? value : [value]) {
                const unknown = isPlainObject(element) ? firstUnknown(definition, element, path, ".") : undefined;
                if (unknown) return unknown;
            }
        }
    }
    return undefined;
}

// The schema URNs a resource of `definition` may list in `schemas`.
function servedSchemaIds(definition) {
    return [definition.id, ...definition.attributes.filter((a) => a instanceof Types.SchemaDefinition).map((e) => e.id)];
}

// Throws 400 invalidSyntax for a POST/PUT body with an attribute or schema URN the served schemas do not declare.
export function checkResourceBody(definition, body) {
    if (!isPlainObject(body)) return;  // SCIMMY answers
    if (Array.isArray(body.schemas)) {
        const served = servedSchemaIds(definition).map(lc);
        const unknown = body.schemas.find((id) => !served.includes(lc(id)));
        if (unknown !== undefined)
            throw new Types.Error(400, "invalidSyntax", `Unknown schema '${unknown}': ${definition.name} resources `
                + `support ${servedSchemaIds(definition).join(", ")}`);
    }
    const unknown = firstUnknown(definition, body);
    if (unknown) throw unknownAttribute(unknown, definition);
}

// Throws 400 for a PatchOp message naming an attribute the served schemas do not declare: invalidPath for an
// unknown "path", invalidSyntax for an unknown attribute in a "value".
export function checkPatchBody(definition, body) {
    if (!isPlainObject(body) || !Array.isArray(body.Operations)) return;  // SCIMMY answers
    for (const op of body.Operations) {
        if (!isPlainObject(op)) continue;
        const {path, value} = op;
        if (path === undefined || path === "") {
            if (isPlainObject(value)) {
                const unknown = firstUnknown(definition, value);
                if (unknown) throw unknownAttribute(unknown, definition);
            }
            continue;
        }
        if (typeof path !== "string") continue;
        const bare = barePath(path);
        let attr;
        try {
            attr = definition.attribute(bare);
        } catch {
            throw new Types.Error(400, "invalidPath", `Unknown attribute in path '${path}': not declared by the `
                + `schemas of ${definition.name} resources (see /Schemas)`);
        }
        let unknown;
        if (attr instanceof Types.SchemaDefinition && isPlainObject(value)) {
            unknown = firstUnknown(definition, value, bare, ":");
        } else if (String(attr.type) === "complex" && !isSubPath(bare)) {
            for (const element of Array.isArray(value) ? value : [value]) {
                unknown ??= isPlainObject(element) ? firstUnknown(definition, element, bare, ".") : undefined;
            }
        }
        if (unknown) throw unknownAttribute(unknown, definition);
    }
}

// ---------------------------------------------------------------------------------------------
// Group members: Users only
// ---------------------------------------------------------------------------------------------

// Throws 400 invalidValue when a member is (or claims to be) a Group. `isGroup(id)` tells stored group ids.
export function checkUserMembers(members, isGroup) {
    for (const m of Array.isArray(members) ? members : [members]) {
        if (!isPlainObject(m)) continue;
        if (typeof m.type === "string" && lc(m.type) === "group")
            throw new Types.Error(400, "invalidValue", `Member '${m.value}' has type 'Group': this service does not `
                + "support nested groups (members must be Users)");
        if (typeof m.value === "string" && isGroup(m.value))
            throw new Types.Error(400, "invalidValue", `Member '${m.value}' is a Group: this service does not `
                + "support nested groups (members must be Users)");
    }
}

// The members a PatchOp message adds or puts into a group (add/replace on "members", or a path-less value with
// "members"), for checkUserMembers.
export function patchedMembers(body) {
    const out = [];
    if (!isPlainObject(body) || !Array.isArray(body.Operations)) return out;
    for (const op of body.Operations) {
        if (!isPlainObject(op) || typeof op.op !== "string" || !["add", "replace"].includes(lc(op.op))) continue;
        if ((op.path === undefined || op.path === "") && isPlainObject(op.value)) {
            for (const [k, v] of Object.entries(op.value)) if (lc(k) === "members") out.push(...[v].flat());
        } else if (typeof op.path === "string" && lc(barePath(op.path)) === "members" && op.value !== undefined) {
            out.push(...[op.value].flat());
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Users: at least one email
// ---------------------------------------------------------------------------------------------

// Throws 400 invalidValue unless the (coerced, about to be stored) user has an email with a value.
export function checkUserEmails(user) {
    const ok = Array.isArray(user.emails) && user.emails.some((e) => typeof e?.value === "string" && e.value.trim());
    if (!ok)
        throw new Types.Error(400, "invalidValue", "Attribute 'emails' is required: a User must have at least one "
            + "email address (emails[].value)");
}
