#!/usr/bin/env node
// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// A fast in-memory SCIM 2.0 service (RFC 7643/7644) for Updraft's scale benchmark (tests/benchmarks/scale.sh).
// The SCIM test peer (tests/servers/scim) checks behaviour and is far slower than any real cloud; this one does
// only what Updraft asks, with O(1) indexes, no schema coercion and no per-request logging, so that a benchmark
// measures Updraft's own cost. Node's built-in modules only. See README.md beside it.
//
//   node server.mjs --token TOKEN [--host 127.0.0.1] [--port 0] [--port-file FILE] [--max-results N]
//                   [--bulk [--bulk-max-operations N] [--bulk-max-payload BYTES]] [--patch-no-content]
//                   [--no-updraft-extension] [--log FILE] [--tls-cert FILE --tls-key FILE]
//
// Prints "ready http://HOST:PORT/scim/v2" (https:// with --tls-cert) once listening; with --port-file also writes
// PORT to FILE (atomically).

import http from "node:http";
import https from "node:https";
import fs from "node:fs";
import {randomUUID} from "node:crypto";
import {discoveryDocuments, USER, GROUP, ENTERPRISE, UPDRAFT_USER, UPDRAFT_GROUP, LIST, ERROR, BULK_RESPONSE,
    WRITE_ONLY} from "./discovery.mjs";
import {ScimError, findKey, parseFilter, matches, parsePatchPath} from "./filter.mjs";

const USAGE = `usage: node server.mjs --token TOKEN [OPTIONS]
  --host ADDR                 127.0.0.0/8 address to listen on (default 127.0.0.1)
  --port N                    port (default 0: a free one, see --port-file)
  --port-file FILE            write the port to FILE once listening
  --max-results N             filter.maxResults: largest page (default 1000)
  --bulk                      offer RFC 7644 Bulk at POST /Bulk
  --bulk-max-operations N     bulk.maxOperations (default 1000)
  --bulk-max-payload BYTES    bulk.maxPayloadSize (default 1048576)
  --patch-no-content          answer a successful PATCH with 204 and no body (default: 200 and the resource)
  --no-updraft-extension      do not declare Updraft's User and Group extensions (like a real cloud)
  --log FILE                  append one line a SCIM request to FILE: time, method, path and query, status
                              (off by default: it costs time)
  --tls-cert FILE --tls-key FILE
                              HTTPS with this certificate and key (PEM), as every real cloud
`;

function usage(message) {
    if (message) process.stderr.write(`server.mjs: ${message}\n`);
    process.stderr.write(USAGE);
    process.exit(2);
}

const opts = {host: "127.0.0.1", port: 0, portFile: undefined, token: undefined, maxResults: 1000, bulk: false,
    bulkMaxOperations: 1000, bulkMaxPayload: 1048576, patchNoContent: false, updraft: true, log: undefined};
{
    const argv = process.argv.slice(2);
    const count = (flag, v) => (/^\d+$/.test(v) && Number(v) >= 1 ? Number(v) : usage(`${flag} needs a positive integer`));
    for (let i = 0; i < argv.length; i++) {
        const [flag, inline] = argv[i].includes("=") ? [argv[i].slice(0, argv[i].indexOf("=")),
            argv[i].slice(argv[i].indexOf("=") + 1)] : [argv[i], undefined];
        const value = () => inline ?? (i + 1 < argv.length ? argv[++i] : usage(`${flag} needs a value`));
        switch (flag) {
            case "--host": opts.host = value(); break;
            case "--port": {
                const v = value();
                opts.port = /^\d+$/.test(v) && Number(v) <= 65535 ? Number(v) : usage("--port needs 0..65535");
                break;
            }
            case "--port-file": opts.portFile = value(); break;
            case "--token": opts.token = value(); break;
            case "--max-results": opts.maxResults = count(flag, value()); break;
            case "--bulk": opts.bulk = true; break;
            case "--bulk-max-operations": opts.bulkMaxOperations = count(flag, value()); break;
            case "--bulk-max-payload": opts.bulkMaxPayload = count(flag, value()); break;
            case "--patch-no-content": opts.patchNoContent = true; break;
            case "--no-updraft-extension": opts.updraft = false; break;
            case "--log": opts.log = value(); break;
            case "--tls-cert": opts.tlsCert = value(); break;
            case "--tls-key": opts.tlsKey = value(); break;
            case "-h": case "--help": usage(); break;
            default: usage(`unknown argument '${argv[i]}'`);
        }
    }
}
if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(opts.host)) usage(`refusing to listen on '${opts.host}': loopback (127.0.0.0/8) only`);
if (!opts.token) usage("--token is required");
if (!opts.tlsCert !== !opts.tlsKey) usage("--tls-cert and --tls-key go together");

const log = opts.log ? fs.createWriteStream(opts.log, {flags: "a"}) : undefined;
const BASE = "/scim/v2";
const CONTROL = "/_test";
const MAX_BODY = 64 * 1024 * 1024;
const EXTENSIONS = {Users: opts.updraft ? [ENTERPRISE, UPDRAFT_USER] : [ENTERPRISE], Groups: opts.updraft ? [UPDRAFT_GROUP] : []};
const CASE_EXACT_MEMBER = new Set(["value", "$ref"]);
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const lower = (s) => String(s).toLowerCase();

// ---------------------------------------------------------------------------------------------
// Store: one per resource type. A record is {id, data (the resource without id, meta, members, groups and
// write-only attributes), created, lastModified, members (groups: Map value -> member)}.
// ---------------------------------------------------------------------------------------------
class Kind {
    constructor(name, resourceType, core) {
        Object.assign(this, {name, resourceType, core, extensions: EXTENSIONS[name]});
        this.byId = new Map();
        this.byExternalId = new Map();  // externalId (caseExact) -> Set(id)
        this.byName = new Map();        // Users: lower(userName) -> id (unique); Groups: lower(displayName) -> Set(id)
        this.order = null;              // byId's records as an array, for paging; rebuilt after a create or delete
    }

    ordered() {
        return (this.order ??= [...this.byId.values()]);
    }

    clear() {
        this.byId.clear();
        this.byExternalId.clear();
        this.byName.clear();
        this.order = null;
    }
}
const users = new Kind("Users", "User", USER);
const groups = new Kind("Groups", "Group", GROUP);
const memberOf = new Map();     // member id -> Set(group id)
const credentials = new Map();  // user id -> write-only attributes (password, Updraft's password hash)

function addToSet(map, key, id) {
    if (typeof key !== "string") return;
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(id);
}

function removeFromSet(map, key, id) {
    const set = typeof key === "string" ? map.get(key) : undefined;
    if (set && set.delete(id) && !set.size) map.delete(key);
}

function index(kind, rec) {
    addToSet(kind.byExternalId, rec.data.externalId, rec.id);
    if (kind === users) kind.byName.set(lower(rec.data.userName), rec.id);
    else addToSet(kind.byName, lower(rec.data.displayName), rec.id);
}

function unindex(kind, rec) {
    removeFromSet(kind.byExternalId, rec.data.externalId, rec.id);
    if (kind === users) {
        if (kind.byName.get(lower(rec.data.userName)) === rec.id) kind.byName.delete(lower(rec.data.userName));
    } else {
        removeFromSet(kind.byName, lower(rec.data.displayName), rec.id);
    }
}

// Membership bookkeeping of a group whose members go from `before` to `after` (Maps keyed by member id).
function updateMemberOf(groupId, before, after) {
    for (const value of before.keys()) if (!after.has(value)) removeFromSet(memberOf, value, groupId);
    for (const value of after.keys()) if (!before.has(value)) addToSet(memberOf, value, groupId);
}

// Removes a deleted user or group from every group that lists it.
function dropMemberEverywhere(memberId, now) {
    for (const groupId of memberOf.get(memberId) ?? []) {
        const g = groups.byId.get(groupId);
        if (g && g.members.delete(memberId)) g.lastModified = now;
    }
    memberOf.delete(memberId);
}

// ---------------------------------------------------------------------------------------------
// Statistics (GET /_test/stats)
// ---------------------------------------------------------------------------------------------
// firstRequest, lastRequest: when the first and the last SCIM request since the reset came (ms since the epoch).
const newStats = () => ({requests: {GET: 0, POST: 0, PUT: 0, PATCH: 0, DELETE: 0}, statuses: {}, credentialWrites: 0,
    bulk: {requests: 0, operations: {POST: 0, PUT: 0, PATCH: 0, DELETE: 0}}, firstRequest: null, lastRequest: null,
    cpuBase: process.cpuUsage()});
let stats = newStats();

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------
function meta(kind, rec, base) {
    return {resourceType: kind.resourceType, created: rec.created, lastModified: rec.lastModified,
        location: `${base}/${kind.name}/${rec.id}`};
}

function userGroups(rec) {
    const ids = memberOf.get(rec.id);
    if (!ids || !ids.size) return undefined;
    return [...ids].map((gid) => ({value: gid, display: groups.byId.get(gid)?.data.displayName, type: "direct"}));
}

function render(kind, rec, base) {
    const out = {...rec.data, id: rec.id};
    if (kind === groups) {
        if (rec.members.size) out.members = [...rec.members.values()];
    } else {
        const g = userGroups(rec);
        if (g) out.groups = g;
    }
    out.meta = meta(kind, rec, base);
    return out;
}

// `attributes`: only these (and id, schemas); `excludedAttributes`: all but these (RFC 7644 §3.4.2.5).
function shape(kind, rec, base, params) {
    const attributes = params?.get("attributes");
    const excluded = params?.get("excludedAttributes");
    if (attributes) return project(kind, rec, base, attributes.split(",").map((s) => s.trim()).filter(Boolean));
    const out = render(kind, rec, base);
    if (excluded) {
        for (const path of excluded.split(",").map((s) => s.trim()).filter(Boolean)) {
            const {container, key, sub} = locate(kind, out, path);
            if (!container || !key || ["id", "schemas"].includes(key)) continue;
            if (sub === undefined) delete container[key];
            else if (isObject(container[key])) delete container[key][findKey(container[key], sub) ?? sub];
        }
    }
    return out;
}

// Where `path` (attr, attr.sub, urn:…:attr[.sub], or an extension's URN) lives in `resource`: {container, key,
// sub, urnKey (the extension's key in `resource` when the container is an extension)}; {} when it cannot.
function locate(kind, resource, path) {
    let container = resource;
    let urnKey;
    let rest = path;
    if (lower(path).startsWith("urn:")) {
        const urn = [kind.core, ...kind.extensions].find((u) => lower(path) === lower(u) || lower(path).startsWith(`${lower(u)}:`));
        if (!urn) return {};
        if (lower(path) === lower(urn)) return {container: resource, key: findKey(resource, urn) ?? urn};
        rest = path.slice(urn.length + 1);
        if (urn !== kind.core) {
            urnKey = findKey(resource, urn) ?? urn;
            container = resource[urnKey];
        }
        if (!isObject(container)) return {};
    }
    const [top, sub] = rest.split(".", 2);
    return {container, key: findKey(container, top) ?? top, sub, urnKey};
}

function project(kind, rec, base, paths) {
    const out = {schemas: rec.data.schemas, id: rec.id};
    for (const path of paths) {
        const low = lower(path);
        if (low === "id" || low === "schemas") continue;
        if (low === "meta" || low.startsWith("meta.")) {
            out.meta = meta(kind, rec, base);
            continue;
        }
        if (kind === groups && (low === "members" || low.startsWith("members."))) {
            if (rec.members.size) out.members = [...rec.members.values()];
            continue;
        }
        if (kind === users && (low === "groups" || low.startsWith("groups."))) {
            const g = userGroups(rec);
            if (g) out.groups = g;
            continue;
        }
        const {container, key, sub, urnKey} = locate(kind, rec.data, path);
        if (!container || container[key] === undefined) continue;
        const target = urnKey === undefined ? out : (out[urnKey] ??= {});
        const value = container[key];
        if (sub === undefined) target[key] = value;
        else if (Array.isArray(value)) target[key] = value.map((e) => (isObject(e) ? {[sub]: e[findKey(e, sub) ?? sub]} : e));
        else if (isObject(value) && value[findKey(value, sub) ?? sub] !== undefined)
            target[key] = {...(target[key] ?? {}), [findKey(value, sub)]: value[findKey(value, sub)]};
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------------
// `schemas` lists the core schema and each extension present.
function fixSchemas(kind, data) {
    for (const urn of kind.extensions) {
        const key = findKey(data, urn);
        if (key !== undefined && (!isObject(data[key]) || !Object.keys(data[key]).length)) delete data[key];
    }
    data.schemas = [kind.core, ...kind.extensions.filter((urn) => findKey(data, urn) !== undefined)];
}

// Takes the write-only attributes out of a user's data; returns them (or undefined).
function takeWriteOnly(data) {
    let taken;
    for (const [urn, names] of Object.entries(WRITE_ONLY)) {
        const holder = urn === "core" ? data : data[findKey(data, urn) ?? urn];
        if (!isObject(holder)) continue;
        for (const name of names) {
            const key = findKey(holder, name);
            if (key === undefined) continue;
            (taken ??= {})[name] = holder[key];
            delete holder[key];
        }
    }
    return taken;
}

function normalizeMember(groupId, m) {
    if (!isObject(m) || typeof m.value !== "string" || !m.value)
        throw new ScimError(400, "a group member needs a 'value'", "invalidValue");
    const actual = users.byId.has(m.value) ? "User" : groups.byId.has(m.value) ? "Group" : undefined;
    if (!actual) throw new ScimError(400, `member '${m.value}' does not exist`, "invalidValue");
    if (m.value === groupId) throw new ScimError(400, "a group cannot be a member of itself", "invalidValue");
    if (m.type !== undefined && lower(m.type) !== lower(actual))
        throw new ScimError(400, `member '${m.value}' is a ${actual}, not a ${m.type}`, "invalidValue");
    const out = {value: m.value, type: actual};
    if (typeof m.display === "string") out.display = m.display;
    return out;
}

function memberMap(groupId, list) {
    const out = new Map();
    for (const m of list ?? []) {
        const member = normalizeMember(groupId, m);
        if (!out.has(member.value)) out.set(member.value, member);
    }
    return out;
}

// A POST or PUT body as stored data: {data, members (groups), secret (users' write-only attributes)}.
function readResource(kind, body, id) {
    if (!isObject(body)) throw new ScimError(400, "the body is not a JSON object", "invalidSyntax");
    const data = {...body};
    for (const name of ["id", "meta", kind === users ? "groups" : "members"]) {
        const key = findKey(data, name);
        if (key !== undefined) delete data[key];
    }
    let members;
    if (kind === groups) {
        const key = findKey(body, "members");
        const list = key === undefined ? [] : body[key];
        if (!Array.isArray(list)) throw new ScimError(400, "members must be a list", "invalidValue");
        members = memberMap(id, list);
    }
    const secret = kind === users ? takeWriteOnly(data) : undefined;
    fixSchemas(kind, data);
    check(kind, data, id);
    return {data, members, secret};
}

// Required attributes and userName uniqueness; canonical names for the indexed ones.
function check(kind, data, id) {
    const name = kind === users ? "userName" : "displayName";
    const key = findKey(data, name);
    if (key !== undefined && key !== name) {
        data[name] = data[key];
        delete data[key];
    }
    const extKey = findKey(data, "externalId");
    if (extKey !== undefined && extKey !== "externalId") {
        data.externalId = data[extKey];
        delete data[extKey];
    }
    if (typeof data[name] !== "string" || !data[name])
        throw new ScimError(400, `${name} is required`, "invalidValue");
    if (kind === users) {
        const owner = users.byName.get(lower(data.userName));
        if (owner !== undefined && owner !== id)
            throw new ScimError(409, `userName '${data.userName}' is already in use (id ${owner})`, "uniqueness");
    }
}

function keepSecret(id, secret) {
    if (!secret) return;
    credentials.set(id, {...credentials.get(id), ...secret});
    if (secret.passwordHash !== undefined) stats.credentialWrites++;
}

// ---------------------------------------------------------------------------------------------
// PATCH (RFC 7644 §3.5.2)
// ---------------------------------------------------------------------------------------------
const simpleEq = (f) => f && f.op === "eq" && !f.path.includes(".") && typeof f.value !== "object";

function applyOp(doc, name, p, value) {
    let container = doc;
    if (p.urn) {
        const urnKey = findKey(doc, p.urn) ?? p.urn;
        if (p.attr === undefined) {
            if (name === "remove") return void delete doc[urnKey];
            if (!isObject(value)) throw new ScimError(400, `the value for ${p.urn} must be an object`, "invalidValue");
            for (const [k, v] of Object.entries(value)) applyOp(doc, name, {urn: p.urn, attr: k}, v);
            return;
        }
        if (!isObject(doc[urnKey])) {
            if (name === "remove") return;
            doc[urnKey] = {};
        }
        container = doc[urnKey];
    }
    const key = findKey(container, p.attr) ?? p.attr;
    const current = container[key];
    if (p.filter) return applyFiltered(container, key, name, p, value);
    if (p.sub !== undefined) {
        const setSub = (element) => {
            const sk = findKey(element, p.sub) ?? p.sub;
            if (name === "remove" || value === null) delete element[sk];
            else element[sk] = value;
        };
        if (Array.isArray(current)) current.forEach((e) => isObject(e) && setSub(e));
        else if (isObject(current) || name !== "remove") {
            container[key] = isObject(current) ? {...current} : {};
            setSub(container[key]);
            if (!Object.keys(container[key]).length) delete container[key];
        }
        return;
    }
    if (name === "remove" || value === null) return void delete container[key];
    if (name === "add" && Array.isArray(current)) {
        const seen = new Set(current.map((e) => JSON.stringify(e)));
        for (const v of Array.isArray(value) ? value : [value]) if (!seen.has(JSON.stringify(v))) current.push(v);
    } else if (isObject(current) && isObject(value)) {
        container[key] = {...current, ...value};
    } else {
        container[key] = value;
    }
}

// attr[filter] and attr[filter].sub on a multi-valued attribute.
function applyFiltered(container, key, name, p, value) {
    const list = Array.isArray(container[key]) ? container[key] : [];
    const hits = list.filter((e) => isObject(e) && matches(e, p.filter));
    if (name === "remove") {
        if (p.sub !== undefined) hits.forEach((e) => delete e[findKey(e, p.sub) ?? p.sub]);
        else if (hits.length) container[key] = list.filter((e) => !hits.includes(e));
        if (Array.isArray(container[key]) && !container[key].length) delete container[key];
        return;
    }
    if (!hits.length) {
        // Nothing matched: add the element the filter describes (what clouds do for emails[type eq "work"].value).
        if (!simpleEq(p.filter)) throw new ScimError(400, `no value of ${p.attr} matches the filter`, "noTarget");
        const element = {[p.filter.path]: p.filter.value, ...(p.sub !== undefined ? {[p.sub]: value} : value)};
        container[key] = [...list, element];
        return;
    }
    for (const e of hits) {
        if (p.sub !== undefined) e[findKey(e, p.sub) ?? p.sub] = value;
        else if (isObject(value)) Object.assign(e, value);
    }
}

// Group members, kept in a Map: add, replace, remove (all, listed values, or members[value eq "…"] etc.).
function applyMembers(groupId, members, name, p, value) {
    if (p.sub !== undefined) throw new ScimError(400, "members' sub-attributes are immutable", "mutability");
    const list = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
    if (p.filter) {
        let hit;
        if (simpleEq(p.filter) && lower(p.filter.path) === "value") hit = members.has(p.filter.value) ? [p.filter.value] : [];
        else hit = [...members.values()].filter((m) => matches(m, p.filter, CASE_EXACT_MEMBER)).map((m) => m.value);
        if (name === "remove") hit.forEach((v) => members.delete(v));
        else if (hit.length) throw new ScimError(400, "members' sub-attributes are immutable", "mutability");
        return;
    }
    if (name === "remove") {
        if (!list.length) members.clear();
        for (const m of list) members.delete(isObject(m) ? m.value : m);
        return;
    }
    if (name === "replace") members.clear();
    for (const m of list) {
        const member = normalizeMember(groupId, m);
        if (!members.has(member.value)) members.set(member.value, member);
    }
}

function patch(kind, rec, body) {
    if (!isObject(body) || !Array.isArray(body.Operations) || !body.Operations.length)
        throw new ScimError(400, "a PatchOp needs Operations", "invalidSyntax");
    const doc = structuredClone(rec.data);
    const members = kind === groups ? new Map(rec.members) : undefined;
    const apply = (name, p, value) => {
        if (members && !p.urn && lower(p.attr) === "members") applyMembers(rec.id, members, name, p, value);
        else if (["id", "meta", "schemas", "groups"].includes(lower(p.attr ?? "")) && !p.urn)
            throw new ScimError(400, `${p.attr} cannot be changed`, "mutability");
        else applyOp(doc, name, p, value);
    };
    for (const op of body.Operations) {
        const name = lower(op?.op ?? "");
        if (!["add", "replace", "remove"].includes(name)) throw new ScimError(400, `unknown op '${op?.op}'`, "invalidSyntax");
        if (op.path === undefined || op.path === "") {
            if (name === "remove") throw new ScimError(400, "remove needs a path", "noTarget");
            if (!isObject(op.value)) throw new ScimError(400, `${name} without a path needs an object value`, "invalidValue");
            for (const [k, v] of Object.entries(op.value)) {
                if (["schemas", "id", "meta"].includes(lower(k))) continue;
                apply(name, lower(k).startsWith("urn:") ? parsePatchPath(k, kind.extensions) : {attr: k}, v);
            }
        } else {
            if (typeof op.path !== "string") throw new ScimError(400, "path must be a string", "invalidPath");
            apply(name, parsePatchPath(op.path, kind.extensions), op.value);
        }
    }
    const secret = kind === users ? takeWriteOnly(doc) : undefined;
    fixSchemas(kind, doc);
    check(kind, doc, rec.id);
    return {data: doc, members, secret};
}

// ---------------------------------------------------------------------------------------------
// Requests: one function for HTTP and Bulk. Returns {status, body, location}; throws ScimError.
// ---------------------------------------------------------------------------------------------
function kindOf(segment) {
    return segment === "Users" ? users : segment === "Groups" ? groups : undefined;
}

function select(kind, filterText) {
    if (filterText === null || filterText === undefined || !filterText.trim()) return kind.ordered();
    const f = parseFilter(filterText);
    if (f.op === "eq" && typeof f.value === "string") {
        const path = lower(f.path).replace(/^urn:ietf:params:scim:schemas:core:2\.0:(user|group):/, "");
        let ids;
        if (path === "id") ids = [f.value];
        else if (path === "externalid") ids = kind.byExternalId.get(f.value);
        else if (kind === users && path === "username") ids = [users.byName.get(lower(f.value))];
        else if (kind === groups && path === "displayname") ids = groups.byName.get(lower(f.value));
        if (path === "id" || path === "externalid" || (kind === users && path === "username")
            || (kind === groups && path === "displayname"))
            return [...(ids ?? [])].map((id) => kind.byId.get(id)).filter(Boolean);
    }
    return kind.ordered().filter((rec) => matches(render(kind, rec, ""), f));
}

function list(kind, params, base) {
    const found = select(kind, params.get("filter"));
    const startIndex = Math.max(1, Number.parseInt(params.get("startIndex") ?? "1", 10) || 1);
    const asked = params.get("count");
    const count = Math.min(asked === null ? opts.maxResults : Math.max(0, Number.parseInt(asked, 10) || 0), opts.maxResults);
    const page = found.slice(startIndex - 1, startIndex - 1 + count);
    return {status: 200, body: {schemas: [LIST], totalResults: found.length, itemsPerPage: page.length, startIndex,
        Resources: page.map((rec) => shape(kind, rec, base, params))}};
}

function handle(method, segs, params, body, base) {
    const now = new Date().toISOString();
    const [top, id, more] = segs;
    const kind = kindOf(top);
    if (kind && segs.length === 1) {
        if (method === "GET") return list(kind, params, base);
        if (method !== "POST") throw new ScimError(405, `${method} is not allowed on /${top}`);
        const newId = randomUUID();
        const input = readResource(kind, body, newId);
        const rec = {id: newId, data: input.data, created: now, lastModified: now, members: input.members};
        kind.byId.set(newId, rec);
        kind.order = null;
        index(kind, rec);
        if (kind === groups) updateMemberOf(newId, new Map(), rec.members);
        keepSecret(newId, input.secret);
        return {status: 201, body: shape(kind, rec, base, params), location: `${base}/${top}/${newId}`};
    }
    if (kind && segs.length === 2) {
        const rec = kind.byId.get(id);
        if (!rec) throw new ScimError(404, `${kind.resourceType} ${id} not found`);
        const location = `${base}/${top}/${id}`;
        if (method === "GET") return {status: 200, body: shape(kind, rec, base, params), location};
        if (method === "DELETE") {
            unindex(kind, rec);
            kind.byId.delete(id);
            kind.order = null;
            if (kind === groups) updateMemberOf(id, rec.members, new Map());
            else credentials.delete(id);
            dropMemberEverywhere(id, now);
            return {status: 204, location};
        }
        if (method !== "PUT" && method !== "PATCH") throw new ScimError(405, `${method} is not allowed on /${top}/{id}`);
        const input = method === "PUT" ? readResource(kind, body, id) : patch(kind, rec, body);
        unindex(kind, rec);
        if (kind === groups) {
            updateMemberOf(id, rec.members, input.members);
            rec.members = input.members;
        }
        rec.data = input.data;
        rec.lastModified = now;
        index(kind, rec);
        keepSecret(id, input.secret);
        if (method === "PATCH" && opts.patchNoContent) return {status: 204, location};
        return {status: 200, body: shape(kind, rec, base, params), location};
    }
    const docs = discovery(base);
    if (method === "GET" && segs.length <= 2 && more === undefined) {
        if (top === "ServiceProviderConfig" && !id) return {status: 200, body: docs.serviceProviderConfig};
        if (top === "Schemas" && !id) return {status: 200, body: docs.schemaList};
        if (top === "ResourceTypes" && !id) return {status: 200, body: docs.resourceTypeList};
        const found = (top === "Schemas" ? docs.schemas : top === "ResourceTypes" ? docs.resourceTypes : []).find((d) => d.id === id);
        if (found) return {status: 200, body: found};
    }
    throw new ScimError(404, `no endpoint /${segs.join("/")}`);
}

let discoveryCache;
function discovery(base) {
    if (discoveryCache?.base !== base) discoveryCache = {base, docs: discoveryDocuments(opts, base)};
    return discoveryCache.docs;
}

// RFC 7644 §3.7: operations run in order; "bulkId:x" stands for the id a POST with bulkId x created.
function bulk(body, size, base) {
    if (!opts.bulk) throw new ScimError(501, "bulk is not supported");
    if (size > opts.bulkMaxPayload) throw new ScimError(413, `the request exceeds maxPayloadSize ${opts.bulkMaxPayload}`);
    if (!isObject(body) || !Array.isArray(body.Operations)) throw new ScimError(400, "not a BulkRequest", "invalidSyntax");
    if (body.Operations.length > opts.bulkMaxOperations)
        throw new ScimError(413, `the request exceeds maxOperations ${opts.bulkMaxOperations}`);
    stats.bulk.requests++;
    const created = new Map();
    const resolve = (v) => {
        if (typeof v === "string") {
            return v.replace(/bulkId:([^/"\s]+)/g, (_, ref) => {
                if (!created.has(ref)) throw new ScimError(409, `bulkId ${ref} is not defined (yet)`, "invalidValue");
                return created.get(ref);
            });
        }
        if (Array.isArray(v)) return v.map(resolve);
        if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
        return v;
    };
    const failOnErrors = Number.isInteger(body.failOnErrors) && body.failOnErrors > 0 ? body.failOnErrors : Infinity;
    let errors = 0;
    const results = [];
    for (const op of body.Operations) {
        if (errors >= failOnErrors) break;
        const method = String(op?.method ?? "").toUpperCase();
        const result = {method};
        if (op?.bulkId !== undefined) result.bulkId = op.bulkId;
        try {
            if (!["POST", "PUT", "PATCH", "DELETE"].includes(method)) throw new ScimError(400, `method '${op?.method}'`, "invalidSyntax");
            stats.bulk.operations[method]++;
            if (method === "POST" && typeof op.bulkId !== "string") throw new ScimError(400, "a POST needs a bulkId", "invalidSyntax");
            const path = resolve(String(op.path ?? ""));
            const segs = path.split("?")[0].split("/").filter(Boolean).map(decodeURIComponent);
            if (!kindOf(segs[0]) || segs.length !== (method === "POST" ? 1 : 2))
                throw new ScimError(400, `path '${op.path}'`, "invalidPath");
            const r = handle(method, segs, undefined, resolve(op.data), base);
            if (method === "POST") created.set(op.bulkId, r.body.id);
            result.location = r.location;
            result.status = String(r.status);
        } catch (ex) {
            if (!(ex instanceof ScimError)) throw ex;
            errors++;
            result.status = String(ex.status);
            result.response = errorBody(ex);
        }
        results.push(result);
    }
    return {status: 200, body: {schemas: [BULK_RESPONSE], Operations: results}};
}

// ---------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------
function errorBody(ex) {
    const out = {schemas: [ERROR], status: String(ex.status), detail: ex.message};
    if (ex.scimType) out.scimType = ex.scimType;
    return out;
}

// A SCIM answer (counted in stats.statuses).
function send(res, status, body, headers = {}) {
    stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
    if (log) log.write(`${new Date().toISOString()} ${res.req.method} ${res.req.url} ${status}\n`);
    write(res, status, body, headers);
}

function write(res, status, body, headers = {}) {
    if (body === undefined) {
        res.writeHead(status, headers);
        return res.end();
    }
    const text = JSON.stringify(body);
    res.writeHead(status, {"Content-Type": "application/scim+json", "Content-Length": Buffer.byteLength(text), ...headers});
    res.end(text);
}

function statsBody() {
    const cpu = process.cpuUsage(stats.cpuBase);
    let memberships = 0;
    for (const g of groups.byId.values()) memberships += g.members.size;
    const {cpuBase, ...counters} = stats;
    return {...counters, users: users.byId.size, groups: groups.byId.size, memberships,
        cpuSeconds: (cpu.user + cpu.system) / 1e6, rssMiB: Math.round(process.memoryUsage().rss / 1048576)};
}

// Test control, outside the SCIM base and without a token (loopback only).
function control(req, res, path) {
    if (req.method === "GET" && path === `${CONTROL}/stats`) return write(res, 200, statsBody());
    if (req.method === "POST" && path === `${CONTROL}/stats/reset`) {
        stats = newStats();
        return write(res, 204);
    }
    if (req.method === "POST" && path === `${CONTROL}/reset`) {
        users.clear();
        groups.clear();
        memberOf.clear();
        credentials.clear();
        stats = newStats();
        return write(res, 204);
    }
    return write(res, 404, {error: "not found", path});
}

const tls = opts.tlsCert ? {cert: fs.readFileSync(opts.tlsCert), key: fs.readFileSync(opts.tlsKey)} : null;
const server = (tls ? https.createServer.bind(https, tls) : http.createServer)((req, res) => {
    const url = req.url;
    const q = url.indexOf("?");
    const path = q < 0 ? url : url.slice(0, q);
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
        size += chunk.length;
        if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on("end", () => {
        if (path.startsWith(`${CONTROL}/`)) return control(req, res, path);
        if (path !== BASE && !path.startsWith(`${BASE}/`)) return write(res, 404, errorBody(new ScimError(404, `no endpoint ${path}`)));
        stats.requests[req.method] = (stats.requests[req.method] ?? 0) + 1;
        stats.lastRequest = Date.now();
        stats.firstRequest ??= stats.lastRequest;
        const auth = req.headers.authorization ?? "";
        if (auth !== `Bearer ${opts.token}` && !(auth.slice(0, 7).toLowerCase() === "bearer " && auth.slice(7).trim() === opts.token))
            return send(res, 401, errorBody(new ScimError(401, auth ? "invalid bearer token" : "missing bearer token")),
                {"WWW-Authenticate": 'Bearer realm="scim"'});
        try {
            if (size > MAX_BODY) throw new ScimError(413, `the body exceeds ${MAX_BODY} bytes`);
            let body;
            if (size) {
                try {
                    body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
                } catch (ex) {
                    throw new ScimError(400, `the body is not JSON: ${ex.message}`, "invalidSyntax");
                }
            }
            const segs = path.slice(BASE.length).split("/").filter(Boolean).map(decodeURIComponent);
            const base = `http://${req.headers.host}${BASE}`;
            const params = new URLSearchParams(q < 0 ? "" : url.slice(q + 1));
            const r = segs.length === 1 && segs[0] === "Bulk" && req.method === "POST" ? bulk(body, size, base)
                : handle(req.method, segs, params, body, base);
            send(res, r.status, r.body, r.status === 201 ? {Location: r.location} : {});
        } catch (ex) {
            if (ex instanceof ScimError) return send(res, ex.status, errorBody(ex));
            if (ex instanceof URIError) return send(res, 400, errorBody(new ScimError(400, ex.message, "invalidPath")));
            process.stderr.write(`server.mjs: ${req.method} ${url}: ${ex?.stack ?? ex}\n`);
            send(res, 500, errorBody(new ScimError(500, String(ex?.message ?? ex))));
        }
    });
});
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.requestTimeout = 0;
server.on("error", (ex) => {
    process.stderr.write(`server.mjs: cannot listen on ${opts.host}:${opts.port}: ${ex.message}\n`);
    process.exit(1);
});
server.listen(opts.port, opts.host, () => {
    const {port} = server.address();
    if (opts.portFile) {
        fs.writeFileSync(`${opts.portFile}.tmp`, `${port}\n`);
        fs.renameSync(`${opts.portFile}.tmp`, opts.portFile);
    }
    process.stdout.write(`ready ${tls ? "https" : "http"}://${opts.host}:${port}${BASE}\n`);
});

function shutdown() {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
