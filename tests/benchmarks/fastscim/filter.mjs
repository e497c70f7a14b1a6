// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// RFC 7644 §3.4.2.2 filters (eq ne co sw ew gt ge lt le pr, and, or, not, parentheses; no value paths a[...]) and
// PATCH paths (§3.5.2: attr, attr.sub, attr[filter], attr[filter].sub, each optionally after a schema URN).
// Attribute names are case-insensitive; string comparisons too, except on id, externalId and the values of
// group members (caseExact, RFC 7643).

export class ScimError extends Error {
    constructor(status, detail, scimType) {
        super(detail);
        this.status = status;
        this.scimType = scimType;
    }
}

const invalidFilter = (detail) => new ScimError(400, detail, "invalidFilter");

// The key of `obj` named `name` whatever its case (undefined when absent).
export function findKey(obj, name) {
    if (obj === null || typeof obj !== "object") return undefined;
    if (Object.hasOwn(obj, name)) return name;
    const lower = name.toLowerCase();
    for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return k;
    return undefined;
}

function parseString(quoted) {
    try {
        return JSON.parse(quoted);
    } catch {
        throw invalidFilter(`${quoted} is not a valid string`);
    }
}

function tokenize(text) {
    const tokens = [];
    const re = /\s*(?:(\()|(\))|("(?:[^"\\]|\\.)*")|([^\s()"]+))/gy;
    const end = text.trimEnd().length;
    let at = 0;
    while (at < end) {
        re.lastIndex = at;
        const m = re.exec(text);
        if (!m) throw invalidFilter(`cannot read the filter at "${text.slice(at)}"`);
        at = re.lastIndex;
        if (m[1]) tokens.push({t: "("});
        else if (m[2]) tokens.push({t: ")"});
        else if (m[3] !== undefined) tokens.push({t: "value", v: parseString(m[3])});
        else tokens.push({t: "word", v: m[4]});
    }
    return tokens;
}

const OPS = new Set(["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"]);

// Parses a filter into {op: "and"|"or", left, right} | {op: "not", expr} | {op, path, value}.
export function parseFilter(text) {
    const tokens = tokenize(String(text));
    let i = 0;
    const peekWord = () => (tokens[i]?.t === "word" ? tokens[i].v.toLowerCase() : undefined);
    const expr = () => {
        let left = term();
        while (peekWord() === "or") {
            i++;
            left = {op: "or", left, right: term()};
        }
        return left;
    };
    const term = () => {
        let left = factor();
        while (peekWord() === "and") {
            i++;
            left = {op: "and", left, right: factor()};
        }
        return left;
    };
    const factor = () => {
        if (peekWord() === "not") {
            i++;
            if (tokens[i]?.t !== "(") throw invalidFilter("'not' needs a parenthesised filter");
            return {op: "not", expr: factor()};
        }
        if (tokens[i]?.t === "(") {
            i++;
            const e = expr();
            if (tokens[i++]?.t !== ")") throw invalidFilter("missing ')'");
            return e;
        }
        const path = tokens[i++];
        if (path?.t !== "word") throw invalidFilter("an attribute name was expected");
        if (path.v.includes("[")) throw invalidFilter(`value filters (${path.v}) are not supported`);
        const op = tokens[i++];
        if (op?.t !== "word") throw invalidFilter(`an operator was expected after ${path.v}`);
        const name = op.v.toLowerCase();
        if (name === "pr") return {op: "pr", path: path.v};
        if (!OPS.has(name)) throw invalidFilter(`unknown operator '${op.v}'`);
        const value = tokens[i++];
        if (value?.t === "value") return {op: name, path: path.v, value: value.v};
        if (value?.t !== "word") throw invalidFilter(`a value was expected after ${path.v} ${op.v}`);
        const literal = value.v.toLowerCase();
        if (literal === "true" || literal === "false") return {op: name, path: path.v, value: literal === "true"};
        if (literal === "null") return {op: name, path: path.v, value: null};
        if (!Number.isNaN(Number(value.v))) return {op: name, path: path.v, value: Number(value.v)};
        throw invalidFilter(`'${value.v}' is not a value (strings are quoted)`);
    };
    const out = expr();
    if (i !== tokens.length) throw invalidFilter("unexpected text after the filter");
    return out;
}

const CASE_EXACT = new Set(["id", "externalid"]);

// Every value at `path` (attr, attr.sub, urn:…:attr[.sub]); multi-valued attributes give each element's.
export function valuesAt(resource, path) {
    let rest = path;
    let obj = resource;
    if (rest.toLowerCase().startsWith("urn:")) {
        const colon = rest.lastIndexOf(":");
        const urn = rest.slice(0, colon);
        rest = rest.slice(colon + 1);
        const core = urn.toLowerCase().includes(":core:");
        if (!core) obj = resource[findKey(resource, urn) ?? urn];
    }
    let values = [obj];
    for (const part of rest.split(".")) {
        const next = [];
        for (const v of values) {
            for (const item of Array.isArray(v) ? v : [v]) {
                const key = findKey(item, part);
                if (key === undefined) continue;
                const found = item[key];
                if (Array.isArray(found)) next.push(...found);
                else if (found !== undefined && found !== null) next.push(found);
            }
        }
        values = next;
    }
    // A complex value compared as a whole means its "value" sub-attribute.
    return values.map((v) => (v !== null && typeof v === "object" && "value" in v ? v.value : v));
}

function compare(op, actual, expected, exact) {
    if (typeof actual === "string" && typeof expected === "string") {
        let a = actual;
        let e = expected;
        if (!exact) {
            a = a.toLowerCase();
            e = e.toLowerCase();
        }
        switch (op) {
            case "eq": return a === e;
            case "ne": return a !== e;
            case "co": return a.includes(e);
            case "sw": return a.startsWith(e);
            case "ew": return a.endsWith(e);
            case "gt": return a > e;
            case "ge": return a >= e;
            case "lt": return a < e;
            case "le": return a <= e;
        }
    }
    switch (op) {
        case "eq": return actual === expected;
        case "ne": return actual !== expected;
        case "gt": return actual > expected;
        case "ge": return actual >= expected;
        case "lt": return actual < expected;
        case "le": return actual <= expected;
        default: return false;
    }
}

export function matches(resource, f, exactNames = CASE_EXACT) {
    switch (f.op) {
        case "and": return matches(resource, f.left, exactNames) && matches(resource, f.right, exactNames);
        case "or": return matches(resource, f.left, exactNames) || matches(resource, f.right, exactNames);
        case "not": return !matches(resource, f.expr, exactNames);
        case "pr": return valuesAt(resource, f.path).some((v) => v !== "" && !(Array.isArray(v) && !v.length));
    }
    const values = valuesAt(resource, f.path);
    if (f.op === "ne") return !values.some((v) => compare("eq", v, f.value, exactNames.has(f.path.toLowerCase())));
    const exact = exactNames.has(f.path.toLowerCase());
    return values.some((v) => compare(f.op, v, f.value, exact));
}

// A PATCH path: {urn (an extension's, or undefined), attr, filter (parsed) | undefined, sub | undefined}, or
// {urn, attr: undefined} for the URN of an extension alone. `extensions`: the extension URNs this service knows.
export function parsePatchPath(path, extensions) {
    let rest = path.trim();
    let urn;
    if (rest.toLowerCase().startsWith("urn:")) {
        const lower = rest.toLowerCase();
        const known = extensions.find((e) => lower === e.toLowerCase() || lower.startsWith(`${e.toLowerCase()}:`));
        if (known) {
            urn = known;
            rest = rest.slice(known.length + 1);
            if (!rest) return {urn, attr: undefined};
        } else if (/^urn:ietf:params:scim:schemas:core:2\.0:(user|group):/i.test(rest)) {
            rest = rest.slice(rest.indexOf(":", "urn:ietf:params:scim:schemas:core:2.0:".length) + 1);
        } else {
            throw new ScimError(400, `unknown schema in path "${path}"`, "invalidPath");
        }
    }
    const m = /^([^.[\]\s]+)(?:\[(.*)\])?(?:\.([^.[\]\s]+))?$/.exec(rest);
    if (!m) throw new ScimError(400, `cannot read the path "${path}"`, "invalidPath");
    let filter;
    if (m[2] !== undefined) {
        try {
            filter = parseFilter(m[2]);
        } catch (ex) {
            throw new ScimError(400, `path "${path}": ${ex.message}`, "invalidPath");
        }
    }
    return {urn, attr: m[1], filter, sub: m[3]};
}
