// Shared by the modules of the Entra ID inbound-provisioning imitation: constants, small helpers, the options,
// the registered certificates, the in-memory state and Microsoft Graph's error format. See server.mjs.
import crypto from "node:crypto";
import fs from "node:fs";

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------
export const BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
export const CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
export const ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
export const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
export const MAX_OPERATIONS = 50;              // Perform bulkUpload: "a maximum of 50 user operations"
export const MAX_BODY = 4 * 1024 * 1024;
export const NBF_SKEW_MS = 5 * 60 * 1000;      // assertions whose nbf is up to 5 minutes ahead are accepted (clock skew)
export const LOG_PAGE_DEFAULT = 50;            // not documented for /auditLogs/provisioning: our choice
export const LOG_PAGE_MAX = 1000;
// Fixed identifiers of the imitated provisioning app (they appear in the provisioning logs).
export const APP_NAME = "API-driven provisioning to Microsoft Entra ID";
export const APP_ID = "33334444-dddd-5555-eeee-6666ffff7777";
export const SOURCE_SYSTEM_ID = "44445555-eeee-6666-ffff-7777aaaa8888";
export const TARGET_SYSTEM_ID = "55556666-ffff-7777-aaaa-8888bbbb9999";
export const JOB_STATES = ["Active", "Paused", "Quarantine"];

// ---------------------------------------------------------------------------------------------
// Options (parsed by server.mjs) and registered certificates. Microsoft identity platform certificate
// credentials: the key is found by the base64url SHA-1 thumbprint "x5t" or the base64url SHA-256
// thumbprint "x5t#S256" of the certificate's DER encoding.
// ---------------------------------------------------------------------------------------------
export let opts = null;
export let certificates = [];

// Installs the options, loads the certificates (throws on an unreadable one) and starts from a fresh state.
export function configure(options) {
    certificates = options.certificates.map(loadCertificate);
    opts = options;
    resetState();
}

function loadCertificate(path) {
    const cert = new crypto.X509Certificate(fs.readFileSync(path));
    if (cert.publicKey.asymmetricKeyType !== "rsa") throw new Error(`${path}: not an RSA certificate`);
    return {
        path,
        x5t: b64url(crypto.createHash("sha1").update(cert.raw).digest()),
        x5tS256: b64url(crypto.createHash("sha256").update(cert.raw).digest()),
        thumbprint: cert.fingerprint.replace(/:/g, ""),                // SHA-1, hex, as the portal shows it
        publicKey: cert.publicKey,
        notBefore: Date.parse(cert.validFrom),
        notAfter: Date.parse(cert.validTo)
    };
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------
export const uuid = () => crypto.randomUUID();
export const b64url = (buf) => Buffer.from(buf).toString("base64url");
export const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
export const isoSeconds = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");     // 2023-01-03T22:40:50Z
export const iso7 = (ms) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$10000Z");   // 2024-10-02T22:05:03.6750000Z
export const aadTimestamp = (ms) => new Date(ms).toISOString().slice(0, 19).replace("T", " ") + "Z"; // 2016-01-09 02:02:12Z
export const graphDate = (ms) => new Date(ms).toISOString().slice(0, 19);                       // innerError.date, no zone
export const lowerKeyGet = (obj, name) => {                   // SCIM attribute names are case-insensitive (RFC 7643 §2.1)
    if (!isObject(obj)) return undefined;
    if (name in obj) return obj[name];
    const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : obj[key];
};

export function sendJson(res, status, body, headers = {}) {
    const text = JSON.stringify(body);
    res.writeHead(status, {"Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text), ...headers});
    res.end(text);
}

export function readBody(req) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        let tooLarge = false;
        req.on("data", (c) => {
            size += c.length;
            if (size > MAX_BODY) tooLarge = true;
            else chunks.push(c);
        });
        req.on("end", () => resolve(tooLarge ? null : Buffer.concat(chunks)));
        req.on("error", reject);
    });
}

export function decodeJwtPart(part) {
    try {
        const v = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
        return isObject(v) ? v : null;
    } catch {
        return null;
    }
}

// ---------------------------------------------------------------------------------------------
// Microsoft Graph error format
// {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}
// ---------------------------------------------------------------------------------------------
export function graphHeaders(ctx, extra = {}) {
    return {"request-id": ctx.requestId, "client-request-id": ctx.clientRequestId, ...extra};
}

export function sendGraphError(res, ctx, status, code, message, headers = {}) {
    sendJson(res, status, {error: {code, message, innerError: {date: graphDate(Date.now()), "request-id": ctx.requestId,
        "client-request-id": ctx.clientRequestId}}}, graphHeaders(ctx, headers));
}

export const sameId = (a, b) => a.toLowerCase() === b.toLowerCase();

export function checkJobPath(res, ctx, sp, job) {
    if (!sameId(sp, opts.servicePrincipal)) {
        sendGraphError(res, ctx, 404, "Request_ResourceNotFound", `Resource '${sp}' does not exist or one of its queried reference-property objects are not present.`);
        return false;
    }
    if (!sameId(job, opts.job)) {
        sendGraphError(res, ctx, 404, "Request_ResourceNotFound", `The synchronization job '${job}' does not exist for service principal '${sp}'.`);
        return false;
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------
function newStats() {
    return {
        requests: {token: 0, job: 0, bulkUpload: 0, provisioningLogs: 0, other: 0},
        tokensIssued: 0, tokensBySecret: 0, tokensByCertificate: 0, tokenErrors: {},
        bulkCallsAccepted: 0, bulkCallsRejected: 0, operationsAccepted: 0, maxOperationsInRequest: 0,
        throttled: 0, throttledWindow: 0, throttledDaily: 0, maxCallsInWindow: 0,
        recordsProcessed: 0, logEntries: 0,
        results: {success: 0, failure: 0, skipped: 0, warning: 0},
        actions: {create: 0, update: 0, disable: 0, other: 0},
        lastCycleId: null
    };
}

export const state = {
    tokens: new Map(),          // access token -> {clientId, method, expiresMs}; kept by resetState()
    users: new Map(),           // externalId -> user (the imitated Entra directory, keyed by the source anchor)
    seq: 0                      // sequence number of the last log entry
    // Set by resetState(): jobState, quarantineReason, quarantineBegan, secretExpired,
    // logs [{seq, ms, entry}]: processed provisioningObjectSummary entries, oldest first,
    // pending [{cycleId, acceptedMs, dueMs, records}]: accepted bulk requests not processed yet,
    // admitted / attempts: times of bulkUpload calls let through the rate limit / reaching it (rolling window),
    // daily {day, count}: bulkUpload calls this UTC day, lastExecution, lastSuccessfulExecution, stats.
};

export function resetState() {
    state.jobState = opts.jobState;
    state.quarantineReason = "QuarantinedOnDemand";
    state.quarantineBegan = Date.now();
    state.secretExpired = opts.secretExpired;
    state.users.clear();
    state.logs = [];
    state.pending = [];
    state.admitted = [];
    state.attempts = [];
    state.daily = {day: "", count: 0};
    state.lastExecution = null;
    state.lastSuccessfulExecution = null;
    state.stats = newStats();
}
