// Self-test of the SCIM test peer: node --test tests/servers/scim/selftest.mjs
// Starts its own server.js on an ephemeral 127.0.0.1 port and stops it at the end.
// The start options (--strict, --bulk, --etag, ...) are tested in selftest-options.mjs, run from here too.
import {test, before, after} from "node:test";
import assert from "node:assert/strict";
import {spawn, spawnSync} from "node:child_process";
import {fileURLToPath} from "node:url";
import path from "node:path";
import "./selftest-options.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const TOKEN = "selftest-token";
const CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const PATCHOP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
let proc, base, root;

before(async () => {
    proc = spawn(process.execPath, [path.join(here, "server.js"), "--host", "127.0.0.1", "--port", "0", "--token", TOKEN],
        {stdio: ["ignore", "pipe", "inherit"]});
    base = await new Promise((resolve, reject) => {
        let buf = "";
        const timer = setTimeout(() => reject(new Error("server did not start in 10 s")), 10_000);
        proc.stdout.on("data", (d) => {
            buf += d;
            const m = /^ready (http:\/\/127\.0\.0\.1:\d+\/scim\/v2)$/m.exec(buf);
            if (m) {
                clearTimeout(timer);
                resolve(m[1]);
            }
        });
        proc.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
    });
    root = base.replace(/\/scim\/v2$/, "");
});

after(() => proc?.kill("SIGTERM"));

async function scim(method, p, body, {token = TOKEN, headers = {}} = {}) {
    const res = await fetch(base + p, {
        method,
        headers: {...(token ? {Authorization: `Bearer ${token}`} : {}), "Content-Type": "application/scim+json", ...headers},
        body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await res.text();
    return {status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined};
}

async function control(method, p, body) {
    const res = await fetch(root + "/_test" + p, {method, body: body === undefined ? undefined : JSON.stringify(body),
        headers: {"Content-Type": "application/json"}});
    const text = await res.text();
    return {status: res.status, body: text ? JSON.parse(text) : undefined};
}

const patch = (...Operations) => ({schemas: [PATCHOP], Operations});
const q = (filter) => `?filter=${encodeURIComponent(filter)}`;

test("refuses a non-loopback host", () => {
    const r = spawnSync(process.execPath, [path.join(here, "server.js"), "--host", "0.0.0.0", "--port", "0", "--token", "x"],
        {encoding: "utf8"});
    assert.equal(r.status, 2);
    assert.match(r.stderr, /127\.0\.0\.0\/8/);
});

test("bearer token is required", async () => {
    for (const token of [null, "wrong"]) {
        const r = await scim("GET", "/Users", undefined, {token});
        assert.equal(r.status, 401);
        assert.equal(r.body.status, "401");
        assert.deepEqual(r.body.schemas, ["urn:ietf:params:scim:api:messages:2.0:Error"]);
    }
    const spc = await scim("GET", "/ServiceProviderConfig");
    assert.equal(spc.status, 200);
    assert.equal(spc.body.patch.supported, true);
    assert.equal(spc.body.filter.supported, true);
    assert.equal(spc.body.bulk.supported, false);
    const rt = await scim("GET", "/ResourceTypes/User");
    assert.ok(rt.body.schemaExtensions.some((e) => e.schema === ENT));
});

test("users: create, unicode, enterprise, uniqueness, filters, patch, put, delete", async () => {
    await control("POST", "/reset");
    const jose = await scim("POST", "/Users", {
        schemas: [CORE, ENT], userName: "jose.muller@example.com", externalId: "ext-1", displayName: "José Müller",
        name: {givenName: "José", familyName: "Müller"}, emails: [{value: "jose@example.com", type: "work", primary: true}],
        active: true, password: "Secr3t!", [ENT]: {employeeNumber: "1001", department: "R&D"}
    });
    assert.equal(jose.status, 201);
    assert.match(jose.body.id, /^[0-9a-f-]{36}$/);
    assert.equal(jose.body.displayName, "José Müller");
    assert.equal(jose.body.password, undefined);
    assert.equal(jose.body[ENT].department, "R&D");
    const li = await scim("POST", "/Users", {userName: "li.lei@example.com", externalId: "ext-2", displayName: "李雷",
        [ENT]: {manager: {value: jose.body.id}}});
    assert.equal(li.status, 201);
    assert.equal(li.body.displayName, "李雷");

    const dup = await scim("POST", "/Users", {userName: "JOSE.MULLER@example.com"});
    assert.equal(dup.status, 409);
    assert.equal(dup.body.scimType, "uniqueness");

    let r = await scim("GET", "/Users" + q('externalId eq "ext-2"'));
    assert.equal(r.body.totalResults, 1);
    assert.equal(r.body.Resources[0].id, li.body.id);
    assert.equal(r.body.Resources[0][ENT].manager.value, jose.body.id);
    r = await scim("GET", "/Users" + q('userName eq "Li.Lei@Example.com"'));
    assert.equal(r.body.Resources[0].displayName, "李雷");
    r = await scim("GET", "/Users" + q('externalId eq "EXT-2"'));
    assert.equal(r.body.totalResults, 0, "externalId is caseExact");

    r = await scim("PATCH", `/Users/${jose.body.id}`, patch(
        {op: "replace", path: "name.givenName", value: "Josè"},
        {op: "replace", path: "emails", value: [{value: "jm@example.com", type: "work", primary: true}]},
        {op: "replace", path: `${ENT}:department`, value: "Sales"},
        {op: "replace", path: `${ENT}:manager`, value: li.body.id}
    ));
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.name, {familyName: "Müller", givenName: "Josè"});
    assert.deepEqual(r.body.emails, [{value: "jm@example.com", type: "work", primary: true}]);
    assert.equal(r.body[ENT].department, "Sales");
    assert.equal(r.body[ENT].employeeNumber, "1001");
    assert.equal(r.body[ENT].manager.value, li.body.id);

    // Path-less replace (Entra style) replaces multi-valued attributes instead of appending.
    r = await scim("PATCH", `/Users/${li.body.id}`, patch({op: "Replace", value: {
        emails: [{value: "li@example.com", type: "work"}], name: {familyName: "李", givenName: "雷"}, active: false,
        [ENT]: {employeeNumber: "42"}}}));
    assert.equal(r.status, 200);
    assert.equal(r.body.emails.length, 1);
    assert.equal(r.body.active, false);
    assert.equal(r.body[ENT].employeeNumber, "42");
    assert.equal(r.body[ENT].manager.value, jose.body.id);
    r = await scim("PATCH", `/Users/${li.body.id}`, patch(
        {op: "replace", path: 'emails[type eq "home"].value', value: "home@example.com"},
        {op: "remove", path: `${ENT}:manager`}));
    assert.deepEqual(r.body.emails.map((e) => e.type), ["work", "home"]);
    assert.equal(r.body[ENT].manager, undefined);

    const version = r.body.meta.version;
    r = await scim("PATCH", `/Users/${li.body.id}`, patch({op: "replace", path: "active", value: false}));
    assert.equal(r.status, 204, "a PATCH that changes nothing answers 204");
    r = await scim("GET", `/Users/${li.body.id}`);
    assert.equal(r.body.meta.version, version);

    r = await scim("PATCH", `/Users/${li.body.id}`, patch({op: "replace", path: "userName", value: "JOSE.muller@example.com"}));
    assert.equal(r.status, 409);

    r = await scim("PUT", `/Users/${li.body.id}`, {schemas: [CORE], userName: "li.lei@example.com", externalId: "ext-2b"});
    assert.equal(r.status, 200);
    assert.equal(r.body.displayName, undefined);
    assert.equal((await scim("GET", "/Users" + q('externalId eq "ext-2b"'))).body.totalResults, 1);
    assert.equal((await scim("GET", "/Users" + q('externalId eq "ext-2"'))).body.totalResults, 0);

    const dump = await control("GET", "/dump?passwords=1");
    assert.equal(dump.body.Users.find((u) => u.id === jose.body.id).password, "Secr3t!");

    assert.equal((await scim("DELETE", `/Users/${li.body.id}`)).status, 204);
    assert.equal((await scim("DELETE", `/Users/${li.body.id}`)).status, 404);
    assert.equal((await scim("GET", `/Users/${li.body.id}`)).status, 404);
});

test("groups: members add/remove via PATCH, filters, cleanup on delete", async () => {
    await control("POST", "/reset");
    const ids = [];
    for (const n of ["a", "b", "c"]) ids.push((await scim("POST", "/Users", {userName: n})).body.id);
    const g = await scim("POST", "/Groups", {displayName: "Ingénieurs 工程师", externalId: "g-1", members: [{value: ids[0]}]});
    assert.equal(g.status, 201);
    assert.deepEqual(g.body.members, [{value: ids[0], type: "User"}]);
    const gid = g.body.id;

    let r = await scim("PATCH", `/Groups/${gid}`, patch({op: "add", path: "members", value: [{value: ids[1]}, {value: ids[2]}, {value: ids[0]}]}));
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.members.map((m) => m.value), ids);
    r = await scim("PATCH", `/Groups/${gid}`, patch({op: "remove", path: `members[value eq "${ids[1]}"]`}));
    assert.deepEqual(r.body.members.map((m) => m.value), [ids[0], ids[2]]);
    r = await scim("PATCH", `/Groups/${gid}`, patch({op: "remove", path: "members", value: [{value: ids[2]}]}));
    assert.deepEqual(r.body.members.map((m) => m.value), [ids[0]]);
    r = await scim("PATCH", `/Groups/${gid}`, patch({op: "remove", path: `members[value eq "${ids[2]}"]`}));
    assert.equal(r.status, 204);
    r = await scim("PATCH", `/Groups/${gid}`, patch({op: "add", path: "members", value: [{value: "no-such-id"}]}));
    assert.equal(r.status, 400);
    r = await scim("PATCH", `/Groups/${gid}`, patch({op: "replace", path: "displayName", value: "Renamed"}));
    assert.equal(r.body.displayName, "Renamed");

    r = await scim("GET", "/Groups" + q('displayName eq "renamed"') + "&excludedAttributes=members");
    assert.equal(r.body.totalResults, 1);
    assert.equal(r.body.Resources[0].members, undefined);
    r = await scim("GET", "/Groups" + q('externalId eq "g-1"'));
    assert.equal(r.body.Resources[0].id, gid);
    r = await scim("GET", "/Groups" + q(`id eq "${gid}" and members[value eq "${ids[0]}"]`));
    assert.equal(r.body.totalResults, 1);

    r = await scim("GET", `/Users/${ids[0]}`);
    assert.deepEqual(r.body.groups, [{value: gid, display: "Renamed", type: "direct"}]);
    assert.equal((await scim("DELETE", `/Users/${ids[0]}`)).status, 204);
    r = await scim("GET", `/Groups/${gid}`);
    assert.equal(r.body.members, undefined);
});

test("a fault after processing: the write is done, its answer lost", async () => {
    await control("POST", "/reset");
    const c = await control("POST", "/faults", {status: 502, afterProcessing: true, methods: ["POST"]});
    assert.equal(c.status, 201);
    let r = await scim("POST", "/Users", {userName: "lost", externalId: "x-lost"});
    assert.equal(r.status, 502);
    assert.equal(r.body.detail.startsWith("Injected fault"), true);
    r = await scim("GET", `/Users?filter=${encodeURIComponent('externalId eq "x-lost"')}`);
    assert.equal(r.body.totalResults, 1);
    assert.equal((await control("POST", "/faults", {status: 502, afterProcessing: "yes"})).status, 400);
});

test("pagination", async () => {
    await control("POST", "/reset");
    const load = await control("POST", "/load", {Users: Array.from({length: 25}, (_, i) => ({userName: `p${i}`}))});
    assert.equal(load.status, 201);
    let r = await scim("GET", "/Users?startIndex=11&count=10");
    assert.equal(r.body.totalResults, 25);
    assert.equal(r.body.itemsPerPage, 10);
    assert.equal(r.body.startIndex, 11);
    assert.deepEqual(r.body.Resources.map((u) => u.userName), Array.from({length: 10}, (_, i) => `p${i + 10}`));
    r = await scim("GET", "/Users?startIndex=21&count=10");
    assert.equal(r.body.itemsPerPage, 5);
    r = await scim("GET", "/Users?count=0");
    assert.equal(r.body.Resources.length, 0);
    assert.equal(r.body.totalResults, 25);
});

test("faults, stats, reset", async () => {
    await control("POST", "/reset");
    let c = await control("POST", "/faults", {status: 429, retryAfter: 3, count: 2, methods: ["POST"]});
    assert.equal(c.status, 201);
    let r = await scim("GET", "/Users");
    assert.equal(r.status, 200);
    for (let i = 0; i < 2; i++) {
        r = await scim("POST", "/Users", {userName: "f"});
        assert.equal(r.status, 429);
        assert.equal(r.headers.get("retry-after"), "3");
    }
    r = await scim("POST", "/Users", {userName: "f"});
    assert.equal(r.status, 201);

    await control("POST", "/faults", {status: 503, every: 2, count: 2});
    const seen = [];
    for (let i = 0; i < 5; i++) seen.push((await scim("GET", "/Users")).status);
    assert.deepEqual(seen, [200, 503, 200, 503, 200]);

    await control("POST", "/faults", {status: 500, count: 10});
    assert.equal((await control("DELETE", "/faults")).status, 204);
    assert.equal((await scim("GET", "/Users")).status, 200);

    const s = await control("GET", "/stats");
    assert.deepEqual(s.body.requests, {GET: 7, POST: 3, PATCH: 0, PUT: 0, DELETE: 0});
    assert.equal(s.body.faulted, 4);
    assert.equal(s.body.users, 1);
    await control("POST", "/stats/reset");
    assert.equal((await control("GET", "/stats")).body.requests.GET, 0);
    assert.equal((await control("GET", "/stats")).body.users, 1);
    await control("POST", "/reset");
    assert.equal((await control("GET", "/stats")).body.users, 0);
});
