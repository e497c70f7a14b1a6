// RFC 7644 §3.7 Bulk for the SCIM test peer (server.js --bulk).
//
// Each operation is replayed as an HTTP request to this same server (over loopback, with the bearer token and a
// per-process secret header), so it goes through exactly the pipeline of a single request: strict-mode checks,
// PATCH rewriting, the fast member path, SCIMMY, uniqueness (409), If-Match (--etag), --no-patch (501)... and its
// result is what that single request would have answered. Sub-requests are not counted in /_test/stats
// "requests" and never hit fault injection (the POST /Bulk itself does).
//
// bulkId references ("bulkId:xyz", or a URL ending in "/bulkId:xyz") anywhere in an operation's data or path are
// replaced by the id the POST with that bulkId created. Operations run in request order, except that one waiting
// for a bulkId runs once the POST defining it has (RFC 7644 §3.7.1 lets the service reorder). A reference to a
// bulkId no POST defines, or whose POST failed, fails with 409 invalidValue; circular references are refused
// (409 invalidValue) rather than resolved. Results are listed in request order.

import http from "node:http";
import {randomUUID} from "node:crypto";
import express from "express";

export const BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
export const BULK_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";
export const BULK_METHODS = ["POST", "PUT", "PATCH", "DELETE"];

const SUBREQUEST_HEADER = "x-scim-peer-bulk-operation";
const subrequestSecret = randomUUID();

// True for a request the Bulk endpoint makes on behalf of one of its operations.
export const isBulkSubrequest = (req) => req.get(SUBREQUEST_HEADER) === subrequestSecret;

const isPlainObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

// "bulkId:xyz" or ".../bulkId:xyz" -> [prefix, "xyz"]
const BULK_REF = /^(.*\/)?bulkId:([^/]+)$/;

// Calls fn(bulkId) for every bulkId reference in a JSON value.
function forEachReference(value, fn) {
    if (typeof value === "string") {
        const m = BULK_REF.exec(value);
        if (m) fn(m[2]);
    } else if (Array.isArray(value)) {
        for (const v of value) forEachReference(v, fn);
    } else if (isPlainObject(value)) {
        for (const v of Object.values(value)) forEachReference(v, fn);
    }
}

// A copy of a JSON value with bulkId references replaced by the ids in `ids` (bulkId -> id).
function resolveReferences(value, ids) {
    if (typeof value === "string") {
        const m = BULK_REF.exec(value);
        return m && ids.has(m[2]) ? `${m[1] ?? ""}${ids.get(m[2])}` : value;
    }
    if (Array.isArray(value)) return value.map((v) => resolveReferences(v, ids));
    if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveReferences(v, ids)]));
    return value;
}

// /Users, /Groups, /Users/{id}, /Groups/{id}; the id as URI path characters (RFC 3986 pchar), as a request sends it.
const PATH = /^\/(users|groups)(?:\/([\w.~:@!$&'()*+,;=%-]+))?$/i;

// Checks one BulkRequest operation; returns its plan ({index, method, bulkId, kind, id, data, version, refs}) with
// `error` ({status, scimType, detail}) when it cannot run.
function planOperation(op, index) {
    const n = index + 1;
    const plan = {index, refs: new Set()};
    const fail = (detail, scimType = "invalidSyntax", status = 400) => ({...plan, error: {status, scimType, detail}});
    if (!isPlainObject(op)) return fail(`Operation ${n} is not an object`);
    if (typeof op.method === "string") plan.method = op.method.toUpperCase();
    if (typeof op.bulkId === "string") plan.bulkId = op.bulkId;
    if (!BULK_METHODS.includes(plan.method)) return fail(`Operation ${n}: 'method' must be one of ${BULK_METHODS.join(", ")}`);
    const m = typeof op.path === "string" ? PATH.exec(op.path) : null;
    if (!m) return fail(`Operation ${n}: 'path' must be /Users or /Groups (POST) or /Users/{id} or /Groups/{id}`);
    plan.kind = m[1].toLowerCase() === "users" ? "Users" : "Groups";
    plan.id = m[2];  // as sent (already URL-encoded, as in a single request's path)
    if (plan.method === "POST" && plan.id !== undefined) return fail(`Operation ${n}: POST goes to /${plan.kind}, not to a resource`);
    if (plan.method !== "POST" && plan.id === undefined) return fail(`Operation ${n}: ${plan.method} needs a resource path /${plan.kind}/{id}`);
    if (plan.method === "POST" && !plan.bulkId) return fail(`Operation ${n}: 'bulkId' is required for POST`);
    if (plan.method !== "DELETE") {
        if (!isPlainObject(op.data)) return fail(`Operation ${n}: 'data' (an object) is required for ${plan.method}`);
        plan.data = op.data;
    }
    if (op.version !== undefined) {
        if (typeof op.version !== "string") return fail(`Operation ${n}: 'version' must be a string`);
        plan.version = op.version;
    }
    forEachReference(plan.data, (ref) => plan.refs.add(ref));
    if (plan.id !== undefined) forEachReference(plan.id, (ref) => plan.refs.add(ref));
    return plan;
}

// Operations among `pending` that are part of a bulkId reference cycle.
function cyclic(pending, definers) {
    const byIndex = new Map(pending.map((p) => [p.index, p]));
    const next = (p) => [...p.refs].map((r) => definers.get(r)).filter((d) => d !== undefined && byIndex.has(d.index));
    return pending.filter((start) => {
        const seen = new Set();
        const stack = next(start);
        while (stack.length) {
            const p = stack.pop();
            if (p === start) return true;
            if (seen.has(p)) continue;
            seen.add(p);
            stack.push(...next(p));
        }
        return false;
    });
}

// Express router serving POST /Bulk (mount it under the SCIM base path, after authentication).
//   maxOperations, maxPayloadSize - limits (also advertised in /ServiceProviderConfig)
//   basePath                      - the SCIM base path ("/scim/v2")
//   token                         - bearer token for the sub-requests
//   server                        - () => the listening http.Server (for its address)
//   stats                         - object whose .bulk {requests, operations: {POST, ...}} is counted
//   sendScim(res, status, body), scimError(status, detail, scimType) - as in server.js
export function bulkRouter({maxOperations, maxPayloadSize, basePath, token, server, stats, sendScim, scimError}) {
    const agent = new http.Agent({keepAlive: true, maxSockets: 4});

    function subrequest(method, path, body, host, headers) {
        const {address, port} = server().address();
        const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
        return new Promise((resolve, reject) => {
            const req = http.request({host: address, port, method, path: basePath + path, agent, headers: {
                host, authorization: `Bearer ${token}`, accept: "application/scim+json",
                [SUBREQUEST_HEADER]: subrequestSecret,
                ...(payload ? {"content-type": "application/scim+json", "content-length": payload.length} : {}),
                ...headers
            }}, (res) => {
                const chunks = [];
                res.on("data", (c) => chunks.push(c));
                res.on("end", () => {
                    const text = Buffer.concat(chunks).toString("utf8");
                    let json;
                    try {
                        json = text ? JSON.parse(text) : undefined;
                    } catch {
                        json = undefined;
                    }
                    resolve({status: res.statusCode, headers: res.headers, body: json});
                });
                res.on("error", reject);
            });
            req.on("error", reject);
            req.end(payload);
        });
    }

    // Runs one planned operation; returns its BulkResponse entry. `ids` maps settled bulkIds to created ids.
    async function execute(plan, ids, base, host) {
        const path = `/${plan.kind}${plan.id === undefined ? "" : `/${resolveReferences(plan.id, ids)}`}`;
        const entry = {method: plan.method, ...(plan.bulkId !== undefined ? {bulkId: plan.bulkId} : {})};
        let r;
        try {
            r = await subrequest(plan.method, path, resolveReferences(plan.data, ids), host,
                plan.version !== undefined ? {"if-match": plan.version} : {});
        } catch (ex) {
            r = {status: 500, headers: {}, body: scimError(500, `Bulk operation failed: ${ex.message}`)};
        }
        const ok = r.status < 400;
        if (plan.method !== "POST") entry.location = `${base}${path}`;
        else if (ok && r.body?.id) entry.location = r.body.meta?.location ?? `${base}${path}/${r.body.id}`;
        const version = r.headers.etag ?? r.body?.meta?.version;
        if (ok && version) entry.version = version;
        entry.status = String(r.status);
        if (!ok) entry.response = r.body ?? scimError(r.status, `HTTP ${r.status}`);
        return {entry, ok, id: ok ? r.body?.id : undefined};
    }

    const router = express.Router();
    router.post("/Bulk", express.json({type: ["application/scim+json", "application/json"], limit: maxPayloadSize}),
        async (req, res, next) => {
            try {
                const body = req.body;
                if (!isPlainObject(body) || !Array.isArray(body.Operations))
                    return sendScim(res, 400, scimError(400, "A BulkRequest needs an 'Operations' array", "invalidSyntax"));
                if (!Array.isArray(body.schemas) || !body.schemas.includes(BULK_REQUEST))
                    return sendScim(res, 400, scimError(400, `'schemas' must be ["${BULK_REQUEST}"]`, "invalidSyntax"));
                if (body.Operations.length > maxOperations)
                    return sendScim(res, 413, scimError(413, `The number of operations (${body.Operations.length}) `
                        + `exceeds the maxOperations (${maxOperations}).`));
                const failOnErrors = body.failOnErrors ?? Infinity;
                if (failOnErrors !== Infinity && !(Number.isInteger(failOnErrors) && failOnErrors >= 1))
                    return sendScim(res, 400, scimError(400, "'failOnErrors' must be a positive integer", "invalidValue"));
                for (const op of body.Operations) {
                    const method = typeof op?.method === "string" ? op.method.toUpperCase() : undefined;
                    if (BULK_METHODS.includes(method)) stats.bulk.operations[method]++;
                }

                const plans = body.Operations.map(planOperation);
                const definers = new Map();  // bulkId -> plan of the POST defining it
                for (const p of plans) {
                    if (p.method !== "POST" || p.bulkId === undefined) continue;
                    if (!definers.has(p.bulkId)) definers.set(p.bulkId, p);
                    else if (!p.error) p.error = {status: 400, scimType: "invalidValue",
                        detail: `bulkId '${p.bulkId}' is already used by operation ${definers.get(p.bulkId).index + 1}`};
                }

                const base = `${req.protocol}://${req.get("host")}${basePath}`;
                const ids = new Map();         // bulkId -> created id
                const failed = new Set();      // bulkIds whose POST failed
                const settled = (ref) => ids.has(ref) || failed.has(ref);
                const results = new Array(plans.length);
                let pending = [...plans];
                let errors = 0;
                while (pending.length && errors < failOnErrors) {
                    let plan = pending.find((p) => p.error || [...p.refs].every((r) => !definers.has(r) || settled(r)));
                    if (!plan) {
                        // Everything left waits on a bulkId: refuse the operations on a reference cycle.
                        for (const p of cyclic(pending, definers)) {
                            p.error = {status: 409, scimType: "invalidValue", detail: `Circular bulkId reference: `
                                + `operation ${p.index + 1} (bulkId '${p.bulkId}') depends on itself through `
                                + `${[...p.refs].map((r) => `'bulkId:${r}'`).join(", ")}; this service does not resolve `
                                + "circular references"};
                        }
                        // (A stuck set always holds a cycle; the fallback only guards against looping forever.)
                        plan = pending.find((p) => p.error) ?? {...pending[0], error: {status: 409, scimType: "invalidValue",
                            detail: `Operation ${pending[0].index + 1}: its bulkId references cannot be resolved`}};
                    }
                    pending = pending.filter((p) => p.index !== plan.index);

                    if (!plan.error) {
                        const unknown = [...plan.refs].find((r) => !definers.has(r));
                        const broken = [...plan.refs].find((r) => failed.has(r));
                        if (unknown !== undefined)
                            plan.error = {status: 409, scimType: "invalidValue", detail: `Unresolved reference `
                                + `'bulkId:${unknown}': no POST operation in this request has that bulkId`};
                        else if (broken !== undefined)
                            plan.error = {status: 409, scimType: "invalidValue", detail: `Unresolved reference `
                                + `'bulkId:${broken}': operation ${definers.get(broken).index + 1} (POST with that bulkId) failed`};
                    }

                    let outcome;
                    if (plan.error) {
                        const {status, scimType, detail} = plan.error;
                        outcome = {ok: false, entry: {...(plan.method ? {method: plan.method} : {}),
                            ...(plan.bulkId !== undefined ? {bulkId: plan.bulkId} : {}),
                            ...(plan.kind && plan.method !== "POST" && plan.id !== undefined
                                ? {location: `${base}/${plan.kind}/${resolveReferences(plan.id, ids)}`} : {}),
                            status: String(status), response: scimError(status, detail, scimType)}};
                    } else {
                        outcome = await execute(plan, ids, base, req.get("host"));
                    }
                    results[plan.index] = outcome.entry;
                    if (!outcome.ok) errors++;
                    if (plan.method === "POST" && plan.bulkId !== undefined && definers.get(plan.bulkId).index === plan.index) {
                        if (outcome.ok && outcome.id) ids.set(plan.bulkId, outcome.id);
                        else failed.add(plan.bulkId);
                    }
                }
                sendScim(res, 200, {schemas: [BULK_RESPONSE], Operations: results.filter(Boolean)});
            } catch (ex) {
                next(ex);
            }
        });
    router.use("/Bulk", (ex, req, res, next) => {
        if (ex?.type === "entity.too.large")
            return sendScim(res, 413, scimError(413, `The size of the bulk operation exceeds the maxPayloadSize (${maxPayloadSize}).`));
        if (ex?.type === "entity.parse.failed") return sendScim(res, 400, scimError(400, ex.message, "invalidSyntax"));
        next(ex);
    });
    return router;
}
