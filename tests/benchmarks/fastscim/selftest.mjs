// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Checks the fast SCIM service does what Updraft asks of it:  node --test tests/benchmarks/fastscim/selftest.mjs
import {test, before, after} from "node:test";
import assert from "node:assert/strict";
import {spawn} from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {fileURLToPath} from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fastscim-"));
const portFile = path.join(dir, "port");
const ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
let server;
let base;
let control;

before(async () => {
    server = spawn(process.execPath, [path.join(here, "server.mjs"), "--token", "t", "--port-file", portFile, "--bulk"],
        {stdio: ["ignore", "ignore", "inherit"]});
    for (let i = 0; i < 100 && !fs.existsSync(portFile); i++) await new Promise((r) => setTimeout(r, 50));
    const port = fs.readFileSync(portFile, "utf8").trim();
    base = `http://127.0.0.1:${port}/scim/v2`;
    control = `http://127.0.0.1:${port}/_test`;
});

after(() => {
    server.kill("SIGTERM");
    fs.rmSync(dir, {recursive: true, force: true});
});

async function call(method, url, body, token = "t") {
    const res = await fetch(url.startsWith("http") ? url : `${base}${url}`, {method,
        headers: {"Authorization": `Bearer ${token}`, "Content-Type": "application/scim+json"},
        body: body === undefined ? undefined : JSON.stringify(body)});
    const text = await res.text();
    return {status: res.status, body: text ? JSON.parse(text) : undefined};
}
const q = (filter) => encodeURIComponent(filter);
const user = (n, more = {}) => ({schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: `u${n}@example.com`,
    externalId: `ext+${n}/=`, displayName: `User ${n}`, ...more});

test("discovery, token", async () => {
    const spc = await call("GET", "/ServiceProviderConfig");
    assert.equal(spc.body.filter.maxResults, 1000);
    assert.equal(spc.body.patch.supported, true);
    assert.equal(spc.body.bulk.supported, true);
    assert.equal(spc.body.etag.supported, false);
    const schemas = await call("GET", "/Schemas");
    assert.ok(schemas.body.Resources.some((s) => s.id === ENT));
    const types = await call("GET", "/ResourceTypes");
    assert.deepEqual(types.body.Resources.map((t) => t.endpoint), ["/Users", "/Groups"]);
    assert.equal((await call("GET", "/Users", undefined, "wrong")).status, 401);
});

test("users: create, uniqueness, filters, paging, attributes, PATCH, PUT", async () => {
    await fetch(`${control}/reset`, {method: "POST"});
    const a = await call("POST", "/Users", user(1, {[ENT]: {department: "Eng"}, schemas: undefined}));
    assert.equal(a.status, 201);
    assert.deepEqual(a.body.schemas, ["urn:ietf:params:scim:schemas:core:2.0:User", ENT]);
    const clash = await call("POST", "/Users", user(1, {userName: "U1@EXAMPLE.com", externalId: "other"}));
    assert.equal(clash.status, 409);
    assert.equal(clash.body.scimType, "uniqueness");
    for (let i = 2; i <= 5; i++) assert.equal((await call("POST", "/Users", user(i))).status, 201);

    let r = await call("GET", `/Users?filter=${q('externalId eq "ext+1/="')}`);
    assert.equal(r.body.totalResults, 1);
    assert.equal(r.body.Resources[0].id, a.body.id);
    assert.equal((await call("GET", `/Users?filter=${q('externalId eq "EXT+1/="')}`)).body.totalResults, 0);
    assert.equal((await call("GET", `/Users?filter=${q('userName eq "U2@Example.COM"')}`)).body.totalResults, 1);
    assert.equal((await call("GET", `/Users?filter=${q(`id eq "${a.body.id}"`)}`)).body.totalResults, 1);
    assert.equal((await call("GET", `/Users?filter=${q('displayName sw "user" and not (userName eq "u1@example.com")')}`))
        .body.totalResults, 4);
    assert.equal((await call("GET", `/Users?filter=${q("userName eq")}`)).body.scimType, "invalidFilter");

    r = await call("GET", "/Users?startIndex=2&count=2&attributes=externalId,userName");
    assert.equal(r.body.totalResults, 5);
    assert.deepEqual(r.body.Resources.map((u) => u.userName), ["u2@example.com", "u3@example.com"]);
    assert.deepEqual(Object.keys(r.body.Resources[0]).sort(), ["externalId", "id", "schemas", "userName"]);
    assert.equal((await call("GET", "/Users?startIndex=1&count=1")).body.Resources.length, 1);

    r = await call("PATCH", `/Users/${a.body.id}`, {schemas: [PATCH], Operations: [
        {op: "replace", path: "title", value: "Boss"},
        {op: "replace", path: "name.givenName", value: "Ann"},
        {op: "remove", path: `${ENT}:department`},
        {op: "replace", path: `${ENT}:manager`, value: {value: "m"}},
        {op: "Replace", value: {displayName: "Ann B", [ENT]: {employeeNumber: "7"}}},
        {op: "add", path: 'emails[type eq "work"].value', value: "ann@example.com"}]});
    assert.equal(r.status, 200);
    assert.equal(r.body.title, "Boss");
    assert.equal(r.body.name.givenName, "Ann");
    assert.deepEqual(r.body[ENT], {manager: {value: "m"}, employeeNumber: "7"});
    assert.equal(r.body.displayName, "Ann B");
    assert.deepEqual(r.body.emails, [{type: "work", value: "ann@example.com"}]);
    const bad = await call("PATCH", `/Users/${a.body.id}`, {schemas: [PATCH], Operations: [
        {op: "replace", path: "userName", value: "u2@example.com"}]});
    assert.equal(bad.status, 409);

    r = await call("PUT", `/Users/${a.body.id}`, user(1, {title: "Put"}));
    assert.equal(r.body.title, "Put");
    assert.equal(r.body[ENT], undefined);
    assert.equal((await call("GET", `/Users/${a.body.id}`)).body.meta.created, a.body.meta.created);
});

test("groups: members by PATCH, deletes drop memberships", async () => {
    await fetch(`${control}/reset`, {method: "POST"});
    const u = [];
    for (let i = 1; i <= 3; i++) u.push((await call("POST", "/Users", user(i))).body.id);
    const g = await call("POST", "/Groups", {displayName: "G", externalId: "g", members: [{value: u[0]}]});
    assert.equal(g.status, 201);
    assert.equal((await call("POST", "/Groups", {displayName: "H", members: [{value: "nobody"}]})).status, 400);
    let r = await call("PATCH", `/Groups/${g.body.id}`, {schemas: [PATCH], Operations: [
        {op: "add", path: "members", value: [{value: u[1], type: "User"}, {value: u[2]}]},
        {op: "remove", path: `members[value eq "${u[0]}"]`}]});
    assert.deepEqual(r.body.members.map((m) => m.value), [u[1], u[2]]);
    assert.equal((await call("GET", `/Groups?filter=${q('displayName eq "g"')}`)).body.totalResults, 1);
    assert.deepEqual((await call("GET", `/Users/${u[1]}`)).body.groups.map((x) => x.value), [g.body.id]);
    assert.equal((await call("DELETE", `/Users/${u[1]}`)).status, 204);
    r = await call("GET", `/Groups/${g.body.id}`);
    assert.deepEqual(r.body.members.map((m) => m.value), [u[2]]);
    r = await call("PATCH", `/Groups/${g.body.id}`, {schemas: [PATCH], Operations: [
        {op: "replace", value: {displayName: "G2", members: [{value: u[0]}]}}]});
    assert.equal(r.body.displayName, "G2");
    assert.deepEqual(r.body.members.map((m) => m.value), [u[0]]);
    assert.equal((await call("DELETE", `/Groups/${g.body.id}`)).status, 204);
    assert.equal((await call("GET", `/Groups/${g.body.id}`)).status, 404);
});

test("bulk and statistics", async () => {
    await fetch(`${control}/reset`, {method: "POST"});
    const r = await call("POST", "/Bulk", {schemas: ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], Operations: [
        {method: "POST", path: "/Users", bulkId: "a", data: user(1)},
        {method: "POST", path: "/Groups", bulkId: "g", data: {displayName: "G", members: [{value: "bulkId:a"}]}},
        {method: "POST", path: "/Users", bulkId: "b", data: user(1)},
        {method: "PATCH", path: "/Users/bulkId:a", data: {schemas: [PATCH], Operations: [{op: "replace", path: "title", value: "T"}]}}]});
    assert.deepEqual(r.body.Operations.map((o) => o.status), ["201", "201", "409", "200"]);
    const stats = await (await fetch(`${control}/stats`)).json();
    assert.equal(stats.requests.POST, 1);
    assert.deepEqual(stats.bulk, {requests: 1, operations: {POST: 3, PUT: 0, PATCH: 1, DELETE: 0}});
    assert.equal(stats.users, 1);
    assert.equal(stats.memberships, 1);
    await fetch(`${control}/stats/reset`, {method: "POST"});
    assert.equal((await (await fetch(`${control}/stats`)).json()).requests.POST, 0);
});
