#!/usr/bin/env node
// Updraft SCIM 2.0 test peer (RFC 7643 / RFC 7644), in-memory.
//
// Protocol handling, schema coercion and PATCH come from SCIMMY (scimmy + scimmy-routers);
// this file supplies storage with indexes, bearer-token auth, uniqueness, group membership
// bookkeeping, a fast paginated list path, fault injection and a test-control API.
// Start options make it behave like a strict cloud (strict.js) and offer RFC 7644 Bulk (bulk.js).
//
//   node server.js --host 127.0.0.1 --port PORT --token TOKEN [OPTIONS]
//
// Prints "ready http://HOST:PORT/scim/v2" on stdout once listening. See README.md (and usage() below).

import express from "express";
import {readFileSync} from "node:fs";
import http from "node:http";
import https from "node:https";
import {randomUUID} from "node:crypto";
import {SCIMMYRouters, SCIMMY} from "scimmy-routers";
import {STRICT_MAX_RESULTS, applyStrictSchemas, checkFilter, checkResourceBody, checkPatchBody, checkUserMembers,
    patchedMembers, checkUserEmails} from "./strict.js";
import {bulkRouter, isBulkSubrequest, BULK_METHODS} from "./bulk.js";

const {Resources, Schemas, Types, Messages} = SCIMMY;

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------
const USAGE = `usage: node server.js --host 127.0.0.1 --port PORT --token TOKEN [OPTIONS]
  --unique-group-names        409 on a second group with the same displayName
  --lenient-members           accept group members that do not exist
  --log                       log every request on stdout
  --strict                    behave like a strict cloud: filters only 'eq' joined by 'and', at most
                              ${STRICT_MAX_RESULTS} resources a page, group members Users only, users need emails,
                              unknown attributes/schemas refused (400)
  --drop-attribute NAME       the User schema lacks attribute NAME (e.g. phoneNumbers, name.middleName,
                              urn:...:enterprise:2.0:User:manager); repeatable
  --no-enterprise             do not declare the enterprise User extension
  --bulk                      offer RFC 7644 Bulk (POST /Bulk)
  --bulk-max-operations N     Bulk maxOperations (default 100)
  --bulk-max-payload BYTES    Bulk maxPayloadSize (default 1048576)
  --etag                      ETag headers, If-Match on PUT/PATCH/DELETE (412), If-None-Match on GET (304)
  --no-patch                  PATCH answers 501 (clients must PUT)
  --no-discovery              /ServiceProviderConfig, /Schemas and /ResourceTypes answer 404
  --tls-cert FILE --tls-key FILE
                              HTTPS with this certificate and key (PEM), as every real cloud; the ready
                              line and the test-control API say https://
`;

function usage(msg) {
    if (msg) process.stderr.write(`server.js: ${msg}\n`);
    process.stderr.write(USAGE);
    process.exit(2);
}

const opts = {host: "127.0.0.1", port: undefined, token: undefined, uniqueGroupNames: false,
    lenientMembers: false, log: false, strict: false, dropAttributes: [], enterprise: true, bulk: false,
    bulkMaxOperations: undefined, bulkMaxPayload: undefined, etag: false, patch: true, discovery: true};
{
    const argv = process.argv.slice(2);
    const count = (flag, v) => (/^\d+$/.test(v) && Number(v) >= 1 ? Number(v) : usage(`${flag} needs a positive integer`));
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const [flag, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
        const value = () => inline ?? (i + 1 < argv.length ? argv[++i] : usage(`${flag} needs a value`));
        switch (flag) {
            case "--host": opts.host = value(); break;
            case "--port": opts.port = value(); break;
            case "--token": opts.token = value(); break;
            case "--unique-group-names": opts.uniqueGroupNames = true; break;
            case "--lenient-members": opts.lenientMembers = true; break;
            case "--log": opts.log = true; break;
            case "--strict": opts.strict = true; break;
            case "--drop-attribute": opts.dropAttributes.push(value()); break;
            case "--no-enterprise": opts.enterprise = false; break;
            case "--bulk": opts.bulk = true; break;
            case "--bulk-max-operations": opts.bulkMaxOperations = count(flag, value()); break;
            case "--bulk-max-payload": opts.bulkMaxPayload = count(flag, value()); break;
            case "--etag": opts.etag = true; break;
            case "--no-patch": opts.patch = false; break;
            case "--no-discovery": opts.discovery = false; break;
            case "--tls-cert": opts.tlsCert = value(); break;
            case "--tls-key": opts.tlsKey = value(); break;
            case "-h": case "--help": usage();
            default: usage(`unknown argument '${a}'`);
        }
    }
}

function isLoopbackV4(host) {
    const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(String(host));
    return !!m && m.slice(1).every((o) => Number(o) <= 255);
}

if (!opts.tlsCert !== !opts.tlsKey) usage("--tls-cert and --tls-key go together");
if (!isLoopbackV4(opts.host)) usage(`refusing to listen on '${opts.host}': only 127.0.0.0/8 addresses are allowed`);
if (opts.port === undefined || !/^\d+$/.test(opts.port) || Number(opts.port) > 65535) usage("--port must be 0..65535");
if (!opts.token) usage("--token is required");
opts.port = Number(opts.port);
if (!opts.bulk && (opts.bulkMaxOperations !== undefined || opts.bulkMaxPayload !== undefined))
    usage("--bulk-max-operations and --bulk-max-payload need --bulk");
opts.bulkMaxOperations ??= 100;
opts.bulkMaxPayload ??= 1048576;

// ---------------------------------------------------------------------------------------------
// Schemas and service provider configuration
// ---------------------------------------------------------------------------------------------
export const ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
// Updraft's credential extension (docs/password-hash-sync.md): a password hash the cloud can verify sign-ins
// against. SCIM's own `password` is write-only cleartext. Every attribute is write-only (returned "never"); the peer
// keeps them beside the user, and /_test/dump?passwords=1 shows them to tests.
// (SCIMMY only accepts schema ids under urn:ietf:params:scim:schemas:)
export const UPDRAFT_PASSWORD = "urn:ietf:params:scim:schemas:extension:updraft:2.0:User";

const PasswordExtension = new Types.SchemaDefinition("UpdraftCredential", UPDRAFT_PASSWORD,
    "Updraft password-hash credential", [
        new Types.Attribute("string", "passwordHashFormat", {caseExact: true, returned: "never",
            canonicalValues: ["PPH1_MD4", "RFC2307"],
            description: "PPH1_MD4 ('v1;PPH1_MD4,<salt>,<iterations>,<hash>;') or RFC2307 ('{SCHEME}value')."}),
        new Types.Attribute("string", "passwordHash", {caseExact: true, returned: "never",
            description: "The hash, in the format passwordHashFormat names."}),
        new Types.Attribute("string", "configuration", {caseExact: true,
            description: "The Updraft configuration (domain) that provisions this user."}),
        new Types.Attribute("dateTime", "passwordChangedAt", {returned: "never",
            description: "When the password last changed on premises, if the directory says."})
    ]);

// The enterprise extension is silently dropped by SCIMMY unless declared like this (--no-enterprise: not declared,
// so SCIMMY drops it, and strict mode refuses it as unknown).
if (opts.enterprise) Resources.User.extend(Schemas.EnterpriseUser);
Resources.declare(Resources.User.extend(PasswordExtension));
export const UPDRAFT_GROUP = "urn:ietf:params:scim:schemas:extension:updraft:2.0:Group";
const GroupExtension = new Types.SchemaDefinition("UpdraftGroup", UPDRAFT_GROUP, "Updraft group provenance", [
    new Types.Attribute("string", "configuration", {caseExact: true,
        description: "The Updraft configuration (domain) that provisions this group."})
]);
Resources.declare(Resources.Group.extend(GroupExtension));

// --drop-attribute NAME: take NAME out of the User schema (SCIMMY then ignores it on input, strict mode refuses it).
for (const name of opts.dropAttributes) {
    const def = Schemas.User.definition;
    let attr;
    try {
        attr = def.attribute(name);
    } catch (ex) {
        usage(`--drop-attribute ${name}: ${ex.message}`);
    }
    if (attr instanceof Types.SchemaDefinition || ["schemas", "id", "meta", "username"].includes(name.toLowerCase()))
        usage(`--drop-attribute ${name}: cannot drop that (only ordinary attributes and sub-attributes)`);
    const ext = name.toLowerCase().startsWith("urn:")
        ? def.attributes.find((a) => a instanceof Types.SchemaDefinition && name.toLowerCase().startsWith(`${a.id.toLowerCase()}:`))
        : undefined;
    if (!ext) def.truncate(name);
    else {
        // An extension attribute: truncate the extension's own definition (the User schema holds a view of it).
        const rest = name.slice(ext.id.length + 1);
        const owner = Object.getPrototypeOf(ext);
        if (rest.includes(".")) owner.attribute(rest.slice(0, rest.lastIndexOf("."))).truncate(attr);
        else owner.truncate(attr);
    }
}
if (opts.strict) applyStrictSchemas(Schemas);

const MAX_RESULTS = opts.strict ? STRICT_MAX_RESULTS : 1000;   // hard cap on itemsPerPage
const DEFAULT_COUNT = 100;  // itemsPerPage when the client gives no count
const MAX_PAYLOAD = 32 * 1024 * 1024;
// Must precede the router: its JSON body parser takes its size limit from bulk.maxPayloadSize.
SCIMMY.Config.set({bulk: {maxPayloadSize: MAX_PAYLOAD}});

// ---------------------------------------------------------------------------------------------
// In-memory storage with indexes
// ---------------------------------------------------------------------------------------------
const lc = (s) => String(s).toLowerCase();

function addToSetIndex(map, key, id) {
    if (key === undefined || key === null) return;
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(id);
}

function removeFromSetIndex(map, key, id) {
    if (key === undefined || key === null) return;
    const set = map.get(key);
    if (set) {
        set.delete(id);
        if (!set.size) map.delete(key);
    }
}

const db = {
    users: new Map(),              // id -> stored user (plain JSON, no password)
    groups: new Map(),             // id -> stored group
    passwords: new Map(),          // user id -> cleartext password (write-only attribute)
    credentials: new Map(),        // user id -> Updraft credential extension (write-only attributes)
    userByName: new Map(),         // lower(userName) -> id            (unique)
    userByExternalId: new Map(),   // externalId -> Set(id)            (caseExact)
    groupByName: new Map(),        // lower(displayName) -> Set(id)
    groupByExternalId: new Map(),  // externalId -> Set(id)
    memberOf: new Map(),           // member id (user or group) -> Set(group id)
    version: 0,
    clear() {
        for (const k of ["users", "groups", "passwords", "credentials", "userByName", "userByExternalId", "groupByName",
            "groupByExternalId", "memberOf"]) this[k].clear();
    }
};

function nextVersion() {
    return `W/"${++db.version}"`;
}

function indexUser(u) {
    db.userByName.set(lc(u.userName), u.id);
    addToSetIndex(db.userByExternalId, u.externalId, u.id);
}

function unindexUser(u) {
    if (db.userByName.get(lc(u.userName)) === u.id) db.userByName.delete(lc(u.userName));
    removeFromSetIndex(db.userByExternalId, u.externalId, u.id);
}

function indexGroup(g) {
    addToSetIndex(db.groupByName, lc(g.displayName), g.id);
    addToSetIndex(db.groupByExternalId, g.externalId, g.id);
    for (const m of g.members ?? []) addToSetIndex(db.memberOf, m.value, g.id);
}

function unindexGroup(g) {
    removeFromSetIndex(db.groupByName, lc(g.displayName), g.id);
    removeFromSetIndex(db.groupByExternalId, g.externalId, g.id);
    for (const m of g.members ?? []) removeFromSetIndex(db.memberOf, m.value, g.id);
}

// Removes a deleted object from every group that lists it as a member.
function dropMemberEverywhere(memberId) {
    const parents = db.memberOf.get(memberId);
    if (!parents) return;
    const now = new Date().toISOString();
    for (const gid of [...parents]) {
        const g = db.groups.get(gid);
        if (!g) continue;
        unindexGroup(g);
        renderCache.delete(g);
        g.members = g.members.filter((m) => m.value !== memberId);
        if (!g.members.length) delete g.members;
        g.meta.lastModified = now;
        g.meta.version = nextVersion();
        indexGroup(g);
    }
    db.memberOf.delete(memberId);
}

// The read-only "groups" attribute of a user (direct memberships).
function userGroups(u) {
    const groups = [];
    for (const gid of db.memberOf.get(u.id) ?? []) {
        const g = db.groups.get(gid);
        if (g) groups.push({value: gid, display: g.displayName, type: "direct"});
    }
    return groups;
}

// What SCIMMY gets to render: stored object plus computed read-only attributes.
function userView(u) {
    const groups = userGroups(u);
    return groups.length ? {...u, groups} : u;
}

const groupView = (g) => g;

// Outbound representation. SCIMMY's coercion costs ~0.25 ms per user, so the full (no attributes=)
// rendering of each stored version is cached; stored objects are replaced, never mutated, on write
// (except member lists trimmed by dropMemberEverywhere, which drops the cache entry).
const renderCache = new WeakMap();

function render(kind, stored, base, attributes) {
    const Schema = kind === "Users" ? Schemas.User : Schemas.Group;
    if (attributes) return new Schema(kind === "Users" ? userView(stored) : stored, "out", base, attributes);
    let cached = renderCache.get(stored);
    if (!cached || cached.base !== base) {
        cached = {base, out: JSON.parse(JSON.stringify(new Schema(stored, "out", base)))};
        renderCache.set(stored, cached);
    }
    if (kind !== "Users") return cached.out;
    const groups = userGroups(stored);
    return groups.length ? {...cached.out, groups} : cached.out;
}

// True when a write carries exactly what is stored (then meta.lastModified/version stay as they are).
function unchanged(existing, data) {
    const {id, meta, ...rest} = existing;
    return JSON.stringify(rest) === JSON.stringify(data);
}

// Turns a coerced inbound SCIMMY instance into a plain stored object.
function plain(instance) {
    const data = JSON.parse(JSON.stringify(instance));
    delete data.id;
    delete data.meta;
    delete data.groups;
    return data;
}

// ---------------------------------------------------------------------------------------------
// Query engine: index lookups for eq on id/userName/externalId/displayName, SCIMMY Filter otherwise
// ---------------------------------------------------------------------------------------------
const INDEXED = {
    Users: {
        id: (v) => (db.users.has(v) ? [v] : []),
        username: (v) => {
            const id = db.userByName.get(lc(v));
            return id ? [id] : [];
        },
        externalid: (v) => [...(db.userByExternalId.get(v) ?? [])]
    },
    Groups: {
        id: (v) => (db.groups.has(v) ? [v] : []),
        displayname: (v) => [...(db.groupByName.get(lc(v)) ?? [])],
        externalid: (v) => [...(db.groupByExternalId.get(v) ?? [])]
    }
};

// SCIMMY's Filter.match looks extension attributes up under their full "urn:...:attr" name.
function matchView(obj) {
    let out = obj;
    for (const [k, v] of Object.entries(obj)) {
        if (k.startsWith("urn:") && v && typeof v === "object" && !Array.isArray(v)) {
            if (out === obj) out = {...obj};
            for (const [sk, sv] of Object.entries(v)) out[`${k}:${sk}`] = sv;
        }
    }
    return out;
}

function query(kind, filter) {
    const store = kind === "Users" ? db.users : db.groups;
    const view = kind === "Users" ? userView : groupView;
    if (!filter || !filter.length) return [...store.values()].map(view);

    const hits = new Set();  // ids, in order of discovery
    for (const branch of filter) {
        let candidates;
        let rest = branch;
        for (const [key, expr] of Object.entries(branch)) {
            const lookup = INDEXED[kind][key.toLowerCase()];
            if (lookup && Array.isArray(expr) && expr.length === 2 && typeof expr[0] === "string"
                && expr[0].toLowerCase() === "eq" && typeof expr[1] === "string") {
                candidates = lookup(expr[1]);
                rest = Object.fromEntries(Object.entries(branch).filter(([k]) => k !== key));
                break;
            }
        }
        let objs = (candidates ?? [...store.keys()]).map((id) => store.get(id)).filter(Boolean).map(view);
        if (Object.keys(rest).length) {
            const f = new Types.Filter([rest]);
            const views = objs.map(matchView);
            const matched = new Set(f.match(views));
            objs = objs.filter((o, i) => matched.has(views[i]));
        }
        for (const o of objs) hits.add(o.id);
    }
    const out = [...hits].map((id) => view(store.get(id)));
    // Several OR branches: restore creation order, as a plain scan would give.
    return filter.length > 1 ? out.sort((a, b) => a.meta.seq - b.meta.seq) : out;
}

// ---------------------------------------------------------------------------------------------
// SCIMMY handlers
// ---------------------------------------------------------------------------------------------
const notFound = (id) => new Types.Error(404, null, `Resource ${id} not found`);

Resources.User.egress(async (resource) => {
    if (resource.id) {
        const u = db.users.get(resource.id);
        if (!u) throw notFound(resource.id);
        return userView(u);
    }
    return query("Users", resource.filter);
});

Resources.User.ingress(async (resource, instance) => {
    const data = plain(instance);
    const password = instance.password;
    // Write-only attributes are left out of the instance's JSON; read them one by one.
    const ext = instance[UPDRAFT_PASSWORD];
    const credential = ext?.passwordHash !== undefined ? {passwordHashFormat: ext.passwordHashFormat,
        passwordHash: ext.passwordHash, passwordChangedAt: ext.passwordChangedAt === undefined ? undefined
            : new Date(ext.passwordChangedAt).toISOString()} : undefined;
    // Only the readable part of the extension (configuration) is stored with the user.
    if (!data[UPDRAFT_PASSWORD] || !Object.keys(data[UPDRAFT_PASSWORD]).length) {
        delete data[UPDRAFT_PASSWORD];
        if (Array.isArray(data.schemas)) data.schemas = data.schemas.filter((id) => id !== UPDRAFT_PASSWORD);
    }
    if (credential?.passwordHash !== undefined && options.rejectCredentials)
        throw new Types.Error(400, "invalidValue", `This tenant does not accept password hashes (${UPDRAFT_PASSWORD})`);
    if (credential?.passwordHash !== undefined && !["PPH1_MD4", "RFC2307"].includes(credential.passwordHashFormat))
        throw new Types.Error(400, "invalidValue", "passwordHashFormat must be PPH1_MD4 or RFC2307");
    const existing = resource.id ? db.users.get(resource.id) : undefined;
    if (resource.id && !existing) throw notFound(resource.id);
    // Strict: POST, PUT and the result of a PATCH all need an email (the emails attribute is required).
    if (opts.strict && Schemas.User.definition.attributes.some((a) => a.name === "emails")) checkUserEmails(data);

    const owner = db.userByName.get(lc(data.userName));
    if (owner !== undefined && owner !== resource.id)
        throw new Types.Error(409, "uniqueness", `userName '${data.userName}' is already in use (id ${owner})`);

    const now = new Date().toISOString();
    let stored;
    if (existing) {
        unindexUser(existing);
        stored = {...data, id: existing.id, meta: unchanged(existing, data) && password === undefined
            ? {...existing.meta} : {...existing.meta, lastModified: now, version: nextVersion()}};
    } else {
        const id = randomUUID();
        stored = {...data, id, meta: {resourceType: "User", created: now, lastModified: now, version: nextVersion()}};
    }
    Object.defineProperty(stored.meta, "seq", {value: existing?.meta.seq ?? db.version, enumerable: false});
    db.users.set(stored.id, stored);
    indexUser(stored);
    // PUT/PATCH bodies never carry the write-only password back: keep the old one unless a new one came.
    if (password !== undefined) db.passwords.set(stored.id, password);
    if (credential?.passwordHash !== undefined) {
        db.credentials.set(stored.id, credential);
        stats.credentialWrites++;
    }
    return userView(stored);
});

Resources.User.degress(async (resource) => {
    const u = db.users.get(resource.id);
    if (!u) throw notFound(resource.id);
    unindexUser(u);
    db.users.delete(u.id);
    db.passwords.delete(u.id);
    db.credentials.delete(u.id);
    dropMemberEverywhere(u.id);
});

function normaliseMembers(groupId, members) {
    if (!members) return undefined;
    // Strict: Users only, whatever the path of the write (checked before anything is stored).
    if (opts.strict) checkUserMembers(members, (id) => db.groups.has(id));
    const seen = new Map();
    for (const m of members) {
        if (!m || typeof m.value !== "string" || !m.value.length)
            throw new Types.Error(400, "invalidValue", "Group member without a 'value'");
        if (seen.has(m.value)) continue;
        let type = m.type;
        if (!opts.lenientMembers) {
            const isUser = db.users.has(m.value);
            const isGroup = db.groups.has(m.value);
            if (!isUser && !isGroup)
                throw new Types.Error(400, "invalidValue", `Member '${m.value}' does not exist`);
            if (m.value === groupId)
                throw new Types.Error(400, "invalidValue", "A group cannot be a member of itself");
            const actual = isUser ? "User" : "Group";
            if (type !== undefined && lc(type) !== lc(actual))
                throw new Types.Error(400, "invalidValue", `Member '${m.value}' is a ${actual}, not a ${type}`);
            type = actual;
        }
        const clean = {value: m.value};
        if (m.display !== undefined) clean.display = m.display;
        if (type !== undefined) clean.type = type;
        seen.set(m.value, clean);
    }
    return seen.size ? [...seen.values()] : undefined;
}

Resources.Group.egress(async (resource) => {
    if (resource.id) {
        const g = db.groups.get(resource.id);
        if (!g) throw notFound(resource.id);
        return groupView(g);
    }
    return query("Groups", resource.filter);
});

Resources.Group.ingress(async (resource, instance) => {
    const data = plain(instance);
    const existing = resource.id ? db.groups.get(resource.id) : undefined;
    if (resource.id && !existing) throw notFound(resource.id);

    if (opts.uniqueGroupNames) {
        const owners = db.groupByName.get(lc(data.displayName));
        const other = owners && [...owners].find((id) => id !== resource.id);
        if (other)
            throw new Types.Error(409, "uniqueness", `displayName '${data.displayName}' is already in use (id ${other})`);
    }

    return groupView(storeGroup(existing, data));
});

// Validates members and saves a group (new when `existing` is undefined); returns the stored object.
function storeGroup(existing, data) {
    const id = existing?.id ?? randomUUID();
    const members = normaliseMembers(id, data.members);
    if (members) data.members = members;
    else delete data.members;

    const now = new Date().toISOString();
    let stored;
    if (existing) {
        unindexGroup(existing);
        stored = {...data, id, meta: unchanged(existing, data)
            ? {...existing.meta} : {...existing.meta, lastModified: now, version: nextVersion()}};
    } else {
        stored = {...data, id, meta: {resourceType: "Group", created: now, lastModified: now, version: nextVersion()}};
    }
    Object.defineProperty(stored.meta, "seq", {value: existing?.meta.seq ?? db.version, enumerable: false});
    db.groups.set(id, stored);
    indexGroup(stored);
    return stored;
}

Resources.Group.degress(async (resource) => {
    const g = db.groups.get(resource.id);
    if (!g) throw notFound(resource.id);
    unindexGroup(g);
    db.groups.delete(g.id);
    dropMemberEverywhere(g.id);
});

// ---------------------------------------------------------------------------------------------
// PATCH request rewriting (works around SCIMMY PatchOp behaviour that differs from RFC 7644 §3.5.2)
//
// SCIMMY's PatchOp, left alone:
//  - applies a path-less "replace" of a multi-valued attribute (emails, ...) as an append;
//  - on "replace" of a complex attribute ("name") drops the sub-attributes the value does not mention;
//  - fails with 400 noTarget (or 400 invalidValue) on "name.givenName" / "<ext>:manager.value" while the
//    parent complex attribute is still unset;
//  - on a "replace" of "emails[type eq \"work\"].value" with no work email, pushes the bare string into emails.
// So, before SCIMMY sees the message, operations on single-valued complex attributes are turned into whole-
// attribute replaces computed against the stored resource (tracked op by op), path-less ops are split per
// attribute, Entra's bare-string "manager" value becomes {value}, and an unmatched simple value filter
// becomes an add of a new element. Everything else goes to SCIMMY unchanged.
// ---------------------------------------------------------------------------------------------
const isPlainObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

function schemaOf(kind) {
    return (kind === "Users" ? Schemas.User : Schemas.Group).definition;
}

// Resolves a filter-free path to {ext, attr, sub}: ext = extension id (or undefined for core), attr = the
// top-level attribute definition within it, sub = canonical sub-attribute name (or undefined).
function resolvePath(kind, path) {
    if (typeof path !== "string" || /[[\]]/.test(path)) return undefined;
    const def = schemaOf(kind);
    let owner = def;
    let rest = path;
    if (path.toLowerCase().startsWith("urn:")) {
        owner = def.attributes.find((a) => a instanceof Types.SchemaDefinition
            && path.toLowerCase().startsWith(a.id.toLowerCase()));
        if (!owner) return undefined;
        rest = path.slice(owner.id.length + 1);
        if (!rest.length) return {ext: owner.id, extOnly: true};
    }
    const parts = rest.split(".");
    if (parts.length > 2) return undefined;
    const attr = owner.attributes.find((a) => a instanceof Types.Attribute && a.name.toLowerCase() === parts[0].toLowerCase());
    if (!attr) return undefined;
    let sub;
    if (parts.length === 2) {
        if (String(attr.type) !== "complex") return undefined;
        sub = attr.subAttributes.find((s) => s.name.toLowerCase() === parts[1].toLowerCase())?.name;
        if (!sub) return undefined;
    }
    return {ext: owner === def ? undefined : owner.id, attr, sub};
}

const isSingleComplex = (r) => !!r && !!r.attr && String(r.attr.type) === "complex" && !r.attr.config.multiValued;
const fullPath = (r) => (r.ext ? `${r.ext}:${r.attr.name}` : r.attr.name);

function shadowGet(shadow, r) {
    return r.ext ? shadow[r.ext]?.[r.attr.name] : shadow[r.attr.name];
}

function shadowSet(shadow, r, value) {
    if (r.ext) {
        shadow[r.ext] = {...(shadow[r.ext] ?? {})};
        if (value === undefined) delete shadow[r.ext][r.attr.name];
        else shadow[r.ext][r.attr.name] = value;
    } else if (value === undefined) delete shadow[r.attr.name];
    else shadow[r.attr.name] = value;
}

const hasValues = (o) => isPlainObject(o) && Object.values(o).some((v) => v !== undefined && v !== null && v !== "");

// A complex attribute whose value was sent as a bare string (Entra does this for manager).
function asComplex(r, value) {
    if (typeof value === "string" && r.attr.subAttributes.some((s) => s.name === "value")) return {value};
    return value;
}

function emitComplex(out, shadow, r, next) {
    if (hasValues(next)) {
        shadowSet(shadow, r, next);
        out.push({op: "replace", path: fullPath(r), value: next});
    } else if (shadowGet(shadow, r) !== undefined) {
        shadowSet(shadow, r, undefined);
        out.push({op: "remove", path: fullPath(r)});
    }
}

// attr[sub eq "literal"].field  (the form Entra uses for emails, phoneNumbers, addresses)
const SIMPLE_VALUE_PATH = /^([\w$-]+)\[\s*([\w$-]+)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*\](?:\.([\w$-]+))?$/i;

function rewriteOp(kind, shadow, op, out) {
    const name = op.op.toLowerCase();
    const {path, value} = op;

    if (path === undefined || path === "") {
        if ((name === "replace" || name === "add") && isPlainObject(value)) {
            for (const [k, v] of Object.entries(value)) {
                const r = resolvePath(kind, k);
                if (r?.extOnly && isPlainObject(v)) {
                    for (const [ek, ev] of Object.entries(v)) rewriteOp(kind, shadow, {op: name, path: `${r.ext}:${ek}`, value: ev}, out);
                } else rewriteOp(kind, shadow, {op: name, path: k, value: v}, out);
            }
            return;
        }
        out.push(op);
        return;
    }

    const r = resolvePath(kind, path);
    if (r?.extOnly && (name === "replace" || name === "add") && isPlainObject(value)) {
        for (const [ek, ev] of Object.entries(value)) rewriteOp(kind, shadow, {op: name, path: `${r.ext}:${ek}`, value: ev}, out);
        return;
    }
    if (isSingleComplex(r)) {
        const old = shadowGet(shadow, r);
        if (name === "remove") {
            if (!r.sub) return emitComplex(out, shadow, r, undefined);
            const next = {...(old ?? {})};
            delete next[r.sub];
            return emitComplex(out, shadow, r, next);
        }
        if (r.sub) return emitComplex(out, shadow, r, {...(old ?? {}), [r.sub]: value});
        const v = asComplex(r, value);
        if (v === null || v === "") return emitComplex(out, shadow, r, undefined);
        if (isPlainObject(v)) return emitComplex(out, shadow, r, {...(old ?? {}), ...v});
        out.push(op);
        return;
    }
    if (name === "replace" && r && !r.sub && (value === null || (Array.isArray(value) && !value.length))) {
        out.push({op: "remove", path});
        return;
    }
    const m = (name === "replace" || name === "add") && SIMPLE_VALUE_PATH.exec(path);
    if (m) {
        const [, attrName, key, literal, field] = m;
        const ar = resolvePath(kind, attrName);
        if (ar?.attr?.config.multiValued && String(ar.attr.type) === "complex") {
            const lit = JSON.parse(`"${literal}"`);
            const current = shadow[ar.attr.name] ?? [];
            const matches = Array.isArray(current) && current.some((e) => isPlainObject(e) && e[key] === lit);
            if (!matches) {
                const element = field ? {[key]: lit, [field]: value} : (isPlainObject(value) ? {...value, [key]: lit} : undefined);
                if (element) {
                    shadow[ar.attr.name] = [...(Array.isArray(current) ? current : []), element];
                    out.push({op: "add", path: ar.attr.name, value: [element]});
                    return;
                }
            }
        }
    }
    out.push(op);
}

function rewritePatch(kind, id, body) {
    if (!isPlainObject(body) || !Array.isArray(body.Operations)) return body;
    const stored = (kind === "Users" ? db.users : db.groups).get(id);
    if (!stored) return body;
    const shadow = structuredClone(stored);
    const ops = [];
    for (const op of body.Operations) {
        if (!isPlainObject(op) || typeof op.op !== "string" || !["add", "replace", "remove"].includes(op.op.toLowerCase())
            || (op.path !== undefined && typeof op.path !== "string")) {
            ops.push(op);  // let SCIMMY produce the proper 400
            continue;
        }
        rewriteOp(kind, shadow, op, ops);
    }
    // An all-no-op message must still carry one operation for SCIMMY: re-send the first original one.
    return {...body, Operations: ops.length ? ops : body.Operations.slice(0, 1)};
}

// ---------------------------------------------------------------------------------------------
// Statistics and fault injection
// ---------------------------------------------------------------------------------------------
// bulk: POST /Bulk requests, and by method the operations of those accepted (past the 400/413 checks of the whole
// request); the operations are not counted in `requests`.
const newBulkStats = () => ({requests: 0, operations: Object.fromEntries(BULK_METHODS.map((m) => [m, 0]))});
const stats = {requests: {GET: 0, POST: 0, PATCH: 0, PUT: 0, DELETE: 0}, faulted: 0, credentialWrites: 0,
    bulk: newBulkStats()};
// Behaviour switches for tests (POST /_test/options): rejectCredentials answers 400 to any password hash.
const options = {rejectCredentials: false};
let faultRules = [];
let nextRuleId = 1;

function resetStats() {
    stats.requests = {GET: 0, POST: 0, PATCH: 0, PUT: 0, DELETE: 0};
    stats.faulted = 0;
    stats.credentialWrites = 0;
    stats.bulk = newBulkStats();
}

function parseFaultRule(body) {
    if (!isPlainObject(body)) throw new Error("expected a JSON object");
    const status = Number(body.status);
    // With a raw 'body' the answer may be a 200 too: a page a proxy or a broken service sends in place of SCIM.
    const raw = typeof body.body === "string" ? body.body : undefined;
    if (body.body !== undefined && raw === undefined) throw new Error("'body' must be a string");
    const lowest = raw === undefined ? 400 : 200;
    if (!Number.isInteger(status) || status < lowest || status > 599) throw new Error("'status' must be an HTTP error status (e.g. 429, 500, 503), or with 'body' any status from 200");
    const contentType = typeof body.contentType === "string" ? body.contentType : "application/scim+json";
    const count = body.count === undefined ? 1 : Number(body.count);
    if (!Number.isInteger(count) || count < 1) throw new Error("'count' must be a positive integer");
    const every = body.every === undefined ? 1 : Number(body.every);
    if (!Number.isInteger(every) || every < 1) throw new Error("'every' must be a positive integer");
    let methods = null;
    if (body.methods !== undefined) {
        if (!Array.isArray(body.methods) || !body.methods.every((m) => typeof m === "string"))
            throw new Error("'methods' must be an array of strings");
        methods = body.methods.map((m) => m.toUpperCase());
    }
    let retryAfter;
    if (body.retryAfter !== undefined && body.retryAfter !== null) {
        if (typeof body.retryAfter === "number" && body.retryAfter >= 0) retryAfter = String(Math.round(body.retryAfter));
        else if (typeof body.retryAfter === "string" && body.retryAfter.length) retryAfter = body.retryAfter;
        else throw new Error("'retryAfter' must be a number of seconds (or an HTTP-date string)");
    }
    const detail = typeof body.detail === "string" ? body.detail : undefined;
    if (body.afterProcessing !== undefined && typeof body.afterProcessing !== "boolean")
        throw new Error("'afterProcessing' must be true or false");
    // The request is carried out, and its answer lost: what a proxy's timeout or a crash after the commit does.
    const afterProcessing = body.afterProcessing === true;
    return {id: nextRuleId++, status, count, every, methods, retryAfter, detail, raw, contentType, afterProcessing,
            seen: 0, fired: 0};
}

// The first rule whose methods match consumes the request; a later rule for the same methods waits
// until the earlier one is used up. Returns the rule to fire, or null.
function takeFault(method) {
    const i = faultRules.findIndex((r) => !r.methods || r.methods.includes(method));
    if (i < 0) return null;
    const rule = faultRules[i];
    rule.seen++;
    if (rule.seen % rule.every !== 0) return null;
    rule.fired++;
    if (rule.fired >= rule.count) faultRules.splice(i, 1);
    return rule;
}

const scimError = (status, detail, scimType) => ({
    schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
    status: String(status), ...(scimType ? {scimType} : {}), ...(detail ? {detail} : {})
});

// ---------------------------------------------------------------------------------------------
// ETags (--etag): meta.version is the entity tag
// ---------------------------------------------------------------------------------------------
// The opaque part of an entity tag: W/"3" and "3" both give "3" (SCIM versions are weak; compare leniently).
const opaqueTag = (tag) => tag.trim().replace(/^W\//, "");

// True when an If-Match / If-None-Match header value lists `version` (or is "*").
function tagListMatches(header, version) {
    if (header.trim() === "*") return true;
    const want = opaqueTag(version);
    return (header.match(/(?:W\/)?"[^"]*"/g) ?? []).some((t) => opaqueTag(t) === want);
}

// The resource a request path (relative to the SCIM base) names: /Users/{id} or /Groups/{id}.
function storedAt(path) {
    const m = /^\/(users|groups)\/([^/]+)$/i.exec(path);
    if (!m) return undefined;
    return (m[1].toLowerCase() === "users" ? db.users : db.groups).get(decodeURIComponent(m[2]));
}

// ---------------------------------------------------------------------------------------------
// HTTP wiring
// ---------------------------------------------------------------------------------------------
const BASE = "/scim/v2";
const app = express();
app.disable("x-powered-by");
app.set("etag", false);
app.set("query parser", "simple");

if (opts.log) {
    app.use((req, res, next) => {
        const t0 = process.hrtime.bigint();
        res.on("finish", () => process.stdout.write(`${isBulkSubrequest(req) ? "  (bulk) " : ""}`
            + `${req.method} ${req.originalUrl} ${res.statusCode} ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(1)}ms\n`));
        next();
    });
}

const baseUrlOf = (req) => `${req.protocol}://${req.get("host")}${BASE}`;
function sendScim(res, status, body) {
    // --etag: a single resource carries its version as ETag (list and bulk responses have no meta).
    if (opts.etag && status < 300 && typeof body?.meta?.version === "string") res.set("ETag", body.meta.version);
    return res.status(status).type("application/scim+json").send(JSON.stringify(body));
}

// --- test-control API (no auth; the server only ever listens on loopback) ---
const control = express.Router();
control.use((req, res, next) => {
    const ra = req.socket.remoteAddress ?? "";
    if (!(isLoopbackV4(ra) || ra === "::1" || isLoopbackV4(ra.replace(/^::ffff:/, ""))))
        return res.status(403).json({error: "loopback only"});
    next();
});
control.use(express.json({limit: MAX_PAYLOAD, type: () => true}));
control.get("/faults", (req, res) => res.json({rules: faultRules}));
control.post("/faults", (req, res) => {
    const bodies = Array.isArray(req.body) ? req.body : [req.body];
    try {
        const rules = bodies.map(parseFaultRule);
        faultRules.push(...rules);
        res.status(201).json({added: rules, rules: faultRules});
    } catch (ex) {
        res.status(400).json({error: ex.message});
    }
});
control.delete("/faults", (req, res) => {
    faultRules = [];
    res.status(204).end();
});
control.get("/stats", (req, res) => res.json({
    requests: stats.requests, faulted: stats.faulted, credentialWrites: stats.credentialWrites, users: db.users.size, groups: db.groups.size,
    pendingFaultRules: faultRules.length, bulk: stats.bulk
}));
control.post("/stats/reset", (req, res) => {
    resetStats();
    res.status(204).end();
});
control.post("/reset", (req, res) => {
    db.clear();
    resetStats();
    faultRules = [];
    options.rejectCredentials = false;
    res.status(204).end();
});
control.post("/options", (req, res) => {
    for (const [key, value] of Object.entries(req.body ?? {})) {
        if (!(key in options) || typeof value !== typeof options[key])
            return res.status(400).json({error: `unknown option or wrong type: ${key}`});
        options[key] = value;
    }
    res.json(options);
});
control.get("/dump", (req, res) => {
    const base = baseUrlOf(req);
    const withPw = req.query.passwords === "1" || req.query.passwords === "true";
    const Users = [...db.users.values()].map((u) => {
        const out = render("Users", u, `${base}/Users`);
        if (!withPw) return out;
        return {...out, ...(db.passwords.has(u.id) ? {password: db.passwords.get(u.id)} : {}),
            ...(db.credentials.has(u.id) ? {[UPDRAFT_PASSWORD]: db.credentials.get(u.id)} : {})};
    });
    const Groups = [...db.groups.values()].map((g) => render("Groups", g, `${base}/Groups`));
    res.type("application/json").send(JSON.stringify({Users, Groups}));
});
// Preload resources without one HTTP request each: {"Users": [...], "Groups": [...]} (SCIM bodies, as for POST).
// Goes through the same validation as POST; stops at the first failure.
control.post("/load", async (req, res) => {
    const out = {Users: [], Groups: []};
    const kinds = [["Users", Resources.User], ["Groups", Resources.Group]];
    try {
        for (const [kind, Resource] of kinds) {
            for (const body of req.body?.[kind] ?? []) out[kind].push((await new Resource().write(body)).id);
        }
        res.status(201).json({...out, users: db.users.size, groups: db.groups.size});
    } catch (ex) {
        res.status(ex.status ?? 400).json({error: ex.message, loaded: out});
    }
});
control.use((req, res) => res.status(404).json({error: "unknown test-control endpoint"}));
control.use((ex, req, res, next) => res.status(ex.status ?? 400).json({error: ex.message}));
app.use("/_test", control);

// --- SCIM: statistics, authentication, fault injection ---
// The operations of a Bulk request come back as sub-requests (bulk.js): neither counted nor faulted.
app.use(BASE, (req, res, next) => {
    const subrequest = isBulkSubrequest(req);
    if (!subrequest) {
        stats.requests[req.method] = (stats.requests[req.method] ?? 0) + 1;
        if (req.method === "POST" && /^\/bulk\/?$/i.test(req.path)) stats.bulk.requests++;
    }
    const m = /^Bearer\s+(.+)$/i.exec(req.get("authorization") ?? "");
    if (!m || m[1].trim() !== opts.token) {
        res.set("WWW-Authenticate", 'Bearer realm="scim"');
        return sendScim(res, 401, scimError(401, m ? "Invalid bearer token" : "Missing bearer token"));
    }
    const rule = subrequest ? null : takeFault(req.method);
    if (!rule) return next();
    stats.faulted++;
    const fault = () => {
        if (rule.retryAfter !== undefined) res.set("Retry-After", rule.retryAfter);
        res.set("Connection", "keep-alive");
        if (rule.raw !== undefined)
            return res.status(rule.status).type(rule.contentType).send(rule.raw);
        return sendScim(res, rule.status, scimError(rule.status, rule.detail ?? `Injected fault (rule ${rule.id})`));
    };
    if (!rule.afterProcessing) return fault();
    // The request goes through; the first thing it sends back is replaced by the fault.
    const send = res.send;
    res.send = function () {
        res.send = send;
        for (const name of res.getHeaderNames()) res.removeHeader(name);
        return fault();
    };
    next();
});

// --- --etag: ETag on SCIMMY-rendered resources, If-Match (412) and If-None-Match (304) ---
if (opts.etag) {
    app.use(BASE, (req, res, next) => {
        // SCIMMY's router answers with res.send(instance) -> res.json(instance).
        const json = res.json.bind(res);
        res.json = (body) => {
            const version = body?.meta?.version;
            if (res.statusCode < 300 && typeof version === "string" && !res.get("ETag")) res.set("ETag", version);
            return json(body);
        };
        const stored = storedAt(req.path);
        const ifMatch = req.get("If-Match");
        if (stored && ifMatch !== undefined && ["PUT", "PATCH", "DELETE"].includes(req.method)
            && !tagListMatches(ifMatch, stored.meta.version)) {
            return sendScim(res, 412, scimError(412, `Precondition failed: If-Match ${ifMatch} does not match the `
                + `current version ${stored.meta.version} of ${req.path}`));
        }
        const ifNoneMatch = req.get("If-None-Match");
        if (stored && ifNoneMatch !== undefined && req.method === "GET" && tagListMatches(ifNoneMatch, stored.meta.version))
            return res.status(304).set("ETag", stored.meta.version).end();
        next();
    });
}

// --- fast paginated list path (SCIMMY would coerce every matching resource before paging) ---
const scimJson = express.json({type: ["application/scim+json", "application/json"], limit: MAX_PAYLOAD});

function listHandler(kind) {
    const Resource = kind === "Users" ? Resources.User : Resources.Group;
    return (req, res, next) => {
        try {
            const params = {...req.query};
            for (const p of ["startIndex", "count"]) {
                if (typeof params[p] === "string" && params[p].length && !Number.isNaN(+params[p])) params[p] = +params[p];
            }
            const r = new Resource(params);
            const {sortBy, sortOrder = "ascending", startIndex = 1} = r.constraints ?? {};
            const count = Math.min(r.constraints?.count ?? DEFAULT_COUNT, MAX_RESULTS);
            const store = kind === "Users" ? db.users : db.groups;
            let page, total;
            if (!r.filter && !sortBy) {
                // Plain paging through everything: walk the store, materialise only the page.
                total = store.size;
                page = [];
                let i = 0;
                for (const o of store.values()) {
                    if (i++ < startIndex - 1) continue;
                    if (page.length >= count) break;
                    page.push(o);
                }
            } else {
                let items = query(kind, r.filter);
                if (sortBy) items = sortResources(items, sortBy, sortOrder);
                total = items.length;
                page = items.slice(startIndex - 1, startIndex - 1 + count).map((o) => store.get(o.id));
            }
            const base = `${baseUrlOf(req)}/${kind}`;
            sendScim(res, 200, {
                schemas: [Messages.ListResponse.id],
                totalResults: total,
                itemsPerPage: page.length,
                startIndex,
                Resources: page.map((o) => render(kind, o, base, r.attributes))
            });
        } catch (ex) {
            next(ex);
        }
    };
}

function getHandler(kind) {
    const Resource = kind === "Users" ? Resources.User : Resources.Group;
    const store = kind === "Users" ? db.users : db.groups;
    return (req, res, next) => {
        try {
            const r = new Resource(req.params.id, {...req.query});
            const stored = store.get(req.params.id);
            if (!stored) throw notFound(req.params.id);
            sendScim(res, 200, render(kind, stored, `${baseUrlOf(req)}/${kind}`, r.attributes));
        } catch (ex) {
            next(ex);
        }
    };
}

function sortValue(obj, path) {
    let cur = obj;
    for (const part of path.split(".")) {
        if (cur === undefined || cur === null) return undefined;
        const key = Object.keys(cur).find((k) => k.toLowerCase() === part.toLowerCase());
        cur = key === undefined ? undefined : cur[key];
        if (Array.isArray(cur)) cur = cur.find((v) => v && v.primary) ?? cur[0];
    }
    if (cur && typeof cur === "object" && "value" in cur) cur = cur.value;
    return cur;
}

function sortResources(items, sortBy, sortOrder) {
    const keyed = items.map((o) => [sortValue(o, sortBy), o]);
    keyed.sort(([a], [b]) => {
        if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
        if (typeof a === "number" && typeof b === "number") return a - b;
        return String(a).localeCompare(String(b));
    });
    const out = keyed.map(([, o]) => o);
    return sortOrder === "descending" ? out.reverse() : out;
}

// Membership-only PATCH of a group, applied directly to the store.
// SCIMMY's PatchOp re-coerces and filters every member (about 2.5 s for one change to a 10,000-member
// group); this path handles exactly the shapes a sync client sends for membership and returns the same
// results (200 with the group, or 204 when nothing changed). Anything else falls through to SCIMMY.
const MEMBER_VALUE_FILTER = /^members\[\s*value\s+eq\s+"((?:[^"\\]|\\.)*)"\s*\]$/i;

function memberOps(body) {
    if (!isPlainObject(body) || !Array.isArray(body.schemas) || body.schemas.length !== 1
        || body.schemas[0] !== Messages.PatchOp.id || !Array.isArray(body.Operations) || !body.Operations.length) return null;
    const ops = [];
    for (const op of body.Operations) {
        if (!isPlainObject(op) || typeof op.op !== "string") return null;
        const name = op.op.toLowerCase();
        let {path, value} = op;
        if (path === undefined && (name === "add" || name === "replace") && isPlainObject(value)
            && Object.keys(value).length === 1 && Object.keys(value)[0].toLowerCase() === "members") {
            path = "members";
            value = Object.values(value)[0];
        }
        if (typeof path !== "string") return null;
        const list = value === undefined ? undefined : (Array.isArray(value) ? value : [value]);
        if (list && !list.every((m) => isPlainObject(m) && typeof m.value === "string")) return null;
        const filtered = MEMBER_VALUE_FILTER.exec(path);
        if (filtered && name === "remove" && value === undefined) ops.push({name, values: [JSON.parse(`"${filtered[1]}"`)]});
        else if (path.toLowerCase() !== "members") return null;
        else if (name === "add" && list) ops.push({name, members: list});
        else if (name === "replace") ops.push({name, members: list ?? []});
        else if (name === "remove") ops.push({name, values: list?.map((m) => m.value)});  // undefined: remove all
        else return null;
    }
    return ops;
}

function patchMembersFast(req, res) {
    const ops = memberOps(req.body);
    if (!ops) return false;
    const existing = db.groups.get(req.params.id);
    if (!existing) return false;  // SCIMMY answers 404
    const {id, meta, ...data} = existing;
    let members = [...(existing.members ?? [])];
    for (const op of ops) {
        if (op.name === "add") members.push(...op.members);
        else if (op.name === "replace") members = [...op.members];
        else if (op.values === undefined) members = [];
        else {
            const drop = new Set(op.values);
            members = members.filter((m) => !drop.has(m.value));
        }
    }
    data.members = members;
    let stored;
    try {
        stored = storeGroup(existing, data);
    } catch (ex) {
        if (!(ex instanceof Types.Error)) throw ex;
        sendScim(res, ex.status, scimError(ex.status, ex.message, ex.scimType));
        return true;
    }
    if (stored.meta.version === existing.meta.version) {
        res.status(204).end();
        return true;
    }
    const base = `${baseUrlOf(req)}/Groups`;
    const params = req.query ?? {};
    let attributes;
    if ("attributes" in params || "excludedAttributes" in params) {
        try {
            attributes = new Resources.Group(id, {...params}).attributes;
        } catch {
            attributes = undefined;
        }
    }
    sendScim(res, 200, attributes ? render("Groups", stored, base, attributes)
        // Built directly: SCIMMY's coercion of a 10,000-member group takes ~0.4 s.
        : {schemas: stored.schemas, id, ...(stored.externalId !== undefined ? {externalId: stored.externalId} : {}),
            meta: {...stored.meta, location: `${base}/${id}`}, displayName: stored.displayName,
            ...(stored.members ? {members: stored.members} : {})});
    return true;
}

const fast = express.Router();
const definitionOf = (req) => (/^\/users/i.test(req.path) ? Schemas.User : Schemas.Group).definition;
const isGroupId = (id) => db.groups.has(id);
if (!opts.discovery) {
    fast.use(["/ServiceProviderConfig", "/Schemas", "/ResourceTypes"], (req, res) =>
        sendScim(res, 404, scimError(404, "Endpoint Not Found: this service provider does not offer discovery")));
}
if (!opts.patch) {
    fast.patch(["/Users/:id", "/Groups/:id"], (req, res) => sendScim(res, 501, scimError(501,
        "PATCH is not supported by this service provider: replace the resource with PUT instead")));
}
if (opts.strict) {
    // Filters and page size (strict.js), before SCIMMY parses anything.
    fast.get(["/Users", "/Groups"], (req, res, next) => {
        checkFilter(req.query.filter, [definitionOf(req)]);
        next();
    });
    fast.post(["/Users/.search", "/Groups/.search", "/.search"], scimJson, (req, res, next) => {
        checkFilter(req.body?.filter, req.path === "/.search" ? [Schemas.User.definition, Schemas.Group.definition]
            : [definitionOf(req)]);
        if (typeof req.body?.count === "number" && req.body.count > MAX_RESULTS) req.body.count = MAX_RESULTS;
        next();
    });
    // Writes: unknown attributes/schemas, group members that are Groups. Refused before anything is stored.
    fast.post(["/Users", "/Groups"], scimJson, (req, res, next) => {
        checkResourceBody(definitionOf(req), req.body);
        if (/^\/groups/i.test(req.path) && req.body?.members !== undefined) checkUserMembers(req.body.members, isGroupId);
        next();
    });
    fast.put(["/Users/:id", "/Groups/:id"], scimJson, (req, res, next) => {
        checkResourceBody(definitionOf(req), req.body);
        if (/^\/groups/i.test(req.path) && req.body?.members !== undefined) checkUserMembers(req.body.members, isGroupId);
        next();
    });
    fast.patch(["/Users/:id", "/Groups/:id"], scimJson, (req, res, next) => {
        checkPatchBody(definitionOf(req), req.body);
        if (/^\/groups/i.test(req.path)) checkUserMembers(patchedMembers(req.body), isGroupId);
        next();
    });
}
fast.get("/Users", listHandler("Users"));
fast.get("/Groups", listHandler("Groups"));
fast.get("/Users/:id", getHandler("Users"));
fast.get("/Groups/:id", getHandler("Groups"));
// PATCH bodies are rewritten before SCIMMY's PatchOp sees them (see rewritePatch).
fast.patch(["/Users/:id", "/Groups/:id"], scimJson, (req, res, next) => {
    const kind = req.path.startsWith("/Users") ? "Users" : "Groups";
    req.body = rewritePatch(kind, req.params.id, req.body);
    if (kind === "Groups" && patchMembersFast(req, res)) return;
    next();
});
fast.use((ex, req, res, next) => {
    if (ex instanceof Types.Error || ex?.name === "SCIMError")
        return sendScim(res, ex.status ?? 400, scimError(ex.status ?? 400, ex.message, ex.scimType));
    if (ex?.type === "entity.parse.failed") return sendScim(res, 400, scimError(400, ex.message, "invalidSyntax"));
    // SCIMMY's filter parser throws plain TypeErrors (the stock router turns them into 500s).
    if (ex instanceof TypeError) return sendScim(res, 400, scimError(400, ex.message, "invalidFilter"));
    next(ex);
});
app.use(BASE, fast);

// --- --bulk: RFC 7644 §3.7 (bulk.js); otherwise SCIMMY's router answers POST /Bulk with 501 ---
if (opts.bulk) {
    app.use(BASE, bulkRouter({maxOperations: opts.bulkMaxOperations, maxPayloadSize: opts.bulkMaxPayload, basePath: BASE,
        token: opts.token, server: () => server, stats, sendScim, scimError}));
}

// --- everything else: SCIMMY routers ---
app.use(BASE, new SCIMMYRouters({
    type: "bearer",
    docUri: "https://datatracker.ietf.org/doc/html/rfc6750",
    handler: async () => "",       // token already checked above
    context: async () => undefined,
    baseUri: async (req) => `${req.protocol}://${req.get("host")}`
}));
// Declared after the router so our values win over its defaults.
SCIMMY.Config.set({
    patch: opts.patch,
    filter: {supported: true, maxResults: MAX_RESULTS},
    sort: true,
    bulk: opts.bulk ? {supported: true, maxOperations: opts.bulkMaxOperations, maxPayloadSize: opts.bulkMaxPayload} : false,
    changePassword: false,
    etag: opts.etag
});

app.use((req, res) => res.status(404).json({error: "not found", path: req.path}));
// eslint-disable-next-line no-unused-vars
app.use((ex, req, res, next) => {
    // 501 (SCIMMY's answer to POST /Bulk without --bulk, /Me) is a normal answer, not a server fault.
    if (!(ex?.name === "SCIMError" && ex.status === 501))
        process.stderr.write(`error: ${req.method} ${req.originalUrl}: ${ex?.stack ?? ex}\n`);
    if (!res.headersSent) sendScim(res, 500, scimError(500, String(ex?.message ?? ex)));
});

// ---------------------------------------------------------------------------------------------
// Start
// ---------------------------------------------------------------------------------------------
const tls = opts.tlsCert ? {cert: readFileSync(opts.tlsCert), key: readFileSync(opts.tlsKey)} : null;
const server = (tls ? https.createServer(tls, app) : http.createServer(app)).listen(opts.port, opts.host, () => {
    const {address, port} = server.address();
    process.stdout.write(`ready ${tls ? "https" : "http"}://${address}:${port}${BASE}\n`);
});
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.on("error", (ex) => {
    process.stderr.write(`server.js: cannot listen on ${opts.host}:${opts.port}: ${ex.message}\n`);
    process.exit(1);
});

function shutdown(sig) {
    server.close(() => process.exit(0));
    server.closeAllConnections?.();
    setTimeout(() => process.exit(0), 2000).unref();
    if (opts.log) process.stdout.write(`${sig}: shutting down\n`);
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
