// Self-test of the SCIM test peer's start options (--strict, --drop-attribute, --no-enterprise, --bulk, --etag,
// --no-patch, --no-discovery) and of start.sh passing them on.
//   node --test tests/servers/scim/selftest-options.mjs
// selftest.mjs imports this file, so `node --test selftest.mjs` (what CTest runs) runs these tests too.
// Every suite starts its own server.js on an ephemeral 127.0.0.1 port and stops it (by its process) at the end.
import {describe, test, before, after} from "node:test";
import assert from "node:assert/strict";
import {spawn, spawnSync} from "node:child_process";
import {fileURLToPath} from "node:url";
import {mkdtempSync, rmSync, readFileSync} from "node:fs";
import os from "node:os";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const TOKEN = "selftest-options-token";
const CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
const CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const UPD_USER = "urn:ietf:params:scim:schemas:extension:updraft:2.0:User";
const UPD_GROUP = "urn:ietf:params:scim:schemas:extension:updraft:2.0:Group";
const PATCHOP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
const BULK_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

const patch = (...Operations) => ({schemas: [PATCHOP], Operations});
const bulk = (Operations, extra = {}) => ({schemas: [BULK_REQUEST], ...extra, Operations});
const q = (filter) => `?filter=${encodeURIComponent(filter)}`;
const user = (userName, extra = {}) => ({schemas: [CORE], userName, emails: [{value: `${userName}@example.com`, type: "work"}], ...extra});

// Starts server.js with `args`; resolves to a client for it. peer.stop() ends that process.
async function startPeer(args) {
    const proc = spawn(process.execPath, [path.join(here, "server.js"), "--host", "127.0.0.1", "--port", "0", "--token", TOKEN,
        ...args], {stdio: ["ignore", "pipe", "inherit"]});
    const base = await new Promise((resolve, reject) => {
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
    const root = base.replace(/\/scim\/v2$/, "");
    async function scim(method, p, body, {headers = {}, raw} = {}) {
        const res = await fetch(base + p, {
            method,
            headers: {Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/scim+json", ...headers},
            body: raw ?? (body === undefined ? undefined : JSON.stringify(body))
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
    return {base, scim, control, stop: () => proc.kill("SIGTERM")};
}

// Asserts a SCIM error response.
function assertError(r, status, scimType, detailPattern) {
    assert.equal(r.status, status, JSON.stringify(r.body));
    assert.deepEqual(r.body.schemas, [ERROR]);
    assert.equal(r.body.status, String(status));
    if (scimType !== undefined) assert.equal(r.body.scimType, scimType, JSON.stringify(r.body));
    if (detailPattern) assert.match(r.body.detail, detailPattern);
}

const schemaAttr = (schema, name) => schema.attributes.find((a) => a.name === name);

describe("start.sh passes server options", () => {
    test("start.sh STATE_DIR TOKEN --strict --bulk ... / stop.sh", async () => {
        const state = mkdtempSync(path.join(os.tmpdir(), "scim-selftest-"));
        try {
            const bad = spawnSync("bash", [path.join(here, "start.sh"), state, "--strict"], {encoding: "utf8"});
            assert.equal(bad.status, 2, "options without a TOKEN are refused");
            assert.match(bad.stderr, /usage: .*STATE_DIR \[TOKEN \[SERVER OPTIONS/);
            const wrong = spawnSync("bash", [path.join(here, "start.sh"), state, "tok", "--no-such-option"], {encoding: "utf8"});
            assert.notEqual(wrong.status, 0);
            assert.match(wrong.stderr, /unknown argument '--no-such-option'/);

            const r = spawnSync("bash", [path.join(here, "start.sh"), state, "tok", "--strict", "--bulk", "--bulk-max-operations", "7"],
                {encoding: "utf8"});
            assert.equal(r.status, 0, r.stderr);
            const url = readFileSync(path.join(state, "scim.url"), "utf8").trim();
            assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
            assert.equal(r.stdout.trim(), url);
            assert.deepEqual(readFileSync(path.join(state, "scim.options"), "utf8").trim().split("\n"),
                ["--strict", "--bulk", "--bulk-max-operations", "7"]);
            const spc = await (await fetch(`${url}/ServiceProviderConfig`, {headers: {Authorization: "Bearer tok"}})).json();
            assert.equal(spc.filter.maxResults, 100);
            assert.deepEqual(spc.bulk, {supported: true, maxOperations: 7, maxPayloadSize: 1048576});
            const stop = spawnSync("bash", [path.join(here, "stop.sh"), state], {encoding: "utf8"});
            assert.equal(stop.status, 0, stop.stderr);
            await assert.rejects(fetch(`${url}/ServiceProviderConfig`));
        } finally {
            spawnSync("bash", [path.join(here, "stop.sh"), state]);
            rmSync(state, {recursive: true, force: true});
        }
    });
});

describe("default (lenient) mode is unchanged", () => {
    let peer;
    before(async () => (peer = await startPeer([])));
    after(() => peer?.stop());

    test("discovery, Bulk 501, stats", async () => {
        const spc = await peer.scim("GET", "/ServiceProviderConfig");
        assert.deepEqual({patch: spc.body.patch, bulk: spc.body.bulk, filter: spc.body.filter, etag: spc.body.etag},
            {patch: {supported: true}, bulk: {supported: false, maxOperations: 1000, maxPayloadSize: 33554432},
                filter: {supported: true, maxResults: 1000}, etag: {supported: false}});
        const g = await peer.scim("GET", `/Schemas/${CORE_GROUP}`);
        const members = schemaAttr(g.body, "members");
        assert.deepEqual(schemaAttr({attributes: members.subAttributes}, "$ref").referenceTypes, ["User", "Group"]);
        const u = await peer.scim("GET", `/Schemas/${CORE}`);
        assert.equal(schemaAttr(u.body, "emails").required, false);
        assertError(await peer.scim("POST", "/Bulk", bulk([])), 501);
        const created = await peer.scim("POST", "/Users", {userName: "no-mail", foo: "dropped"});
        assert.equal(created.status, 201);
        assert.equal(created.headers.get("etag"), null);
        assert.equal(created.body.foo, undefined);
        const s = await peer.control("GET", "/stats");
        assert.deepEqual(s.body.bulk, {requests: 1, operations: {POST: 0, PUT: 0, PATCH: 0, DELETE: 0}});
        assert.equal(s.body.requests.POST, 2);
    });
});

describe("--strict", () => {
    let peer;
    before(async () => (peer = await startPeer(["--strict"])));
    after(() => peer?.stop());

    test("discovery: filter eq only, maxResults 100, no bulk, members Users only, emails required", async () => {
        const spc = await peer.scim("GET", "/ServiceProviderConfig");
        assert.deepEqual(spc.body.filter, {supported: true, maxResults: 100});
        assert.equal(spc.body.bulk.supported, false);
        assert.equal(spc.body.patch.supported, true);
        const g = await peer.scim("GET", `/Schemas/${CORE_GROUP}`);
        const subs = {attributes: schemaAttr(g.body, "members").subAttributes};
        assert.deepEqual(schemaAttr(subs, "$ref").referenceTypes, ["User"]);
        assert.deepEqual(schemaAttr(subs, "type").canonicalValues, ["User"]);
        const u = await peer.scim("GET", `/Schemas/${CORE}`);
        assert.equal(schemaAttr(u.body, "emails").required, true);
        const rt = await peer.scim("GET", "/ResourceTypes/User");
        assert.deepEqual(rt.body.schemaExtensions.map((e) => e.schema).sort(), [ENT, UPD_USER].sort());
        const rtg = await peer.scim("GET", "/ResourceTypes/Group");
        assert.deepEqual(rtg.body.schemaExtensions.map((e) => e.schema), [UPD_GROUP]);
        assertError(await peer.scim("POST", "/Bulk", bulk([])), 501);
    });

    test("filters: only eq, joined by and", async () => {
        await peer.control("POST", "/reset");
        const a = await peer.scim("POST", "/Users", user("alice", {externalId: "x-1", active: true}));
        assert.equal(a.status, 201, JSON.stringify(a.body));
        let r = await peer.scim("GET", "/Users" + q('userName eq "alice" and externalId eq "x-1"'));
        assert.equal(r.status, 200);
        assert.equal(r.body.totalResults, 1);
        r = await peer.scim("GET", "/Users" + q(`${ENT}:department eq "none"`));
        assert.equal(r.body.totalResults, 0);
        assertError(await peer.scim("GET", "/Users" + q('userName eq "alice" or userName eq "bob"')), 400, "invalidFilter", /'or'/);
        for (const [filter, what] of [['userName co "ali"', /'co'/], ['userName sw "a"', /'sw'/], ["title pr", /'pr'/],
            ['meta.lastModified gt "2020-01-01T00:00:00Z"', /'gt'/], ['not (userName eq "a")', /'not'/],
            ['(userName eq "a")', /parentheses/], ['emails[value eq "a@example.com"]', /value path/],
            ['userName eq "a" and emails[type eq "work"]', /value path/], ['nickNameX eq "a"', /unknown attribute 'nickNameX'/]]) {
            assertError(await peer.scim("GET", "/Users" + q(filter)), 400, "invalidFilter", what);
        }
        assertError(await peer.scim("GET", "/Groups" + q('displayName co "x"')), 400, "invalidFilter", /'co'/);
        assertError(await peer.scim("POST", "/Users/.search", {schemas: ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
            filter: 'userName ew "e"'}), 400, "invalidFilter", /'ew'/);
    });

    test("paging: at most 100 resources a page", async () => {
        await peer.control("POST", "/reset");
        const load = await peer.control("POST", "/load", {Users: Array.from({length: 250}, (_, i) => user(`p${String(i).padStart(3, "0")}`))});
        assert.equal(load.status, 201, JSON.stringify(load.body));
        let r = await peer.scim("GET", "/Users?count=500");
        assert.deepEqual([r.body.totalResults, r.body.itemsPerPage, r.body.startIndex, r.body.Resources.length], [250, 100, 1, 100]);
        r = await peer.scim("GET", "/Users?startIndex=101&count=1000");
        assert.deepEqual([r.body.totalResults, r.body.itemsPerPage, r.body.startIndex], [250, 100, 101]);
        assert.equal(r.body.Resources[0].userName, "p100");
        r = await peer.scim("GET", "/Users?startIndex=201&count=100");
        assert.deepEqual([r.body.totalResults, r.body.itemsPerPage, r.body.startIndex], [250, 50, 201]);
        r = await peer.scim("GET", "/Users");
        assert.equal(r.body.itemsPerPage, 100);
        r = await peer.scim("GET", "/Users" + q('userName eq "p007"') + "&count=1000");
        assert.equal(r.body.Resources[0].userName, "p007");
    });

    test("group members: Users only, a refused write applies nothing", async () => {
        await peer.control("POST", "/reset");
        const [u1, u2] = [(await peer.scim("POST", "/Users", user("m1"))).body.id, (await peer.scim("POST", "/Users", user("m2"))).body.id];
        const g1 = await peer.scim("POST", "/Groups", {schemas: [CORE_GROUP], displayName: "g1", members: [{value: u1}]});
        assert.equal(g1.status, 201);
        assert.deepEqual(g1.body.members, [{value: u1, type: "User"}]);
        const g1id = g1.body.id;

        assertError(await peer.scim("POST", "/Groups", {displayName: "g2", members: [{value: u2}, {value: g1id}]}),
            400, "invalidValue", new RegExp(`${g1id}.*Group`));
        assertError(await peer.scim("POST", "/Groups", {displayName: "g2", members: [{value: u2, type: "Group"}]}), 400, "invalidValue");
        assert.equal((await peer.scim("GET", "/Groups" + q('displayName eq "g2"'))).body.totalResults, 0, "nothing created");

        const g3 = (await peer.scim("POST", "/Groups", {displayName: "g3"})).body.id;
        const before = (await peer.scim("GET", `/Groups/${g1id}`)).body;
        for (const body of [
            patch({op: "add", path: "members", value: [{value: u2}, {value: g3}]}),
            patch({op: "replace", path: "members", value: [{value: g3}]}),
            patch({op: "replace", path: "displayName", value: "renamed"}, {op: "add", value: {members: [{value: g3}]}}),
            patch({op: "add", path: "members", value: [{value: u2, type: "Group"}]})
        ]) {
            assertError(await peer.scim("PATCH", `/Groups/${g1id}`, body), 400, "invalidValue");
        }
        assertError(await peer.scim("PUT", `/Groups/${g1id}`, {schemas: [CORE_GROUP], displayName: "renamed",
            members: [{value: u2}, {value: g3}]}), 400, "invalidValue", /nested groups/);
        assert.deepEqual((await peer.scim("GET", `/Groups/${g1id}`)).body, before, "group unchanged");
        assert.equal((await peer.scim("GET", `/Users/${u2}`)).body.groups, undefined);
    });

    test("users need at least one email", async () => {
        await peer.control("POST", "/reset");
        assertError(await peer.scim("POST", "/Users", {schemas: [CORE], userName: "nomail"}), 400, "invalidValue", /emails/);
        assertError(await peer.scim("POST", "/Users", {schemas: [CORE], userName: "nomail", emails: []}), 400, "invalidValue", /emails/);
        const u = await peer.scim("POST", "/Users", user("mail"));
        assert.equal(u.status, 201);
        assertError(await peer.scim("PUT", `/Users/${u.body.id}`, {schemas: [CORE], userName: "mail"}), 400, "invalidValue", /emails/);
        assertError(await peer.scim("PATCH", `/Users/${u.body.id}`, patch({op: "remove", path: "emails"})), 400, "invalidValue", /emails/);
        assertError(await peer.scim("PATCH", `/Users/${u.body.id}`, patch({op: "replace", path: "emails", value: []})),
            400, "invalidValue", /emails/);
        assertError(await peer.scim("PATCH", `/Users/${u.body.id}`, patch({op: "replace", path: "displayName", value: "D"},
            {op: "remove", path: 'emails[type eq "work"]'})), 400, "invalidValue", /emails/);
        const now = await peer.scim("GET", `/Users/${u.body.id}`);
        assert.deepEqual(now.body.emails, u.body.emails);
        assert.equal(now.body.displayName, undefined, "nothing of the refused PATCH applied");
        assert.equal(now.body.meta.version, u.body.meta.version);
    });

    test("unknown attributes and schemas are refused", async () => {
        await peer.control("POST", "/reset");
        assertError(await peer.scim("POST", "/Users", user("x", {nickNameX: "n"})), 400, "invalidSyntax", /'nickNameX'/);
        assertError(await peer.scim("POST", "/Users", user("x", {name: {givenName: "A", middleNameX: "B"}})), 400, "invalidSyntax", /'name\.middleNameX'/);
        assertError(await peer.scim("POST", "/Users", user("x", {emails: [{value: "x@example.com", label: "work"}]})),
            400, "invalidSyntax", /'emails\.label'/);
        assertError(await peer.scim("POST", "/Users", user("x", {schemas: [CORE, ENT], [ENT]: {department: "R&D", costCentre: "1"}})),
            400, "invalidSyntax", new RegExp(`'${ENT}:costCentre'`));
        assertError(await peer.scim("POST", "/Users", user("x", {"urn:ietf:params:scim:schemas:extension:acme:2.0:User": {a: 1}})),
            400, "invalidSyntax", /acme/);
        assertError(await peer.scim("POST", "/Users", user("x", {schemas: [CORE, "urn:ietf:params:scim:schemas:extension:acme:2.0:User"]})),
            400, "invalidSyntax", /acme/);
        assertError(await peer.scim("POST", "/Groups", {displayName: "g", owner: "me"}), 400, "invalidSyntax", /'owner'/);
        assert.equal((await peer.control("GET", "/stats")).body.users, 0);

        // Known attributes, extensions and common attributes (id, meta, externalId) are fine.
        const ok = await peer.scim("POST", "/Users", user("x", {schemas: [CORE, ENT, UPD_USER], externalId: "e", title: "T",
            name: {givenName: "A"}, [ENT]: {department: "R&D", manager: {value: "nobody"}}, [UPD_USER]: {configuration: "c"}}));
        assert.equal(ok.status, 201, JSON.stringify(ok.body));
        const id = ok.body.id;
        const put = await peer.scim("PUT", `/Users/${id}`, {...ok.body, title: "T2"});
        assert.equal(put.status, 200, JSON.stringify(put.body));
        assertError(await peer.scim("PUT", `/Users/${id}`, {...ok.body, nickNameX: "n"}), 400, "invalidSyntax", /'nickNameX'/);
        assertError(await peer.scim("PATCH", `/Users/${id}`, patch({op: "add", path: "nickNameX", value: "n"})), 400, "invalidPath", /nickNameX/);
        assertError(await peer.scim("PATCH", `/Users/${id}`, patch({op: "add", value: {title: "T3", nickNameX: "n"}})),
            400, "invalidSyntax", /'nickNameX'/);
        assertError(await peer.scim("PATCH", `/Users/${id}`, patch({op: "replace", path: ENT, value: {costCentre: "1"}})),
            400, "invalidSyntax", /costCentre/);
        assertError(await peer.scim("PATCH", `/Users/${id}`, patch({op: "add", path: 'emails[type eq "work"]', value: {label: "x"}})),
            400, "invalidSyntax", /emails\.label/);
        const p = await peer.scim("PATCH", `/Users/${id}`, patch({op: "replace", path: `${ENT}:manager.value`, value: "boss"},
            {op: "replace", path: 'emails[type eq "work"].value', value: "new@example.com"}));
        assert.equal(p.status, 200, JSON.stringify(p.body));
        assert.equal(p.body[ENT].manager.value, "boss");
        assert.equal(p.body.title, "T2");
    });
});

describe("--drop-attribute and --no-enterprise", () => {
    let strictDrop, strictNoEnt, lenient;
    before(async () => {
        [strictDrop, strictNoEnt, lenient] = await Promise.all([
            startPeer(["--strict", "--drop-attribute", "phoneNumbers", "--drop-attribute", "title", "--drop-attribute", `${ENT}:manager`]),
            startPeer(["--strict", "--no-enterprise"]),
            startPeer(["--drop-attribute", "title", "--no-enterprise"])
        ]);
    });
    after(() => [strictDrop, strictNoEnt, lenient].forEach((p) => p?.stop()));

    test("a bad --drop-attribute is a usage error", () => {
        const r = spawnSync(process.execPath, [path.join(here, "server.js"), "--host", "127.0.0.1", "--port", "0", "--token", "x",
            "--drop-attribute", "noSuchAttribute"], {encoding: "utf8"});
        assert.equal(r.status, 2);
        assert.match(r.stderr, /noSuchAttribute/);
    });

    test("strict: dropped attributes are not served and refused", async () => {
        const u = (await strictDrop.scim("GET", `/Schemas/${CORE}`)).body;
        assert.equal(schemaAttr(u, "phoneNumbers"), undefined);
        assert.equal(schemaAttr(u, "title"), undefined);
        assert.ok(schemaAttr(u, "emails"));
        const e = (await strictDrop.scim("GET", `/Schemas/${ENT}`)).body;
        assert.equal(schemaAttr(e, "manager"), undefined);
        assert.ok(schemaAttr(e, "department"));
        assertError(await strictDrop.scim("POST", "/Users", user("a", {phoneNumbers: [{value: "+1 555", type: "work"}]})),
            400, "invalidSyntax", /'phoneNumbers'/);
        assertError(await strictDrop.scim("POST", "/Users", user("a", {[ENT]: {manager: {value: "m"}}})), 400, "invalidSyntax", /manager/);
        const ok = await strictDrop.scim("POST", "/Users", user("a", {[ENT]: {department: "R&D"}}));
        assert.equal(ok.status, 201);
        assertError(await strictDrop.scim("PATCH", `/Users/${ok.body.id}`, patch({op: "replace", path: "title", value: "T"})), 400, "invalidPath");
        assertError(await strictDrop.scim("GET", "/Users" + q('title eq "T"')), 400, "invalidFilter", /title/);
    });

    test("strict --no-enterprise: extension not declared, refused", async () => {
        assert.equal((await strictNoEnt.scim("GET", `/Schemas/${ENT}`)).status, 404);
        const all = await strictNoEnt.scim("GET", "/Schemas");
        assert.ok(!all.body.Resources.some((s) => s.id === ENT));
        assert.ok(all.body.Resources.some((s) => s.id === UPD_USER));
        const rt = await strictNoEnt.scim("GET", "/ResourceTypes/User");
        assert.deepEqual(rt.body.schemaExtensions.map((x) => x.schema), [UPD_USER]);
        assertError(await strictNoEnt.scim("POST", "/Users", user("a", {[ENT]: {department: "R&D"}})), 400, "invalidSyntax", /enterprise/);
        assertError(await strictNoEnt.scim("POST", "/Users", user("a", {schemas: [CORE, ENT]})), 400, "invalidSyntax", /enterprise/);
        assert.equal((await strictNoEnt.scim("POST", "/Users", user("a", {[UPD_USER]: {configuration: "c"}}))).status, 201);
    });

    test("lenient: dropped attributes and the enterprise extension are ignored", async () => {
        const rt = await lenient.scim("GET", "/ResourceTypes/User");
        assert.ok(!rt.body.schemaExtensions.some((x) => x.schema === ENT));
        assert.equal(schemaAttr((await lenient.scim("GET", `/Schemas/${CORE}`)).body, "title"), undefined);
        const r = await lenient.scim("POST", "/Users", {userName: "a", title: "T", [ENT]: {department: "R&D"}});
        assert.equal(r.status, 201);
        assert.equal(r.body.title, undefined);
        assert.equal(r.body[ENT], undefined);
    });
});

describe("--bulk (with --strict)", () => {
    let peer;
    before(async () => (peer = await startPeer(["--strict", "--bulk", "--bulk-max-operations", "6", "--bulk-max-payload", "6000"])));
    after(() => peer?.stop());

    test("advertised limits", async () => {
        const spc = await peer.scim("GET", "/ServiceProviderConfig");
        assert.deepEqual(spc.body.bulk, {supported: true, maxOperations: 6, maxPayloadSize: 6000});
    });

    test("bulkId references (forward too), failures, results per operation", async () => {
        await peer.control("POST", "/reset");
        await peer.control("POST", "/stats/reset");
        const existing = (await peer.scim("POST", "/Users", user("carol"))).body.id;
        const r = await peer.scim("POST", "/Bulk", bulk([
            {method: "POST", path: "/Groups", bulkId: "team", data: {schemas: [CORE_GROUP], displayName: "Team",
                members: [{value: "bulkId:alice"}, {value: "bulkId:bob", $ref: `${peer.base}/Users/bulkId:bob`}, {value: existing}]}},
            {method: "POST", path: "/Users", bulkId: "alice", data: user("alice", {schemas: [CORE, ENT], [ENT]: {manager: {value: "bulkId:bob"}}})},
            {method: "POST", path: "/Users", bulkId: "bob", data: user("bob")},
            {method: "POST", path: "/Users", bulkId: "dup", data: user("CAROL")},
            {method: "PATCH", path: "/Users/bulkId:bob", data: patch({op: "replace", path: "displayName", value: "Bob B."})},
            {method: "DELETE", path: "/Users/no-such-id"}
        ]));
        assert.equal(r.status, 200, JSON.stringify(r.body));
        assert.deepEqual(r.body.schemas, [BULK_RESPONSE]);
        const ops = r.body.Operations;
        assert.deepEqual(ops.map((o) => [o.method, o.bulkId, o.status]), [["POST", "team", "201"], ["POST", "alice", "201"],
            ["POST", "bob", "201"], ["POST", "dup", "409"], ["PATCH", undefined, "200"], ["DELETE", undefined, "404"]]);
        const idOf = (o) => o.location.slice(o.location.lastIndexOf("/") + 1);
        const [team, alice, bob] = ops.map((o) => (o.location ? idOf(o) : undefined));
        for (const o of ops.slice(0, 3)) {
            assert.match(o.location, new RegExp(`^${peer.base}/(Users|Groups)/[0-9a-f-]{36}$`));
            assert.match(o.version, /^W\/"\d+"$/);
            assert.equal(o.response, undefined);
        }
        assert.equal(ops[3].location, undefined, "a failed POST has no location");
        assert.equal(ops[3].response.scimType, "uniqueness");
        assert.deepEqual(ops[3].response.schemas, [ERROR]);
        assert.equal(ops[4].location, `${peer.base}/Users/${bob}`);
        assert.equal(ops[5].location, `${peer.base}/Users/no-such-id`);
        assert.equal(ops[5].response.status, "404");

        const g = (await peer.scim("GET", `/Groups/${team}`)).body;
        assert.deepEqual(g.members.map((m) => m.value).sort(), [alice, bob, existing].sort());
        const a = (await peer.scim("GET", `/Users/${alice}`)).body;
        assert.equal(a[ENT].manager.value, bob);
        assert.equal((await peer.scim("GET", `/Users/${bob}`)).body.displayName, "Bob B.");

        const s = (await peer.control("GET", "/stats")).body;
        assert.deepEqual(s.bulk, {requests: 1, operations: {POST: 4, PUT: 0, PATCH: 1, DELETE: 1}});
        assert.equal(s.requests.POST, 2, "operations are not counted as HTTP requests");
        assert.equal(s.requests.PATCH, 0);
    });

    test("strict validation per operation, failOnErrors, unresolved and circular references", async () => {
        await peer.control("POST", "/reset");
        let r = await peer.scim("POST", "/Bulk", bulk([
            {method: "POST", path: "/Users", bulkId: "nomail", data: {schemas: [CORE], userName: "nomail"}},
            {method: "POST", path: "/Users", bulkId: "ok", data: user("ok")}
        ], {failOnErrors: 1}));
        assert.equal(r.status, 200);
        assert.equal(r.body.Operations.length, 1, "stopped after failOnErrors errors");
        assert.equal(r.body.Operations[0].status, "400");
        assert.equal(r.body.Operations[0].response.scimType, "invalidValue");
        assert.match(r.body.Operations[0].response.detail, /emails/);
        assert.equal((await peer.control("GET", "/stats")).body.users, 0);

        const single = await peer.scim("POST", "/Users", user("u", {nickNameX: 1}));
        r = await peer.scim("POST", "/Bulk", bulk([
            {method: "POST", path: "/Users", bulkId: "x", data: user("u", {nickNameX: 1})},
            {method: "POST", path: "/Groups", bulkId: "g", data: {displayName: "G", members: [{value: "bulkId:x"}]}},
            {method: "POST", path: "/Groups", bulkId: "h", data: {displayName: "H", members: [{value: "bulkId:nope"}]}},
            {method: "POST", path: "/Users", bulkId: "c1", data: user("c1", {[ENT]: {manager: {value: "bulkId:c2"}}})},
            {method: "POST", path: "/Users", bulkId: "c2", data: user("c2", {[ENT]: {manager: {value: "bulkId:c1"}}})},
            {method: "GET", path: "/Users"}
        ]));
        const ops = r.body.Operations;
        assert.deepEqual(ops.map((o) => o.status), ["400", "409", "409", "409", "409", "400"]);
        assert.deepEqual(ops[0].response, single.body, "same answer as the single request");
        assert.match(ops[1].response.detail, /bulkId:x/);
        assert.match(ops[2].response.detail, /bulkId:nope/);
        assert.match(ops[3].response.detail, /[Cc]ircular/);
        assert.match(ops[4].response.detail, /[Cc]ircular/);
        assert.equal(ops[5].response.scimType, "invalidSyntax");
        assert.equal((await peer.control("GET", "/stats")).body.users + (await peer.control("GET", "/stats")).body.groups, 0);

        // Group in group through bulkId: refused like the single request.
        r = await peer.scim("POST", "/Bulk", bulk([
            {method: "POST", path: "/Groups", bulkId: "inner", data: {displayName: "inner"}},
            {method: "POST", path: "/Groups", bulkId: "outer", data: {displayName: "outer", members: [{value: "bulkId:inner"}]}}
        ]));
        assert.deepEqual(r.body.Operations.map((o) => o.status), ["201", "400"]);
        assert.match(r.body.Operations[1].response.detail, /nested groups/);
    });

    test("limits: maxOperations and maxPayloadSize answer 413", async () => {
        const seven = Array.from({length: 7}, (_, i) => ({method: "POST", path: "/Users", bulkId: `b${i}`, data: user(`b${i}`)}));
        assertError(await peer.scim("POST", "/Bulk", bulk(seven)), 413, undefined, /maxOperations \(6\)/);
        const big = [{method: "POST", path: "/Users", bulkId: "big", data: user("big", {displayName: "x".repeat(7000)})}];
        assertError(await peer.scim("POST", "/Bulk", bulk(big)), 413, undefined, /maxPayloadSize \(6000\)/);
        assertError(await peer.scim("POST", "/Bulk", {Operations: []}), 400, "invalidSyntax");
        assertError(await peer.scim("POST", "/Bulk", undefined, {raw: "{not json"}), 400, "invalidSyntax");
        assert.equal((await peer.control("GET", "/stats")).body.users, 0);
    });
});

describe("--etag (with --bulk)", () => {
    let peer;
    before(async () => (peer = await startPeer(["--etag", "--bulk"])));
    after(() => peer?.stop());

    test("ETag headers, If-Match 412, If-None-Match 304", async () => {
        const spc = await peer.scim("GET", "/ServiceProviderConfig");
        assert.equal(spc.body.etag.supported, true);
        assert.deepEqual(spc.body.bulk, {supported: true, maxOperations: 100, maxPayloadSize: 1048576});

        const u = await peer.scim("POST", "/Users", {userName: "e"});
        assert.equal(u.status, 201);
        const v1 = u.headers.get("etag");
        assert.equal(v1, u.body.meta.version);
        const got = await peer.scim("GET", `/Users/${u.body.id}`);
        assert.equal(got.headers.get("etag"), v1);
        assert.equal((await peer.scim("GET", `/Users/${u.body.id}`, undefined, {headers: {"If-None-Match": v1}})).status, 304);

        const p = await peer.scim("PATCH", `/Users/${u.body.id}`, patch({op: "replace", path: "displayName", value: "E"}),
            {headers: {"If-Match": v1}});
        assert.equal(p.status, 200);
        const v2 = p.headers.get("etag");
        assert.notEqual(v2, v1);
        assert.equal(v2, p.body.meta.version);

        assertError(await peer.scim("PUT", `/Users/${u.body.id}`, {userName: "e2"}, {headers: {"If-Match": v1}}), 412, undefined, /If-Match/);
        assertError(await peer.scim("PATCH", `/Users/${u.body.id}`, patch({op: "replace", path: "displayName", value: "X"}),
            {headers: {"If-Match": v1}}), 412);
        assertError(await peer.scim("DELETE", `/Users/${u.body.id}`, undefined, {headers: {"If-Match": v1}}), 412);
        assert.equal((await peer.scim("GET", `/Users/${u.body.id}`)).body.displayName, "E", "nothing applied");

        const put = await peer.scim("PUT", `/Users/${u.body.id}`, {userName: "e2"}, {headers: {"If-Match": v2}});
        assert.equal(put.status, 200);
        assert.equal(put.headers.get("etag"), put.body.meta.version);
        assert.equal((await peer.scim("PUT", `/Users/${u.body.id}`, {userName: "e3"}, {headers: {"If-Match": "*"}})).status, 200);

        const g = await peer.scim("POST", "/Groups", {displayName: "G", members: [{value: u.body.id}]});
        const gv = g.headers.get("etag");
        const gp = await peer.scim("PATCH", `/Groups/${g.body.id}`, patch({op: "remove", path: "members"}), {headers: {"If-Match": gv}});
        assert.equal(gp.status, 200);
        assert.equal(gp.headers.get("etag"), gp.body.meta.version);
        assertError(await peer.scim("PATCH", `/Groups/${g.body.id}`, patch({op: "add", path: "members", value: [{value: u.body.id}]}),
            {headers: {"If-Match": gv}}), 412);

        // Bulk: an operation's "version" is its If-Match.
        const now = (await peer.scim("GET", `/Users/${u.body.id}`)).body.meta.version;
        const b = await peer.scim("POST", "/Bulk", bulk([
            {method: "PATCH", path: `/Users/${u.body.id}`, version: v1, data: patch({op: "replace", path: "title", value: "T"})},
            {method: "PATCH", path: `/Users/${u.body.id}`, version: now, data: patch({op: "replace", path: "title", value: "T"})}
        ]));
        assert.deepEqual(b.body.Operations.map((o) => o.status), ["412", "200"]);
        assert.match(b.body.Operations[1].version, /^W\/"\d+"$/);
        assert.notEqual(b.body.Operations[1].version, now);
    });
});

describe("--no-patch and --no-discovery", () => {
    let peer;
    before(async () => (peer = await startPeer(["--no-patch", "--no-discovery"])));
    after(() => peer?.stop());

    test("discovery endpoints answer 404", async () => {
        for (const p of ["/ServiceProviderConfig", "/Schemas", `/Schemas/${CORE}`, "/ResourceTypes", "/ResourceTypes/User"])
            assertError(await peer.scim("GET", p), 404);
        assert.equal((await peer.scim("GET", "/Users")).status, 200);
    });

    test("PATCH answers 501; PUT replaces users and groups (members included)", async () => {
        const u1 = (await peer.scim("POST", "/Users", {userName: "p1", emails: [{value: "p1@example.com"}]})).body;
        const u2 = (await peer.scim("POST", "/Users", {userName: "p2"})).body;
        assertError(await peer.scim("PATCH", `/Users/${u1.id}`, patch({op: "replace", path: "displayName", value: "D"})), 501, undefined, /PUT/);
        const g = (await peer.scim("POST", "/Groups", {displayName: "G", members: [{value: u1.id}]})).body;
        assertError(await peer.scim("PATCH", `/Groups/${g.id}`, patch({op: "add", path: "members", value: [{value: u2.id}]})), 501);

        let r = await peer.scim("PUT", `/Users/${u1.id}`, {schemas: [CORE], userName: "p1", displayName: "P One", active: false});
        assert.equal(r.status, 200);
        assert.equal(r.body.displayName, "P One");
        assert.equal(r.body.emails, undefined, "PUT replaces");
        r = await peer.scim("PUT", `/Groups/${g.id}`, {schemas: [CORE_GROUP], displayName: "G2", members: [{value: u1.id}, {value: u2.id}]});
        assert.equal(r.status, 200);
        assert.equal(r.body.displayName, "G2");
        assert.deepEqual(r.body.members.map((m) => m.value).sort(), [u1.id, u2.id].sort());
        assert.deepEqual((await peer.scim("GET", `/Users/${u2.id}`)).body.groups.map((x) => x.value), [g.id]);
        r = await peer.scim("PUT", `/Groups/${g.id}`, {schemas: [CORE_GROUP], displayName: "G2", members: [{value: u2.id}]});
        assert.deepEqual(r.body.members.map((m) => m.value), [u2.id]);
        assert.equal((await peer.scim("GET", `/Users/${u1.id}`)).body.groups, undefined);
        assert.equal((await peer.control("GET", "/stats")).body.requests.PATCH, 2);
    });
});
