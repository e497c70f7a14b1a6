// POST .../synchronization/jobs/{job}/bulkUpload of the Entra ID imitation: validation, throttling and staging
// (processing.mjs processes what was staged). See server.mjs and README.md.
import {opts, state, BULK_REQUEST, CORE_USER, ENTERPRISE_USER, MAX_OPERATIONS, MAX_BODY, isObject, lowerKeyGet, readBody,
    graphHeaders, sendGraphError, sameId, checkJobPath} from "./common.mjs";
import {acceptBatch} from "./processing.mjs";

// ---------------------------------------------------------------------------------------------
// POST /servicePrincipals/{sp}/synchronization/jobs/{job}/bulkUpload ("Perform bulkUpload", "bulkUpload
// resource type", "API-driven inbound provisioning concepts", "Troubleshoot inbound provisioning API issues").
// ---------------------------------------------------------------------------------------------
export async function handleBulkUpload(req, res, ctx, sp, job) {
    const reject = (status, code, message, headers) => {
        state.stats.bulkCallsRejected++;
        sendGraphError(res, ctx, status, code, message, headers);
    };
    if (req.method !== "POST") return reject(405, "Request_BadRequest", `The HTTP method '${req.method}' is not supported; bulkUpload only supports POST.`);
    if (!sameId(sp, opts.servicePrincipal) || !sameId(job, opts.job)) {
        state.stats.bulkCallsRejected++;
        return checkJobPath(res, ctx, sp, job);
    }
    // 403 without the Graph permission SynchronizationData-User.Upload.
    if (!opts.uploadPermission) return reject(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");

    const throttle = admitCall(Date.now());
    if (throttle) {
        state.stats.throttled++;
        state.stats[throttle.kind === "daily" ? "throttledDaily" : "throttledWindow"]++;
        return sendGraphError(res, ctx, 429, "TooManyRequests", throttle.message, {"Retry-After": String(throttle.retryAfter)});
    }

    // 400 "Invalid Data Format": no Content-Type application/scim+json, or a body not following the bulkUpload spec.
    const contentType = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
    const body = await readBody(req);
    if (body === null) return reject(413, "RequestEntityTooLarge", `The request body exceeds ${MAX_BODY} bytes.`);
    if (contentType !== "application/scim+json")
        return reject(400, "BadRequest", `Invalid Data Format. The Content-Type header must be 'application/scim+json' (got '${req.headers["content-type"] ?? ""}').`);
    let payload;
    try {
        payload = JSON.parse(body.toString("utf8"));
    } catch (ex) {
        return reject(400, "BadRequest", `Invalid Data Format. The request body is not valid JSON: ${ex.message}`);
    }
    const problem = bulkRequestProblem(payload);
    if (problem) return reject(400, "BadRequest", `Invalid Data Format. ${problem}`);

    const operations = lowerKeyGet(payload, "Operations");
    acceptBatch(operations.map((op) => structuredClone(lowerKeyGet(op, "data"))));
    state.stats.bulkCallsAccepted++;
    state.stats.operationsAccepted += operations.length;
    state.stats.maxOperationsInRequest = Math.max(state.stats.maxOperationsInRequest, operations.length);
    // 202 Accepted, empty body, Location = the provisioning logs query for this job (as in the documented example).
    const location = `${ctx.origin}/${ctx.version}/auditLogs/provisioning/?$filter=jobid%20eq%20'${encodeURIComponent(opts.job)}'`;
    res.writeHead(202, graphHeaders(ctx, {"Location": location, "Content-Length": "0"}));
    res.end();
}

// "bulkUpload resource type": schemas = [BulkRequest]; Operations: at most 50, each with method POST, path
// /Users, bulkId (unique), data whose schemas contain the core User and enterprise User URNs (custom ones may be
// added) and externalId; failOnErrors optional. Returns a message, or null when the request is fine.
function bulkRequestProblem(payload) {
    if (!isObject(payload)) return "The request body must be a SCIM BulkRequest object.";
    const schemas = lowerKeyGet(payload, "schemas");
    if (!Array.isArray(schemas) || !schemas.includes(BULK_REQUEST)) return `'schemas' must be ["${BULK_REQUEST}"].`;
    const operations = lowerKeyGet(payload, "Operations");
    if (!Array.isArray(operations)) return "'Operations' must be an array of operations.";
    if (operations.length === 0) return "'Operations' must contain at least one operation.";
    if (operations.length > MAX_OPERATIONS)
        return `The bulk request contains ${operations.length} operations; the maximum is ${MAX_OPERATIONS} operations per request.`;
    const failOnErrors = lowerKeyGet(payload, "failOnErrors");
    if (failOnErrors !== undefined && failOnErrors !== null && !(Number.isInteger(failOnErrors) && failOnErrors >= 0))
        return "'failOnErrors' must be null or a non-negative integer.";
    const bulkIds = new Set();
    for (const [i, op] of operations.entries()) {
        const where = `Operations[${i}]`;
        if (!isObject(op)) return `${where} must be an object.`;
        const method = lowerKeyGet(op, "method");
        if (typeof method !== "string" || method.toUpperCase() !== "POST")
            return `${where}: method '${method ?? ""}' is not supported; the only supported method is POST.`;
        const path = lowerKeyGet(op, "path");
        if (typeof path !== "string" || path.toLowerCase() !== "/users") return `${where}: path must be '/Users' (got '${path ?? ""}').`;
        const bulkId = lowerKeyGet(op, "bulkId");
        if ((typeof bulkId !== "string" || !bulkId) && typeof bulkId !== "number") return `${where}: 'bulkId' is required.`;
        if (bulkIds.has(String(bulkId))) return `${where}: 'bulkId' '${bulkId}' is not unique in the request.`;
        bulkIds.add(String(bulkId));
        const data = lowerKeyGet(op, "data");
        if (!isObject(data)) return `${where}: 'data' must be an object.`;
        const dataSchemas = lowerKeyGet(data, "schemas");
        if (!Array.isArray(dataSchemas) || !dataSchemas.includes(CORE_USER) || !dataSchemas.includes(ENTERPRISE_USER))
            return `${where}: data.schemas must contain '${CORE_USER}' and '${ENTERPRISE_USER}'.`;
        const externalId = lowerKeyGet(data, "externalId");
        if (!((typeof externalId === "string" && externalId.trim()) || typeof externalId === "number"))
            return `${where}: data.externalId is required.`;
    }
    return null;
}

// Throttling ("API-driven inbound provisioning concepts"): at most N bulkUpload calls in any rolling S-second
// window per job, and a tenant-level daily quota; both answer 429. Only bulkUpload calls count. Returns null when
// the call may go on.
function admitCall(now) {
    const windowMs = opts.windowSeconds * 1000;
    state.attempts.push(now);
    state.attempts = state.attempts.filter((t) => t > now - windowMs);
    state.stats.maxCallsInWindow = Math.max(state.stats.maxCallsInWindow, state.attempts.length);

    const day = new Date(now).toISOString().slice(0, 10);
    if (state.daily.day !== day) state.daily = {day, count: 0};
    if (state.daily.count >= opts.dailyCap) {
        const midnight = Date.parse(`${day}T00:00:00Z`) + 24 * 3600 * 1000;
        return {kind: "daily", retryAfter: Math.max(1, Math.ceil((midnight - now) / 1000)),
            message: `The tenant has reached its daily limit of ${opts.dailyCap} bulkUpload API calls (UTC day ${day}). Retry after the quota resets.`};
    }
    state.admitted = state.admitted.filter((t) => t > now - windowMs);
    if (state.admitted.length >= opts.callsPerWindow) {
        const retryAfter = Math.max(1, Math.ceil((state.admitted[0] + windowMs - now) / 1000));
        return {kind: "window", retryAfter,
            message: `Too many requests: more than ${opts.callsPerWindow} bulkUpload API calls within ${opts.windowSeconds} seconds for this provisioning job. Retry after ${retryAfter} seconds.`};
    }
    state.admitted.push(now);
    state.daily.count++;
    return null;
}
