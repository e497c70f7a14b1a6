// Self-test of the Entra ID inbound-provisioning imitation: node --test tests/servers/entra/selftest.mjs
// (or bash tests/servers/entra/selftest.sh). Every service is started with start.sh in its own temporary state
// directory and stopped with stop.sh; client assertions are signed by openssl with the key start.sh generated, so
// the server's signature checks are tested against an independent implementation.
import {test, describe, before, after} from "node:test";
import assert from "node:assert/strict";
import {spawnSync} from "node:child_process";
import {fileURLToPath} from "node:url";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const TMP_PREFIX = path.join(os.tmpdir(), "entra-selftest-");
const BULK = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
const CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const SCOPE = "https://graph.microsoft.com/.default";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Services
// ---------------------------------------------------------------------------------------------
const running = new Set();

function startService(options = [], dir = fs.mkdtempSync(TMP_PREFIX)) {
    const r = spawnSync("bash", [path.join(here, "start.sh"), dir, ...options], {encoding: "utf8"});
    if (r.status !== 0) throw new Error(`start.sh ${options.join(" ")} failed (${r.status}): ${r.stderr}`);
    const read = (f) => fs.readFileSync(path.join(dir, f), "utf8").trim();
    const svc = {
        dir, url: read("entra.url"), pid: Number(read("entra.pid")), port: Number(read("entra.port")),
        tenant: read("entra.tenant"), client: read("entra.client"), secret: read("entra.secret"),
        sp: read("entra.sp"), job: read("entra.job"), key: path.join(dir, "client.key"), crt: path.join(dir, "client.crt")
    };
    assert.equal(r.stdout.trim(), svc.url);
    svc.tokenUrl = `${svc.url}/${svc.tenant}/oauth2/v2.0/token`;
    svc.jobPath = `/v1.0/servicePrincipals/${svc.sp}/synchronization/jobs/${svc.job}`;
    running.add(svc);
    return svc;
}

// Alive = exists and has not exited (a zombie waiting for init to reap it has exited).
const alive = (pid) => {
    try {
        process.kill(pid, 0);
    } catch {
        return false;
    }
    const ps = spawnSync("ps", ["-o", "stat=", "-p", String(pid)], {encoding: "utf8"});
    return !ps.stdout.trim().startsWith("Z");
};

function stopService(svc, {keepDir = false} = {}) {
    const r = spawnSync("bash", [path.join(here, "stop.sh"), svc.dir], {encoding: "utf8"});
    assert.equal(r.status, 0, r.stderr);
    assert.equal(alive(svc.pid), false, `server pid ${svc.pid} still alive after stop.sh`);
    assert.equal(fs.existsSync(path.join(svc.dir, "entra.pid")), false);
    running.delete(svc);
    if (!keepDir) fs.rmSync(svc.dir, {recursive: true, force: true});
}

after(() => {
    for (const svc of [...running]) stopService(svc);
    // Nothing of ours may be left running (ps: no process whose command line names one of our state dirs).
    const ps = spawnSync("ps", ["-eo", "pid=,args="], {encoding: "utf8"});
    const left = ps.stdout.split("\n").filter((l) => l.includes(TMP_PREFIX) && l.includes("server.mjs"));
    assert.deepEqual(left, [], `processes left behind:\n${left.join("\n")}`);
});

// ---------------------------------------------------------------------------------------------
// HTTP helpers
// ---------------------------------------------------------------------------------------------
async function call(url, {method = "GET", headers = {}, body} = {}) {
    const res = await fetch(url, {method, headers, body});
    const text = await res.text();
    let json;
    try {
        json = text ? JSON.parse(text) : undefined;
    } catch {
        json = undefined;
    }
    return {status: res.status, headers: res.headers, text, body: json};
}

const control = (svc, method, p, body) => call(`${svc.url}/_test${p}`,
    {method, headers: {"Content-Type": "application/json"}, body: body === undefined ? undefined : JSON.stringify(body)});
const stats = async (svc) => (await control(svc, "GET", "/stats")).body;
const users = async (svc) => (await control(svc, "GET", "/users")).body;

function tokenRequest(svc, fields, {tenant = svc.tenant, method = "POST", headers = {}} = {}) {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) form.set(k, v);
    return call(`${svc.url}/${tenant}/oauth2/v2.0/token`, {method, headers: {"Content-Type": "application/x-www-form-urlencoded", ...headers},
        body: method === "POST" ? form.toString() : undefined});
}

async function secretToken(svc) {
    const r = await tokenRequest(svc, {grant_type: "client_credentials", client_id: svc.client, scope: SCOPE, client_secret: svc.secret});
    assert.equal(r.status, 200, r.text);
    return r.body.access_token;
}

const graph = (svc, token, p, {method = "GET", body, contentType = "application/scim+json", headers = {}} = {}) =>
    call(p.startsWith("http") ? p : `${svc.url}${p}`, {method, body: typeof body === "string" || body === undefined ? body : JSON.stringify(body),
        headers: {...(token ? {Authorization: `Bearer ${token}`} : {}), ...(body !== undefined ? {"Content-Type": contentType} : {}), ...headers}});

const user = (externalId, extra = {}) => ({schemas: [CORE, ENT], externalId, ...extra});
const bulkRequest = (records) => ({schemas: [BULK], Operations: records.map((data, i) => ({method: "POST", bulkId: `b${i}-${data.externalId}`, path: "/Users", data})), failOnErrors: null});
const upload = (svc, token, body, opts = {}) => graph(svc, token, `${svc.jobPath}/bulkUpload`, {method: "POST", body, ...opts});

async function logs(svc, token, query = "") {
    const r = await graph(svc, token, `/v1.0/auditLogs/provisioning${query}`);
    assert.equal(r.status, 200, r.text);
    return r.body;
}

async function allLogs(svc, token, query = "?$top=1000") {
    let page = await logs(svc, token, query);
    const out = [...page.value];
    while (page["@odata.nextLink"]) {
        page = (await graph(svc, token, page["@odata.nextLink"])).body;
        out.push(...page.value);
    }
    return out;
}

function assertAadError(r, status, error, code) {
    assert.equal(r.status, status, r.text);
    assert.equal(r.body.error, error, r.text);
    assert.deepEqual(r.body.error_codes, [code]);
    assert.match(r.body.error_description, new RegExp(`^AADSTS${code}: .+ Trace ID: [0-9a-f-]{36} Correlation ID: \\S+ Timestamp: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$`));
    assert.match(r.body.timestamp, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
    assert.match(r.body.trace_id, /^[0-9a-f-]{36}$/);
    assert.ok(r.body.correlation_id);
    assert.equal(r.body.error_uri, `https://login.microsoftonline.com/error?code=${code}`);
}

function assertGraphError(r, status, code) {
    assert.equal(r.status, status, r.text);
    assert.equal(r.body.error.code, code, r.text);
    assert.equal(typeof r.body.error.message, "string");
    assert.match(r.body.error.innerError.date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    assert.match(r.body.error.innerError["request-id"], /^[0-9a-f-]{36}$/);
    assert.ok(r.body.error.innerError["client-request-id"]);
}

// ---------------------------------------------------------------------------------------------
// Client assertions, signed by openssl
// ---------------------------------------------------------------------------------------------
function thumbprint(crt, hash) {
    const r = spawnSync("openssl", ["x509", "-in", crt, "-noout", "-fingerprint", `-${hash}`], {encoding: "utf8"});
    assert.equal(r.status, 0, r.stderr);
    return Buffer.from(r.stdout.split("=")[1].trim().replace(/:/g, ""), "hex").toString("base64url");
}

function opensslSign(keyPath, data, alg, saltlen = "32") {
    const args = ["dgst", "-sha256", "-sign", keyPath];
    if (alg === "PS256") args.push("-sigopt", "rsa_padding_mode:pss", "-sigopt", `rsa_pss_saltlen:${saltlen}`);
    const r = spawnSync("openssl", args, {input: data});
    assert.equal(r.status, 0, r.stderr.toString());
    return r.stdout;
}

// alg PS256 (x5t#S256) or RS256 (x5t) as the certificate-credentials page describes; overrides for the negative cases.
function assertion(svc, {alg = "PS256", signAs, saltlen, header = {}, claims = {}, key = svc.key, crt = svc.crt, tamper = false} = {}) {
    const now = Math.floor(Date.now() / 1000);
    const h = {alg, typ: "JWT", ...(alg === "RS256" ? {x5t: thumbprint(crt, "sha1")} : {"x5t#S256": thumbprint(crt, "sha256")}), ...header};
    const c = {aud: svc.tokenUrl, iss: svc.client, sub: svc.client, jti: crypto.randomUUID(), nbf: now, iat: now, exp: now + 600, ...claims};
    for (const o of [h, c]) for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
    const input = `${Buffer.from(JSON.stringify(h)).toString("base64url")}.${Buffer.from(JSON.stringify(c)).toString("base64url")}`;
    const sig = opensslSign(key, Buffer.from(input, "ascii"), signAs ?? alg, saltlen);
    if (tamper) sig[sig.length - 1] ^= 0x01;
    return `${input}.${sig.toString("base64url")}`;
}

const assertionRequest = (svc, jwt, extra = {}) => tokenRequest(svc, {grant_type: "client_credentials", client_id: svc.client, scope: SCOPE,
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", client_assertion: jwt, ...extra});

// ---------------------------------------------------------------------------------------------
// start.sh / stop.sh
// ---------------------------------------------------------------------------------------------
describe("start.sh and stop.sh", () => {
    test("refuse --host/--port and report a bad option", () => {
        const dir = fs.mkdtempSync(TMP_PREFIX);
        try {
            let r = spawnSync("bash", [path.join(here, "start.sh"), dir, "--port", "1"], {encoding: "utf8"});
            assert.equal(r.status, 2);
            r = spawnSync("bash", [path.join(here, "start.sh"), dir, "--no-such-option"], {encoding: "utf8"});
            assert.equal(r.status, 1);
            assert.match(r.stderr, /unknown option --no-such-option/);
            assert.equal(fs.existsSync(path.join(dir, "entra.pid")), false);
        } finally {
            fs.rmSync(dir, {recursive: true, force: true});
        }
    });

    test("the server refuses a non-loopback host", () => {
        const r = spawnSync(process.execPath, [path.join(here, "server.mjs"), "--host", "0.0.0.0", "--port", "0"], {encoding: "utf8"});
        assert.equal(r.status, 2);
        assert.match(r.stderr, /loopback/);
    });

    test("write the state files with the defaults, keep the key pair, stop by pid", async () => {
        const svc = startService();
        assert.match(svc.url, /^http:\/\/127\.0\.0\.1:\d+$/);
        assert.equal(svc.url, `http://127.0.0.1:${svc.port}`);
        assert.equal(svc.secret, "updraft-test-secret");
        assert.equal(svc.tenant, "aaaabbbb-0000-cccc-1111-dddd2222eeee");
        assert.equal(svc.client, "00001111-aaaa-2222-bbbb-3333cccc4444");
        assert.equal(svc.sp, "11112222-bbbb-3333-cccc-4444dddd5555");
        assert.equal(svc.job, "API2AAD.aaaabbbb0000cccc1111dddd2222eeee.22223333-cccc-4444-dddd-5555eeee6666");
        assert.match(fs.readFileSync(svc.key, "utf8"), /-----BEGIN PRIVATE KEY-----/);
        const cert = new crypto.X509Certificate(fs.readFileSync(svc.crt));
        assert.equal(cert.publicKey.asymmetricKeyDetails.modulusLength, 2048);
        assert.equal(fs.readFileSync(path.join(svc.dir, "entra.options"), "utf8"), "");
        assert.match(fs.readFileSync(path.join(svc.dir, "entra.log"), "utf8"), /^ready http:\/\/127\.0\.0\.1:\d+$/m);
        // A second start from the same directory is refused while the first runs.
        const again = spawnSync("bash", [path.join(here, "start.sh"), svc.dir], {encoding: "utf8"});
        assert.equal(again.status, 1);
        assert.match(again.stderr, /already running/);
        const pem = fs.readFileSync(svc.crt, "utf8");
        stopService(svc, {keepDir: true});
        // Restarting reuses the existing key pair; stop.sh without a running server is fine.
        const svc2 = startService([], svc.dir);
        assert.equal(fs.readFileSync(svc2.crt, "utf8"), pem);
        stopService(svc2, {keepDir: true});
        const r = spawnSync("bash", [path.join(here, "stop.sh"), svc.dir], {encoding: "utf8"});
        assert.equal(r.status, 0);
        fs.rmSync(svc.dir, {recursive: true, force: true});
    });

    test("write the configured identifiers and secret", async () => {
        const svc = startService(["--tenant", "9b1f0000-0000-4000-8000-000000000001", "--client-id", "client-x",
            "--client-secret=s3cret value", "--service-principal", "sp-x", "--job", "API2AAD.x.job-x", "--domains", "a.example,B.example"]);
        try {
            assert.deepEqual([svc.tenant, svc.client, svc.secret, svc.sp, svc.job],
                ["9b1f0000-0000-4000-8000-000000000001", "client-x", "s3cret value", "sp-x", "API2AAD.x.job-x"]);
            assert.equal(fs.readFileSync(path.join(svc.dir, "entra.options"), "utf8").split("\n")[0], "--tenant");
            // A verified domain works as the tenant segment of the token URL.
            const r = await tokenRequest(svc, {grant_type: "client_credentials", client_id: "client-x", scope: SCOPE, client_secret: "s3cret value"}, {tenant: "b.example"});
            assert.equal(r.status, 200, r.text);
            const job = await graph(svc, r.body.access_token, svc.jobPath);
            assert.equal(job.status, 200);
            assert.equal(job.body.id, "API2AAD.x.job-x");
        } finally {
            stopService(svc);
        }
    });
});

// ---------------------------------------------------------------------------------------------
// Token endpoint
// ---------------------------------------------------------------------------------------------
describe("token endpoint", () => {
    let svc;
    before(() => {
        svc = startService();
    });
    after(() => stopService(svc));

    const base = () => ({grant_type: "client_credentials", client_id: svc.client, scope: SCOPE});

    test("client secret: a Bearer token", async () => {
        const r = await tokenRequest(svc, {...base(), client_secret: svc.secret});
        assert.equal(r.status, 200, r.text);
        assert.deepEqual(Object.keys(r.body).sort(), ["access_token", "expires_in", "ext_expires_in", "token_type"]);
        assert.equal(r.body.token_type, "Bearer");
        assert.equal(r.body.expires_in, 3599);
        assert.equal(r.body.ext_expires_in, 3599);
        assert.match(r.body.access_token, /^[A-Za-z0-9_-]{40,}$/);
        assert.match(r.headers.get("cache-control"), /no-store/);
        // The Graph scope by app id works too.
        const r2 = await tokenRequest(svc, {...base(), scope: "00000003-0000-0000-c000-000000000000/.default", client_secret: svc.secret});
        assert.equal(r2.status, 200, r2.text);
    });

    test("secret errors: wrong (7000215), expired (7000222), missing credential (7000216)", async () => {
        let r = await tokenRequest(svc, {...base(), client_secret: "wrong"}, {headers: {"client-request-id": "corr-1"}});
        assertAadError(r, 401, "invalid_client", 7000215);
        assert.equal(r.body.correlation_id, "corr-1");
        assert.match(r.body.error_description, /Invalid client secret provided/);
        r = await tokenRequest(svc, base());
        assertAadError(r, 401, "invalid_client", 7000216);
        assert.equal((await control(svc, "POST", "/expire-secret")).body.secretExpired, true);
        r = await tokenRequest(svc, {...base(), client_secret: svc.secret});
        assertAadError(r, 401, "invalid_client", 7000222);
        assert.match(r.body.error_description, /client secret keys .* are expired/);
        // A wrong secret is still "invalid", not "expired".
        assertAadError(await tokenRequest(svc, {...base(), client_secret: "wrong"}), 401, "invalid_client", 7000215);
        assert.equal((await control(svc, "POST", "/expire-secret", {expired: false})).body.secretExpired, false);
        assert.equal((await tokenRequest(svc, {...base(), client_secret: svc.secret})).status, 200);
    });

    test("request errors: tenant, client, scope, grant type, method", async () => {
        assertAadError(await tokenRequest(svc, {...base(), client_secret: svc.secret}, {tenant: "nosuch.example"}), 400, "invalid_request", 90002);
        assertAadError(await tokenRequest(svc, {...base(), client_id: "11111111-0000-0000-0000-000000000000", client_secret: svc.secret}), 400, "unauthorized_client", 700016);
        assertAadError(await tokenRequest(svc, {...base(), scope: "https://example.com/x", client_secret: svc.secret}), 400, "invalid_scope", 70011);
        assertAadError(await tokenRequest(svc, {...base(), scope: "https://graph.microsoft.com/User.Read.All", client_secret: svc.secret}), 400, "invalid_scope", 1002012);
        assertAadError(await tokenRequest(svc, {...base(), scope: undefined, client_secret: svc.secret}), 400, "invalid_request", 900144);
        assertAadError(await tokenRequest(svc, {...base(), grant_type: undefined, client_secret: svc.secret}), 400, "invalid_request", 900144);
        assertAadError(await tokenRequest(svc, {...base(), grant_type: "password", client_secret: svc.secret}), 400, "unsupported_grant_type", 70003);
        assertAadError(await tokenRequest(svc, {}, {method: "GET"}), 400, "invalid_request", 900561);
    });

    test("client assertion RS256 (x5t) and PS256 (x5t#S256) signed with the generated key", async () => {
        for (const alg of ["RS256", "PS256"]) {
            const r = await assertionRequest(svc, assertion(svc, {alg}));
            assert.equal(r.status, 200, `${alg}: ${r.text}`);
            assert.equal(r.body.token_type, "Bearer");
            assert.equal((await graph(svc, r.body.access_token, svc.jobPath)).status, 200);
        }
        // Both thumbprints at once, an exp a day ahead (Entra places no upper bound on exp), no nbf.
        const jwt = assertion(svc, {alg: "PS256", header: {x5t: thumbprint(svc.crt, "sha1")},
            claims: {exp: Math.floor(Date.now() / 1000) + 86400, nbf: undefined}});
        assert.equal((await assertionRequest(svc, jwt)).status, 200);
        // client_id may be left out: iss names the client.
        assert.equal((await assertionRequest(svc, assertion(svc), {client_id: undefined})).status, 200);
        const s = await stats(svc);
        assert.ok(s.tokensByCertificate >= 4);
    });

    test("client assertion signature and key errors (700027)", async () => {
        // Tampered signature; PS256 with the maximal salt length instead of 32 (RFC 7518); an RS256 signature
        // presented as PS256.
        for (const jwt of [assertion(svc, {tamper: true}), assertion(svc, {alg: "RS256", tamper: true}),
            assertion(svc, {saltlen: "max"}), assertion(svc, {alg: "PS256", signAs: "RS256"})]) {
            const r = await assertionRequest(svc, jwt);
            assertAadError(r, 401, "invalid_client", 700027);
            assert.match(r.body.error_description, /Client assertion failed signature validation/);
        }
        // A certificate the application does not know.
        const other = fs.mkdtempSync(TMP_PREFIX);
        try {
            const g = spawnSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "1", "-subj", "/CN=other",
                "-keyout", path.join(other, "k.pem"), "-out", path.join(other, "c.pem")], {encoding: "utf8"});
            assert.equal(g.status, 0, g.stderr);
            for (const alg of ["RS256", "PS256"]) {
                const r = await assertionRequest(svc, assertion(svc, {alg, key: path.join(other, "k.pem"), crt: path.join(other, "c.pem")}));
                assertAadError(r, 401, "invalid_client", 700027);
                assert.match(r.body.error_description, /not registered on application.*The key was not found/);
            }
            // The right thumbprint but signed with another key.
            const r = await assertionRequest(svc, assertion(svc, {key: path.join(other, "k.pem")}));
            assertAadError(r, 401, "invalid_client", 700027);
        } finally {
            fs.rmSync(other, {recursive: true, force: true});
        }
    });

    test("client assertion claim errors", async () => {
        const now = Math.floor(Date.now() / 1000);
        let r = await assertionRequest(svc, assertion(svc, {claims: {exp: now - 60, nbf: now - 660}}));
        assertAadError(r, 401, "invalid_client", 700024);
        assert.match(r.body.error_description, /not within its valid time range\. Current time: \S+Z, assertion valid from \S+Z, expiry time of assertion \S+Z/);
        assertAadError(await assertionRequest(svc, assertion(svc, {claims: {nbf: now + 3600, exp: now + 4000}})), 401, "invalid_client", 700024);
        assertAadError(await assertionRequest(svc, assertion(svc, {claims: {aud: "https://login.microsoftonline.com/x/oauth2/v2.0/token"}})), 401, "invalid_client", 50013);
        assertAadError(await assertionRequest(svc, assertion(svc, {claims: {iss: "someone-else"}})), 401, "invalid_client", 700021);
        assertAadError(await assertionRequest(svc, assertion(svc, {claims: {sub: "someone-else"}})), 401, "invalid_client", 700021);
        assertAadError(await assertionRequest(svc, assertion(svc, {claims: {jti: undefined}})), 400, "invalid_request", 90014);
        assertAadError(await assertionRequest(svc, assertion(svc, {claims: {exp: undefined}})), 400, "invalid_request", 90014);
        assertAadError(await assertionRequest(svc, assertion(svc, {header: {alg: "HS256"}})), 401, "invalid_client", 5002738);
        assertAadError(await assertionRequest(svc, "not.a-jwt"), 401, "invalid_client", 50027);
        assertAadError(await assertionRequest(svc, assertion(svc), {client_assertion_type: "urn:other"}), 400, "invalid_request", 9002313);
        assertAadError(await assertionRequest(svc, assertion(svc), {client_secret: svc.secret}), 400, "invalid_request", 9002313);
        const s = await stats(svc);
        assert.ok(s.tokenErrors.AADSTS700024 >= 2);
        assert.ok(s.tokenErrors.AADSTS700027 >= 1);
    });
});

// ---------------------------------------------------------------------------------------------
// Graph: authentication, the job, bulkUpload validation, processing, provisioning logs
// ---------------------------------------------------------------------------------------------
describe("Graph", () => {
    let svc, token;
    before(async () => {
        svc = startService();          // default --log-delay 5: records appear only after a flush here
        token = await secretToken(svc);
    });
    after(() => stopService(svc));

    test("401 InvalidAuthenticationToken without a valid token", async () => {
        let r = await graph(svc, null, svc.jobPath, {headers: {"client-request-id": "abc"}});
        assertGraphError(r, 401, "InvalidAuthenticationToken");
        assert.equal(r.body.error.innerError["client-request-id"], "abc");
        assert.match(r.headers.get("www-authenticate"), /^Bearer /);
        assertGraphError(await graph(svc, "made-up", svc.jobPath), 401, "InvalidAuthenticationToken");
        assertGraphError(await upload(svc, "made-up", bulkRequest([user("x", {userName: "x@example.com"})])), 401, "InvalidAuthenticationToken");
        const t = await secretToken(svc);
        assert.equal((await control(svc, "POST", "/expire-tokens")).status, 200);
        r = await graph(svc, t, svc.jobPath);
        assertGraphError(r, 401, "InvalidAuthenticationToken");
        assert.equal(r.body.error.message, "Access token has expired or is not yet valid.");
        token = await secretToken(svc);
        assert.equal((await graph(svc, token, svc.jobPath)).status, 200);
    });

    test("GET the synchronization job; unknown ids are 404", async () => {
        const r = await graph(svc, token, svc.jobPath);
        assert.equal(r.status, 200, r.text);
        assert.equal(r.body.id, svc.job);
        assert.equal(r.body.templateId, "API2AAD");
        assert.equal(r.body.status.code, "Active");
        assert.equal(r.body.status.quarantine, null);
        assert.ok("lastExecution" in r.body.status);
        assert.equal(typeof r.body.schedule.interval, "string");
        assertGraphError(await graph(svc, token, `/v1.0/servicePrincipals/nope/synchronization/jobs/${svc.job}`), 404, "Request_ResourceNotFound");
        assertGraphError(await graph(svc, token, `/v1.0/servicePrincipals/${svc.sp}/synchronization/jobs/nope`), 404, "Request_ResourceNotFound");
        assertGraphError(await graph(svc, token, `/v1.0/servicePrincipals/${svc.sp}/synchronization/jobs/nope/bulkUpload`,
            {method: "POST", body: bulkRequest([user("y", {userName: "y@example.com"})])}), 404, "Request_ResourceNotFound");
        assertGraphError(await graph(svc, token, "/v1.0/users"), 400, "BadRequest");
    });

    test("bulkUpload refuses malformed requests with 400", async () => {
        const ok = bulkRequest([user("v1", {userName: "v1@example.com"})]);
        const bad = async (body, pattern, opts = {}) => {
            const r = await upload(svc, token, body, opts);
            assertGraphError(r, 400, "BadRequest");
            assert.match(r.body.error.message, /^Invalid Data Format\./);
            if (pattern) assert.match(r.body.error.message, pattern);
        };
        await bad(ok, /Content-Type/, {contentType: "application/json"});
        await bad("{not json", /not valid JSON/);
        await bad({...ok, schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}, /schemas/);
        await bad({schemas: [BULK], Operations: []}, /at least one/);
        const fiftyOne = bulkRequest(Array.from({length: 51}, (_, i) => user(`u${i}`, {userName: `u${i}@example.com`})));
        await bad(fiftyOne, /51 operations; the maximum is 50 operations per request/);
        const op = ok.Operations[0];
        await bad({...ok, Operations: [{...op, method: "DELETE"}]}, /method 'DELETE' is not supported/);
        await bad({...ok, Operations: [{...op, method: "PATCH"}]}, /only supported method is POST/);
        await bad({...ok, Operations: [{...op, path: "/Groups"}]}, /path must be '\/Users'/);
        await bad({...ok, Operations: [{...op, bulkId: undefined}]}, /bulkId/);
        await bad({...ok, Operations: [op, {...op}]}, /not unique/);
        await bad({...ok, Operations: [{...op, data: {...op.data, schemas: [CORE]}}]}, /data\.schemas must contain/);
        await bad({...ok, Operations: [{...op, data: {schemas: [CORE, ENT], userName: "x@example.com"}}]}, /externalId is required/);
        await bad({...ok, failOnErrors: "yes"}, /failOnErrors/);
        const s = await stats(svc);
        assert.equal(s.bulkCallsAccepted, 0);
        assert.ok(s.bulkCallsRejected >= 14);
        // Exactly 50 operations and a custom extension schema are fine; a charset parameter too.
        const fifty = bulkRequest(Array.from({length: 50}, (_, i) => ({...user(`u${i}`, {userName: `u${i}@example.com`}),
            schemas: [CORE, ENT, "urn:contoso:employee"], "urn:contoso:employee": {JobCode: "AB-1"}})));
        const r = await upload(svc, token, fifty, {contentType: "application/scim+json; charset=utf-8"});
        assert.equal(r.status, 202, r.text);
        const s2 = await stats(svc);
        assert.equal(s2.bulkCallsAccepted, 1);
        assert.equal(s2.operationsAccepted, 50);
        assert.equal(s2.maxOperationsInRequest, 50);
        assert.equal(s2.recordsPending, 50);
        await control(svc, "POST", "/reset");
    });

    test("202 Accepted: empty body, Location = the job's provisioning logs; processed after the delay or a flush", async () => {
        await control(svc, "POST", "/reset");
        const r = await upload(svc, token, bulkRequest([
            user("A", {userName: "a@example.com", displayName: "Ann", [ENT]: {department: "Sales", manager: {value: "B"}}}),
            user("B", {userName: "b@example.com", displayName: "Bob", title: "Boss"}),
            user("C", {userName: "c@elsewhere.example", displayName: "Cid"}),
            user("D", {displayName: "Dee"}),
            user("E", {userName: "e@example.com", active: false})
        ]));
        assert.equal(r.status, 202, r.text);
        assert.equal(r.text, "");
        const location = r.headers.get("location");
        assert.equal(location, `${svc.url}/v1.0/auditLogs/provisioning/?$filter=jobid%20eq%20'${svc.job}'`);
        // The log delay (5 s by default) has not passed: nothing yet.
        assert.equal((await graph(svc, token, location)).body.value.length, 0);
        let s = await stats(svc);
        assert.equal(s.recordsPending, 5);
        assert.equal(s.recordsProcessed, 0);
        const f = await control(svc, "POST", "/flush");
        assert.deepEqual(f.body, {processed: 5, pending: 0, jobState: "Active"});
        const viaLocation = (await graph(svc, token, location)).body;
        assert.equal(viaLocation.value.length, 6);   // 5 records + the deferred manager update of A
        s = await stats(svc);
        assert.equal(s.recordsProcessed, 5);
        assert.equal(s.logEntries, 6);
        assert.ok(s.lastCycleId);

        const entries = await allLogs(svc, token);
        // Newest first.
        const times = entries.map((e) => Date.parse(e.activityDateTime));
        assert.deepEqual([...times].sort((a, b) => b - a), times);
        const byId = (id, action) => entries.filter((e) => e.sourceIdentity.id === id && (!action || e.provisioningAction === action));
        const store = (await users(svc)).users;

        const [aCreate] = byId("A", "create");
        assert.equal(aCreate.provisioningStatusInfo.status, "success");
        assert.equal(aCreate.provisioningStatusInfo.errorInformation, null);
        assert.equal(aCreate.jobId, svc.job);
        assert.equal(aCreate.targetIdentity.id, store.A.id);
        assert.equal(aCreate.targetIdentity.identityType, "User");
        assert.equal(aCreate.sourceIdentity.displayName, "Ann");
        assert.equal(aCreate.servicePrincipal.id, svc.sp);
        assert.equal(typeof aCreate.durationInMilliseconds, "number");
        assert.ok(aCreate.cycleId && aCreate.changeId && aCreate.id);
        const skip = aCreate.provisioningSteps.find((st) => st.name === "EntrySynchronizationSkip");
        assert.equal(skip.details.SkipReason, "UnableToResolveReferenceAttributeValue");
        assert.match(skip.description, /unable to assign B as the manager of a@example\.com/);
        const [aUpdate] = byId("A", "update");
        assert.equal(aUpdate.changeId, aCreate.changeId);
        assert.deepEqual(aUpdate.modifiedProperties, [{displayName: "manager", oldValue: null, newValue: store.B.id}]);
        assert.deepEqual(store.A.manager, {externalId: "B", id: store.B.id});
        assert.equal(store.A.pendingManager, null);

        const [bCreate] = byId("B");
        assert.equal(bCreate.provisioningStatusInfo.status, "success");
        assert.ok(bCreate.modifiedProperties.some((m) => m.displayName === "jobTitle" && m.newValue === "Boss"));

        const [cFail] = byId("C");
        assert.equal(cFail.provisioningAction, "create");
        assert.equal(cFail.provisioningStatusInfo.status, "failure");
        assert.equal(cFail.provisioningStatusInfo.errorInformation.errorCode, "AzureActiveDirectoryInvalidUserPrincipalName");
        assert.match(cFail.provisioningStatusInfo.errorInformation.reason, /domain/);
        assert.equal(cFail.targetIdentity.id, "");
        const [dFail] = byId("D");
        assert.equal(dFail.provisioningStatusInfo.status, "failure");
        assert.match(dFail.provisioningStatusInfo.errorInformation.reason, /missing/);
        const [eSkip] = byId("E");
        assert.equal(eSkip.provisioningAction, "other");
        assert.equal(eSkip.provisioningStatusInfo.status, "skipped");
        assert.deepEqual(Object.keys(store).sort(), ["A", "B"]);
        assert.equal(store.A.enabled, true);
        assert.equal(store.A.userPrincipalName, "a@example.com");
        assert.equal(store.A.attributes[`${ENT}:department`], "Sales");

        // Job status reflects the last execution.
        const job = (await graph(svc, token, svc.jobPath)).body;
        assert.equal(job.status.lastExecution.activityIdentifier, aCreate.cycleId);
        assert.equal(job.status.lastExecution.state, "EntryLevelErrors");
    });

    test("updates, no change, disable, enable, manager changes", async () => {
        const before = (await users(svc)).users;
        const since = new Date().toISOString();
        await sleep(5);
        assert.equal((await upload(svc, token, bulkRequest([
            user("A", {userName: "a@example.com", displayName: "Ann", [ENT]: {department: "Sales", manager: {value: "B"}}}),  // unchanged
            user("B", {title: "Chief"}),                                              // partial update
            user("F", {userName: "f@example.com", [ENT]: {manager: {value: "A"}}})   // manager known at once
        ]))).status, 202);
        await control(svc, "POST", "/flush");
        let entries = await allLogs(svc, token, `?$filter=${encodeURIComponent(`activityDateTime ge ${since}`)}`);
        assert.equal(entries.length, 3);
        const find = (id) => entries.find((e) => e.sourceIdentity.id === id);
        assert.equal(find("A").provisioningAction, "other");
        assert.equal(find("A").provisioningStatusInfo.status, "skipped");
        assert.ok(find("A").provisioningSteps.some((st) => /no change/.test(st.description)));
        assert.equal(find("B").provisioningAction, "update");
        assert.deepEqual(find("B").modifiedProperties, [{displayName: "jobTitle", oldValue: "Boss", newValue: "Chief"}]);
        assert.equal(find("F").provisioningAction, "create");
        assert.ok(find("F").modifiedProperties.some((m) => m.displayName === "manager" && m.newValue === before.A.id));
        let store = (await users(svc)).users;
        assert.equal(store.B.id, before.B.id);
        assert.equal(store.B.attributes.title, "Chief");
        assert.equal(store.B.displayName, "Bob");

        // Disable, then a record that is inactive and already disabled (no change), then enable.
        for (const [active, action, status] of [[false, "disable", "success"], [false, "other", "skipped"], [true, "update", "success"]]) {
            const cycleBefore = (await stats(svc)).lastCycleId;
            assert.equal((await upload(svc, token, bulkRequest([user("B", {active})]))).status, 202);
            await control(svc, "POST", "/flush");
            const cycleId = (await stats(svc)).lastCycleId;
            assert.notEqual(cycleId, cycleBefore);
            entries = await allLogs(svc, token, `?$filter=${encodeURIComponent(`cycleId eq '${cycleId}'`)}`);
            assert.equal(entries.length, 1);
            assert.equal(entries[0].provisioningAction, action);
            assert.equal(entries[0].provisioningStatusInfo.status, status);
            store = (await users(svc)).users;
            assert.equal(store.B.enabled, active);
        }
        // A manager that does not exist yet: the user keeps the old one, the reference waits, and resolves later.
        assert.equal((await upload(svc, token, bulkRequest([user("F", {[ENT]: {manager: {value: "G"}}})]))).status, 202);
        await control(svc, "POST", "/flush");
        store = (await users(svc)).users;
        assert.equal(store.F.pendingManager, "G");
        assert.equal(store.F.manager.externalId, "A");
        assert.equal((await upload(svc, token, bulkRequest([user("G", {userName: "g@example.com"})]))).status, 202);
        await control(svc, "POST", "/flush");
        store = (await users(svc)).users;
        assert.deepEqual(store.F.manager, {externalId: "G", id: store.G.id});
        // A userName with an unverified domain on an update fails and changes nothing.
        assert.equal((await upload(svc, token, bulkRequest([user("G", {userName: "g@bad.example"})]))).status, 202);
        await control(svc, "POST", "/flush");
        const [fail] = await allLogs(svc, token, `?$filter=${encodeURIComponent("provisioningStatusInfo/status eq 'failure' and sourceIdentity/id eq 'G'")}`);
        assert.equal(fail.provisioningAction, "update");
        assert.equal((await users(svc)).users.G.userPrincipalName, "g@example.com");
        // The same userPrincipalName as another user: a conflict.
        assert.equal((await upload(svc, token, bulkRequest([user("H", {userName: "G@example.com"})]))).status, 202);
        await control(svc, "POST", "/flush");
        const [conflict] = await allLogs(svc, token, `?$filter=${encodeURIComponent("sourceIdentity/id eq 'H'")}`);
        assert.equal(conflict.provisioningStatusInfo.errorInformation.errorCode, "AzureActiveDirectoryEntryConflict");
    });

    test("provisioning logs: $filter, $top, paging, $orderby, errors", async () => {
        const all = await allLogs(svc, token);
        assert.ok(all.length >= 15, `only ${all.length} entries`);
        assert.equal(new Set(all.map((e) => e.id)).size, all.length);
        // Paging by 2 over the whole log gives the same entries in the same order.
        const first = await logs(svc, token, "?$top=2");
        assert.equal(first.value.length, 2);
        assert.ok(first["@odata.nextLink"].startsWith(`${svc.url}/v1.0/auditLogs/provisioning?`));
        assert.equal(first["@odata.context"], `${svc.url}/v1.0/$metadata#auditLogs/provisioning`);
        const paged = await allLogs(svc, token, "?$top=2");
        assert.deepEqual(paged.map((e) => e.id), all.map((e) => e.id));
        // Default page size 50, ascending order on request.
        assert.equal((await logs(svc, token)).value.length, Math.min(50, all.length));
        const asc = await allLogs(svc, token, "?$orderby=activityDateTime%20asc&$top=3");
        assert.deepEqual(asc.map((e) => e.id), [...all].reverse().map((e) => e.id));
        // Filters: and/or, enum values, nested properties, functions, case-insensitive property names.
        const q = async (f) => allLogs(svc, token, `?$filter=${encodeURIComponent(f)}`);
        const creates = await q("provisioningAction eq 'create'");
        assert.ok(creates.length >= 4 && creates.every((e) => e.provisioningAction === "create"));
        const failures = await q(`JobId eq '${svc.job}' and provisioningStatusInfo/status eq 'failure'`);
        assert.ok(failures.length >= 3 && failures.every((e) => e.provisioningStatusInfo.status === "failure"));
        const aOrB = await q("sourceIdentity/id eq 'A' or sourceIdentity/id eq 'B'");
        assert.ok(aOrB.every((e) => ["A", "B"].includes(e.sourceIdentity.id)));
        assert.equal((await q("startswith(sourceIdentity/id, 'A') and (provisioningAction eq 'update' or provisioningAction eq 'create')")).length, 2);
        assert.equal((await q("jobId eq 'other-job'")).length, 0);
        const future = new Date(Date.now() + 3600_000).toISOString();
        assert.equal((await q(`activityDateTime ge ${future}`)).length, 0);
        assert.equal((await q("activityDateTime ge 2020-01-01T00:00:00Z and activityDateTime le " + future)).length, all.length);
        const bad = async (query, pattern) => {
            const r = await graph(svc, token, `/v1.0/auditLogs/provisioning${query}`);
            assertGraphError(r, 400, "BadRequest");
            if (pattern) assert.match(r.body.error.message, pattern);
        };
        await bad(`?$filter=${encodeURIComponent("nosuch eq 'x'")}`, /Could not find a property named 'nosuch'/);
        await bad(`?$filter=${encodeURIComponent("activityDateTime ge '2020-01-01T00:00:00Z'")}`, /incompatible types/);
        await bad(`?$filter=${encodeURIComponent("jobId eq")}`);
        await bad("?$top=0");
        await bad("?$top=1001");
        await bad("?$orderby=id");
        await bad("?$skiptoken=garbage");
    });

    test("reset forgets users, logs and counters", async () => {
        assert.equal((await control(svc, "POST", "/reset")).status, 200);
        const s = await stats(svc);
        assert.equal(s.recordsProcessed, 0);
        assert.equal(s.bulkCallsAccepted, 0);
        assert.equal(s.requests.bulkUpload, 0);
        assert.equal(s.dailyCallsUsed, 0);
        assert.deepEqual(await users(svc), {count: 0, users: {}});
        assert.equal((await logs(svc, token)).value.length, 0);
        assert.equal((await graph(svc, token, svc.jobPath)).body.status.lastExecution, null);
    });
});

// ---------------------------------------------------------------------------------------------
// Start options: delay, token lifetime, job states, permissions, expired secret, throttling
// ---------------------------------------------------------------------------------------------
describe("start options", () => {
    test("--log-delay 2 and --token-lifetime 2", async () => {
        const svc = startService(["--log-delay", "2", "--token-lifetime", "2"]);
        try {
            let token = await secretToken(svc);
            assert.equal((await upload(svc, token, bulkRequest([user("A", {userName: "a@example.com"})]))).status, 202);
            assert.equal((await logs(svc, token)).value.length, 0);
            await sleep(2300);
            // The token has expired; the record has appeared without any flush.
            const r = await graph(svc, token, "/v1.0/auditLogs/provisioning");
            assertGraphError(r, 401, "InvalidAuthenticationToken");
            token = await secretToken(svc);
            assert.equal((await logs(svc, token)).value.length, 1);
            assert.equal((await users(svc)).count, 1);
        } finally {
            stopService(svc);
        }
    });

    test("--log-delay 0 processes at once", async () => {
        const svc = startService(["--log-delay", "0"]);
        try {
            const token = await secretToken(svc);
            assert.equal((await upload(svc, token, bulkRequest([user("A", {userName: "a@example.com"})]))).status, 202);
            assert.equal((await logs(svc, token)).value.length, 1);
        } finally {
            stopService(svc);
        }
    });

    test("--job-state Paused: accepted but not processed until resumed; Quarantine likewise", async () => {
        const svc = startService(["--job-state", "Paused", "--log-delay", "0"]);
        try {
            const token = await secretToken(svc);
            let job = (await graph(svc, token, svc.jobPath)).body;
            assert.equal(job.status.code, "Paused");
            assert.equal(job.schedule.state, "Paused");
            assert.equal((await upload(svc, token, bulkRequest([user("A", {userName: "a@example.com"})]))).status, 202);
            assert.deepEqual((await control(svc, "POST", "/flush")).body, {processed: 0, pending: 1, jobState: "Paused"});
            assert.equal((await logs(svc, token)).value.length, 0);
            assert.equal((await control(svc, "POST", "/job-state", {code: "Active"})).status, 200);
            assert.equal((await logs(svc, token)).value.length, 1);

            const q = await control(svc, "POST", "/job-state", {code: "Quarantine", reason: "EncounteredEscrowProportionThreshold"});
            assert.deepEqual(q.body, {code: "Quarantine", pending: 0});
            job = (await graph(svc, token, svc.jobPath)).body;
            assert.equal(job.status.code, "Quarantine");
            assert.equal(job.status.quarantine.reason, "EncounteredEscrowProportionThreshold");
            assert.ok(job.status.quarantine.currentBegan && job.status.quarantine.error.code);
            assert.equal((await upload(svc, token, bulkRequest([user("B", {userName: "b@example.com"})]))).status, 202);
            assert.equal((await logs(svc, token)).value.length, 1);
            assert.equal((await stats(svc)).recordsPending, 1);
            assert.equal((await control(svc, "POST", "/job-state", {code: "bogus"})).status, 400);
            await control(svc, "POST", "/job-state", {code: "Active"});
            assert.equal((await logs(svc, token)).value.length, 2);
            assert.equal((await graph(svc, token, svc.jobPath)).body.status.quarantine, null);
        } finally {
            stopService(svc);
        }
    });

    test("--no-upload-permission, --no-log-permission, --secret-expired", async () => {
        const svc = startService(["--no-upload-permission", "--no-log-permission", "--secret-expired"]);
        try {
            assertAadError(await tokenRequest(svc, {grant_type: "client_credentials", client_id: svc.client, scope: SCOPE, client_secret: svc.secret}),
                401, "invalid_client", 7000222);
            const r = await assertionRequest(svc, assertion(svc, {alg: "RS256"}));
            assert.equal(r.status, 200, r.text);
            const token = r.body.access_token;
            assertGraphError(await upload(svc, token, bulkRequest([user("A", {userName: "a@example.com"})])), 403, "Authorization_RequestDenied");
            assertGraphError(await graph(svc, token, "/v1.0/auditLogs/provisioning"), 403, "Authorization_RequestDenied");
            assert.equal((await graph(svc, token, svc.jobPath)).status, 200);
            // The control API restores the secret (reset returns to the start options).
            await control(svc, "POST", "/expire-secret", {expired: false});
            assert.equal((await tokenRequest(svc, {grant_type: "client_credentials", client_id: svc.client, scope: SCOPE, client_secret: svc.secret})).status, 200);
            await control(svc, "POST", "/reset");
            assert.equal((await stats(svc)).tokensIssued, 0);
            assertAadError(await tokenRequest(svc, {grant_type: "client_credentials", client_id: svc.client, scope: SCOPE, client_secret: svc.secret}),
                401, "invalid_client", 7000222);
        } finally {
            stopService(svc);
        }
    });

    test("throttling: --calls-per-window 3 --window-seconds 2 --daily-cap 5", async () => {
        const svc = startService(["--calls-per-window", "3", "--window-seconds", "2", "--daily-cap", "5", "--log-delay", "0"]);
        try {
            const token = await secretToken(svc);
            const body = (i) => bulkRequest([user(`T${i}`, {userName: `t${i}@example.com`})]);
            for (let i = 0; i < 3; i++) assert.equal((await upload(svc, token, body(i))).status, 202);
            // Token requests and job reads do not count.
            await secretToken(svc);
            assert.equal((await graph(svc, token, svc.jobPath)).status, 200);
            let r = await upload(svc, token, body(3));
            assertGraphError(r, 429, "TooManyRequests");
            const retryAfter = Number(r.headers.get("retry-after"));
            assert.ok(retryAfter >= 1 && retryAfter <= 2, `Retry-After ${retryAfter}`);
            assert.match(r.body.error.message, /more than 3 bulkUpload API calls within 2 seconds/);
            await sleep(retryAfter * 1000 + 50);
            assert.equal((await upload(svc, token, body(4))).status, 202);
            assert.equal((await upload(svc, token, body(5))).status, 202);
            // Five calls let through today: the daily quota is exhausted.
            await sleep(2100);
            r = await upload(svc, token, body(6));
            assertGraphError(r, 429, "TooManyRequests");
            assert.match(r.body.error.message, /daily limit of 5 bulkUpload API calls/);
            const now = new Date();
            const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
            assert.ok(Math.abs(Number(r.headers.get("retry-after")) - (midnight - now) / 1000) <= 2);
            const s = await stats(svc);
            assert.equal(s.throttled, 2);
            assert.equal(s.throttledWindow, 1);
            assert.equal(s.throttledDaily, 1);
            assert.equal(s.maxCallsInWindow, 4);
            assert.equal(s.dailyCallsUsed, 5);
            assert.equal(s.bulkCallsAccepted, 5);
            assert.equal(s.requests.bulkUpload, 7);
            assert.equal(s.requests.token, 2);
            assert.equal(s.requests.job, 1);
            assert.equal((await users(svc)).count, 5);
        } finally {
            stopService(svc);
        }
    });
});
